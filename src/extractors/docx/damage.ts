// Damaged parts of a DOCX package. Only word/document.xml holds the report's
// text and tables; every other part mammoth reads (styles, numbering, notes,
// headers, relationships, content types) shapes or adds to it. A part that
// does not unzip or is not well-formed XML is left out, and the finding says
// in plain words what that costs, instead of the whole document failing with
// the XML parser's message.
import { parseXml } from './fixups.js';
import { tagEnd } from './flatten-xml.js';
import { MAX_TEXT_PART_BYTES } from './limits.js';
import { ZipError, type ZipArchive } from './zip.js';

export const BODY = 'word/document.xml';

const LOSSES: Array<[RegExp, string]> = [
  [/^word\/styles\.xml$/, 'its styles (formatting only: paragraph, heading and table styles; no text is lost)'],
  [/^word\/numbering\.xml$/, 'its list numbering (numbers Word generates for lists, such as "一、" or "1.", are missing from the text)'],
  [/^word\/(footnotes|endnotes)\.xml$/, 'the text of its footnotes or endnotes'],
  [/^word\/comments\.xml$/, 'its comments'],
  [/^word\/(header|footer)\d*\.xml$/, 'the text of a page header or footer'],
  [/^word\/_rels\/document\.xml\.rels$/, 'the links from the body to its other parts (styles, numbering, notes, headers, hyperlink targets)'],
  [/^_rels\/\.rels$/, 'the package index (the body was read from its usual place, word/document.xml)'],
  [/^\[Content_Types\]\.xml$/, 'the list of content types (used only for images, which are not read)'],
  [/^word\/settings\.xml$/, 'its settings (none of them change the text)'],
];

/** What leaving `part` out costs, in words. */
export function lossOf(part: string): string {
  return LOSSES.find(([re]) => re.test(part))?.[1] ?? 'whatever that part adds to the body';
}

/** Why a part cannot be read, in plain words; undefined when it reads and parses. */
export function partDamage(zip: ZipArchive, name: string): string | undefined {
  let text: string;
  try {
    const declared = zip.entries.get(name)?.size ?? 0;
    if (declared > MAX_TEXT_PART_BYTES) return `is ${(declared / 1024 / 1024).toFixed(1)} MiB, above the ${MAX_TEXT_PART_BYTES / 1024 / 1024} MiB read from one part`;
    text = new TextDecoder('utf-8').decode(zip.read(name));
  } catch (err) {
    return err instanceof ZipError ? `does not unzip (${err.message.replace(/^ZIP entry "[^"]*" /, '')})` : 'does not unzip';
  }
  const xml = text.replace(/^\uFEFF/, '');
  if (!xmlBalanced(xml)) return 'is cut short or garbled: not well-formed XML';
  const { doc, errors } = parseXml(xml, true);
  if (errors.length === 0 && doc.documentElement) return undefined;
  const shape = /unclosed|end|EOF|not closed/i.test(errors.join(' ')) ? 'is cut short or garbled' : 'is garbled';
  return `${shape}: not well-formed XML`;
}

/** The XML parts mammoth may read besides the body, in archive order. */
export function optionalXmlParts(zip: ZipArchive): string[] {
  return [...zip.entries.keys()].filter((n) => n !== BODY && /\.(xml|rels)$/i.test(n) && !n.startsWith('docProps/') && !n.startsWith('customXml/'));
}

export interface SalvagedBody {
  xml: string;
  /** Top-level body elements (paragraphs, tables) kept. */
  kept: number;
}

interface Scan {
  /** Ends of whole top-level body elements, with the tags that close the prefix up to each. */
  ends: Array<{ at: number; close: string }>;
  /** Whether every end tag closed the element open before it and nothing was left open. */
  balanced: boolean;
}

/**
 * One tolerant pass over XML: where the body's top-level elements end, up to
 * the first end tag that closes the wrong element (garbling) or the end of a
 * part left open (a cut). Linear, where xmldom's tree building on a damaged
 * part is not (measured 20 s for a 300 KB body cut mid-table).
 */
function scanXml(xml: string): Scan {
  const ends: Scan['ends'] = [];
  const open: string[] = [];
  const name = /[^\s/>]+/y;
  const tagName = (at: number): string => {
    name.lastIndex = at;
    return name.exec(xml)?.[0] ?? '';
  };
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    const skip = xml.startsWith('<!--', i) ? '-->' : xml.startsWith('<![CDATA[', i) ? ']]>' : xml[i + 1] === '?' ? '?>' : xml[i + 1] === '!' ? '>' : '';
    if (skip) {
      const e = xml.indexOf(skip, i + 2);
      if (e < 0) return { ends, balanced: false };
      i = e + skip.length;
    } else {
      // Quote-aware: attribute values may hold '>' (a field code's "IF … > 1").
      const end = tagEnd(xml, i + 1) - 1;
      if (end >= xml.length || xml[end] !== '>') return { ends, balanced: false };
      if (xml[i + 1] === '/') {
        if (open.pop() !== tagName(i + 2)) return { ends, balanced: false };
        // Back at the body's children: a whole top-level element ends here.
        if (open.length === 2) ends.push({ at: end + 1, close: `</${open[1]}></${open[0]}>` });
      } else if (xml[end - 1] !== '/') open.push(tagName(i + 1));
      else if (open.length === 2) ends.push({ at: end + 1, close: `</${open[1]}></${open[0]}>` });
      i = end + 1;
    }
    if (i < xml.length) i = xml.indexOf('<', i);
  }
  return { ends, balanced: open.length === 0 };
}

/** Whether the tags of `xml` pair up (a quick test before any parser sees it). */
export function xmlBalanced(xml: string): boolean {
  return scanXml(xml).balanced;
}

/**
 * The body up to its last whole top-level element (paragraph or table) before
 * the damage, closed again: the elements after the damage are lost, those
 * before it are read. The longest prefix xmldom accepts is found by bisection
 * over the boundaries the scan found before the damage.
 */
export function salvageBody(xml: string): SalvagedBody | undefined {
  const { ends } = scanXml(xml);
  const sound = (k: number): boolean => {
    const { doc, errors } = parseXml(xml.slice(0, ends[k]!.at) + ends[k]!.close, true);
    return errors.length === 0 && doc.documentElement !== null;
  };
  let lo = -1;
  let hi = ends.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (sound(mid)) lo = mid;
    else hi = mid;
  }
  if (lo < 0) return undefined;
  return { xml: xml.slice(0, ends[lo]!.at) + ends[lo]!.close, kept: lo + 1 };
}
