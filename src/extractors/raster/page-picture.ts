// The common scan: a page whose content only places one JPEG picture
// (`q a 0 0 d e f cm /Im0 Do Q`). Its encoded bytes, taken from the file,
// are decoded natively by @napi-rs/canvas (libjpeg-turbo) instead of by
// pdfjs's JavaScript decoder (≈ 0.9 s for a 300 dpi page). Anything else —
// other filters, masks, a /Decode array, CMYK, EXIF, rotation, more
// operators or pictures, objects in object streams, encryption — gives undefined and the
// page is rendered by pdfjs as before.
import { concat, type Matrix } from '../pdf/geometry.js';
import { dictOf, filterNames, Lexer, name, PdfFile, type PdfDict, type PdfValue } from './pdf-objects.js';

export interface PagePicture {
  jpeg: Buffer;
  width: number;
  height: number;
  /** Where the picture lands, in points from the top-left of the page's view. */
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The one XObject a content stream paints and the matrix it is painted with, or undefined when it does anything else. */
export function singleDo(content: Buffer): { xobject: string; ctm: Matrix } | undefined {
  const lex = new Lexer(content);
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let operands: string[] = [];
  let found: { xobject: string; ctm: Matrix } | undefined;
  for (let t = lex.next(); t !== undefined; t = lex.next()) {
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) || t.startsWith('/')) {
      operands.push(t);
      continue;
    }
    if (t === 'q' && operands.length === 0) stack.push(ctm);
    else if (t === 'Q' && operands.length === 0 && stack.length > 0) ctm = stack.pop()!;
    else if (t === 'cm' && operands.length === 6 && operands.every((o) => !o.startsWith('/'))) ctm = concat(ctm, operands.map(Number) as Matrix);
    else if (t === 'Do' && operands.length === 1 && operands[0]!.startsWith('/') && !found) found = { xobject: operands[0]!.slice(1), ctm };
    else return undefined;
    operands = [];
  }
  return operands.length === 0 ? found : undefined;
}

/** Components of a baseline or progressive JPEG (1 grey, 3 colour), and whether it carries EXIF (which may turn it). */
function jpegInfo(b: Buffer): { components: number; exif: boolean } | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let off = 2, exif = false;
  while (off + 4 <= b.length && b[off] === 0xff) {
    const marker = b[off + 1]!, len = b.readUInt16BE(off + 2);
    if (marker === 0xe1 && b.toString('latin1', off + 4, off + 8) === 'Exif') exif = true;
    if ((marker === 0xc0 || marker === 0xc1 || marker === 0xc2) && off + 10 <= b.length) return { components: b[off + 9]!, exif };
    off += 2 + len;
  }
  return undefined;
}

function resources(pdf: PdfFile, page: PdfDict): PdfDict | undefined {
  // Resources are inherited down the page tree.
  for (let node: PdfDict | undefined = page, depth = 0; node && depth < 32; node = dictOf(pdf.resolve(node.dict.Parent)), depth++) {
    const r = dictOf(pdf.resolve(node.dict.Resources));
    if (r) return r;
  }
  return undefined;
}

function contents(pdf: PdfFile, page: PdfDict): Buffer | undefined {
  const c = pdf.resolve(page.dict.Contents);
  const parts = Array.isArray(c) ? c.map((x) => dictOf(pdf.resolve(x))) : [dictOf(c)];
  const bufs: Buffer[] = [];
  for (const p of parts) {
    const b = p && pdf.contentStream(p);
    if (!b) return undefined;
    bufs.push(b, Buffer.from('\n'));
  }
  return Buffer.concat(bufs);
}

function plainJpeg(pdf: PdfFile, img: PdfDict): Buffer | undefined {
  const d = img.dict;
  const filters = filterNames(pdf.resolve(d.Filter));
  if (name(d.Subtype) !== 'Image' || !filters || filters.length !== 1 || filters[0] !== 'DCTDecode') return undefined;
  if (d.ImageMask === true || d.SMask !== undefined || d.Mask !== undefined || d.Decode !== undefined || d.DecodeParms !== undefined) return undefined;
  const cs = pdf.resolve(d.ColorSpace);
  const csName = name(cs) ?? (Array.isArray(cs) && name(cs[0]) === 'ICCBased' ? 'ICCBased' : undefined);
  if (csName !== 'DeviceGray' && csName !== 'DeviceRGB' && csName !== 'ICCBased') return undefined;
  const jpeg = pdf.rawStream(img);
  const info = jpeg && jpegInfo(jpeg);
  if (!info || info.exif || (info.components !== 1 && info.components !== 3)) return undefined;
  return jpeg;
}

/** The page's one JPEG picture and its placement, when the page is nothing else; `view` and `ref` as pdfjs gives them. */
export function findPagePicture(pdf: PdfFile, ref: number, view: number[]): PagePicture | undefined {
  if (pdf.encrypted) return undefined;
  const page = dictOf(pdf.object(ref));
  if (!page || name(page.dict.Type) !== 'Page') return undefined;
  const content = contents(pdf, page);
  const paint = content && singleDo(content);
  if (!paint) return undefined;
  const xobjects = dictOf(pdf.resolve(resources(pdf, page)?.dict.XObject));
  const img = dictOf(pdf.resolve(xobjects?.dict[paint.xobject] as PdfValue | undefined));
  const jpeg = img && plainJpeg(pdf, img);
  const width = img?.dict.Width, height = img?.dict.Height;
  if (!jpeg || typeof width !== 'number' || typeof height !== 'number') return undefined;
  // A picture drawn upright and unturned: the unit square scaled and moved, nothing more.
  const [a, b, c, d, e, f] = paint.ctm;
  if (Math.abs(b) > 1e-9 || Math.abs(c) > 1e-9 || a <= 0 || d <= 0) return undefined;
  const [, , , vy1] = view as [number, number, number, number];
  return { jpeg, width, height, x: e - view[0]!, y: vy1 - (f + d), w: a, h: d };
}
