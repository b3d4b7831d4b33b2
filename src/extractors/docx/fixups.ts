// What mammoth drops without a warning, put back into word/document.xml
// before mammoth reads it (notes/extraction.md, DOCX):
//
// - w:gridBefore / w:gridAfter (ECMA-376 Part 1, 17.4.14 / 17.4.15): a row
//   that starts (ends) n grid columns in has no cells there. mammoth ignores
//   it, so every cell of the row shifts left and vMerge continuations below
//   attach to the wrong column. Fix: an empty placeholder cell spanning n
//   columns where the row skips them.
// - w:hMerge (17.4.22, legacy horizontal merge written by old Word and WPS):
//   "restart" opens a merged cell, following cells without a value continue
//   it. mammoth keeps each part as its own cell, so a header over five columns
//   becomes one narrow header and four blanks. Fix: one cell with gridSpan =
//   the sum of the parts; text of continuation parts is moved into it.
//
// The XML is parsed here only when the raw text names one of these elements,
// so ordinary documents are parsed once (by mammoth) and never re-serialised.
import { createRequire } from 'node:module';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
// Elements are matched by their usual `w:` prefix; the namespace is the
// document's own, transitional (W) or ISO 29500 strict, which mammoth also reads.

// Minimal DOM surface used here. @xmldom/xmldom's own typings pull the whole
// DOM lib into the program, which would change global types for everyone.
interface XNode {
  nodeType: number;
  nodeName: string;
  parentNode: XNode | null;
  childNodes: ArrayLike<XNode>;
  firstChild: XNode | null;
  getAttribute(name: string): string | null;
  setAttributeNS(ns: string, name: string, value: string): void;
  getElementsByTagNameNS(ns: string, local: string): ArrayLike<XNode>;
  removeChild(child: XNode): XNode;
  appendChild(child: XNode): XNode;
  insertBefore(child: XNode, ref: XNode | null): XNode;
}
interface XDoc extends XNode {
  documentElement: (XNode & { namespaceURI: string | null }) | null;
  createElementNS(ns: string, name: string): XNode;
}
interface XmlDom {
  DOMParser: new (opts?: { errorHandler?: Record<'warning' | 'error' | 'fatalError', (msg: string) => void> }) => {
    parseFromString(s: string, mime: string): XDoc;
  };
  XMLSerializer: new () => { serializeToString(n: XNode): string };
}
const xmldom = createRequire(import.meta.url)('@xmldom/xmldom') as XmlDom;

export interface FixupCounts {
  gridBefore: number;
  gridAfter: number;
  hMerge: number;
}

const nsOf = (doc: XDoc): string => doc.documentElement?.namespaceURI ?? W;
const el = (doc: XDoc, name: string): XNode => doc.createElementNS(nsOf(doc), name);

const children = (n: XNode, name?: string): XNode[] =>
  Array.from(n.childNodes).filter((c) => c.nodeType === 1 && (name === undefined || c.nodeName === name));
const child = (n: XNode, name: string): XNode | undefined => children(n, name)[0];
const intVal = (n: XNode | undefined): number => {
  const v = Number.parseInt(n?.getAttribute('w:val') ?? '', 10);
  return Number.isFinite(v) && v > 0 ? Math.min(v, 63) : 0; // 63: the most columns Word allows
};

/** The tcPr of a cell, created (as first child, its schema place) when missing. */
function tcPr(doc: XDoc, tc: XNode): XNode {
  const found = child(tc, 'w:tcPr');
  if (found) return found;
  return tc.insertBefore(el(doc, 'w:tcPr'), tc.firstChild);
}

function setSpan(doc: XDoc, tc: XNode, span: number): void {
  const pr = tcPr(doc, tc);
  const old = child(pr, 'w:gridSpan');
  if (old) pr.removeChild(old);
  if (span <= 1) return;
  const gs = el(doc, 'w:gridSpan');
  gs.setAttributeNS(nsOf(doc), 'w:val', String(span));
  pr.insertBefore(gs, pr.firstChild);
}

function placeholder(doc: XDoc, span: number): XNode {
  const tc = el(doc, 'w:tc');
  setSpan(doc, tc, span);
  tc.appendChild(el(doc, 'w:p'));
  return tc;
}

const spanOf = (tc: XNode): number => Math.max(1, intVal(child(child(tc, 'w:tcPr') ?? tc, 'w:gridSpan')));

/** Merges hMerge runs of one row into single cells; returns how many runs were merged. */
function mergeRow(doc: XDoc, tr: XNode): number {
  let merged = 0;
  let open: XNode | undefined;
  let span = 0;
  for (const tc of children(tr, 'w:tc')) {
    const pr = child(tc, 'w:tcPr');
    const h = pr && child(pr, 'w:hMerge');
    const val = h?.getAttribute('w:val');
    if (h) pr!.removeChild(h);
    if (h && val !== 'restart' && open) {
      // Continuation: its paragraphs join the open cell unless they are empty.
      for (const p of children(tc, 'w:p')) if (p.firstChild && children(p).some((c) => c.nodeName !== 'w:pPr')) open.appendChild(p);
      span += spanOf(tc);
      tr.removeChild(tc);
      continue;
    }
    if (open && span > spanOf(open)) (setSpan(doc, open, span), merged++);
    open = h && val === 'restart' ? tc : undefined;
    span = open ? spanOf(tc) : 0;
  }
  if (open && span > spanOf(open)) (setSpan(doc, open, span), merged++);
  return merged;
}

/** Rows of all tables: skip cells (gridBefore/After) and legacy hMerge runs. */
function fixRow(doc: XDoc, tr: XNode, counts: FixupCounts): void {
  const trPr = child(tr, 'w:trPr');
  const before = intVal(trPr && child(trPr, 'w:gridBefore'));
  const after = intVal(trPr && child(trPr, 'w:gridAfter'));
  counts.hMerge += mergeRow(doc, tr);
  if (before > 0) {
    // After w:tblPrEx / w:trPr, before the first cell (or sdt/customXml wrapper).
    const first = children(tr).find((c) => c.nodeName !== 'w:tblPrEx' && c.nodeName !== 'w:trPr') ?? null;
    tr.insertBefore(placeholder(doc, before), first);
    counts.gridBefore++;
  }
  if (after > 0) {
    tr.appendChild(placeholder(doc, after));
    counts.gridAfter++;
  }
}

/** Quick test on the raw XML: does this document need the DOM pass at all? */
export function needsFixups(xml: string): boolean {
  return /<w:(gridBefore|gridAfter|hMerge)\b/.test(xml);
}

/** Parses XML with xmldom, collecting its errors (and, with `warnings`, what mammoth also refuses) instead of throwing. */
export function parseXml(xml: string, warnings = false): { doc: XDoc; errors: string[] } {
  const errors: string[] = [];
  const keep = (msg: string): void => void errors.push(msg.replace(/^\[xmldom \w+\]\s*/, '').trim());
  const handler = { warning: warnings ? keep : () => undefined, error: keep, fatalError: keep };
  const doc = new xmldom.DOMParser({ errorHandler: handler }).parseFromString(xml, 'text/xml');
  return { doc, errors };
}

/** Returns document.xml with the fix-ups applied, and what was fixed. Throws on XML that does not parse. */
export function fixDocumentXml(xml: string): { xml: string; counts: FixupCounts } {
  const counts: FixupCounts = { gridBefore: 0, gridAfter: 0, hMerge: 0 };
  if (!needsFixups(xml)) return { xml, counts };
  const { doc, errors } = parseXml(xml);
  if (errors.length > 0 || !doc.documentElement) throw new Error(`word/document.xml is not well-formed XML: ${errors[0] ?? 'no root element'}`);
  for (const tr of Array.from(doc.getElementsByTagNameNS(nsOf(doc), 'tr'))) fixRow(doc, tr, counts);
  return { xml: new xmldom.XMLSerializer().serializeToString(doc), counts };
}
