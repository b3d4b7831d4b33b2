// The common scan: a page whose content only places one picture (`q a 0 0
// d e f cm /Im0 Do Q`). A JPEG's encoded bytes, taken from the file, are
// decoded natively by @napi-rs/canvas (libjpeg-turbo) instead of by pdfjs's
// JavaScript decoder (≈ 0.9 s for a 300 dpi page); an 8-bit grey or RGB
// picture stored with Flate (what img2pdf writes for a PNG) is inflated by
// Node's zlib and its PNG predictor undone here (pdfjs: ≈ 1.2 s JavaScript
// inflate for a 300 dpi page); a 1-bit Group 4 fax picture is decoded by
// ocr/ccitt.ts straight to grey (pdfjs painted it through an RGBA canvas
// read back: ≈ 0.5 s a 300 dpi page). Anything else — other filters, masks, a
// /Decode array, CMYK, EXIF, rotation, more operators or pictures,
// annotations, objects in object streams, encryption — gives undefined and
// the page is rendered by pdfjs as before.
import { inflateSync } from 'node:zlib';
import { concat, type Matrix } from '../pdf/geometry.js';
import { MAX_PIXELS } from '../../ocr/decode.js';
import { gray, type Gray } from '../../ocr/image.js';
import { dictOf, filterNames, Lexer, name, PdfFile, type PdfDict, type PdfValue } from './pdf-objects.js';

/** How the picture's pixels are stored: a JPEG file, or Flate-compressed rows of 8-bit samples. */
export type Encoded = { kind: 'jpeg'; jpeg: Buffer } | { kind: 'flate'; data: Buffer; colors: 1 | 3; png: boolean } | { kind: 'ccitt'; data: Buffer; blackIs1: boolean };

export type PagePicture = Encoded & {
  width: number;
  height: number;
  /** Where the picture lands, in points from the top-left of the page's view. */
  x: number;
  y: number;
  w: number;
  h: number;
};

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

/** Stored as decoders of every kind read it alike: no mask, no /Decode, no optional content. */
function plainImage(img: PdfDict): boolean {
  const d = img.dict;
  return name(d.Subtype) === 'Image' && d.ImageMask !== true && d.SMask === undefined && d.Mask === undefined && d.Decode === undefined && d.OC === undefined;
}

function colourSpace(pdf: PdfFile, img: PdfDict): string | undefined {
  const cs = pdf.resolve(img.dict.ColorSpace);
  return name(cs) ?? (Array.isArray(cs) && name(cs[0]) === 'ICCBased' ? 'ICCBased' : undefined);
}

function plainJpeg(pdf: PdfFile, img: PdfDict): Buffer | undefined {
  const d = img.dict;
  const filters = filterNames(pdf.resolve(d.Filter));
  if (!filters || filters.length !== 1 || filters[0] !== 'DCTDecode' || d.DecodeParms !== undefined) return undefined;
  const csName = colourSpace(pdf, img);
  if (csName !== 'DeviceGray' && csName !== 'DeviceRGB' && csName !== 'ICCBased') return undefined;
  const jpeg = pdf.rawStream(img);
  const info = jpeg && jpegInfo(jpeg);
  if (!info || info.exif || (info.components !== 1 && info.components !== 3)) return undefined;
  return jpeg;
}

/** 8-bit DeviceGray or DeviceRGB samples under Flate alone, without predictor or with PNG's (as img2pdf stores a PNG). */
function plainFlate(pdf: PdfFile, img: PdfDict): Encoded | undefined {
  const d = img.dict;
  const filters = filterNames(pdf.resolve(d.Filter));
  if (!filters || filters.length !== 1 || filters[0] !== 'FlateDecode' || pdf.resolve(d.BitsPerComponent) !== 8) return undefined;
  const colors = ({ DeviceGray: 1, DeviceRGB: 3 } as const)[colourSpace(pdf, img) as 'DeviceGray' | 'DeviceRGB'];
  if (!colors) return undefined;
  const parms = pdf.resolve(d.DecodeParms);
  const p = dictOf(Array.isArray(parms) && parms.length === 1 ? pdf.resolve(parms[0]) : parms);
  if (parms !== undefined && parms !== null && !p) return undefined;
  const get = (k: string, dflt: number) => {
    const v = p ? pdf.resolve(p.dict[k]) : undefined;
    return v === undefined ? dflt : v;
  };
  const predictor = get('Predictor', 1);
  const png = typeof predictor === 'number' && predictor >= 10;
  if (predictor !== 1 && !png) return undefined; // TIFF predictor 2: left to pdfjs
  if (png && (get('Colors', 1) !== colors || get('BitsPerComponent', 8) !== 8 || get('Columns', 1) !== d.Width)) return undefined;
  const data = pdf.rawStream(img);
  return data && { kind: 'flate', data, colors, png };
}

/** 1-bit DeviceGray under CCITTFaxDecode alone, Group 4 (K < 0) as scanners write it, no byte-aligned rows or end-of-line codes. */
function plainCcitt(pdf: PdfFile, img: PdfDict): Encoded | undefined {
  const d = img.dict;
  const filters = filterNames(pdf.resolve(d.Filter));
  if (!filters || filters.length !== 1 || filters[0] !== 'CCITTFaxDecode' || pdf.resolve(d.BitsPerComponent) !== 1 || colourSpace(pdf, img) !== 'DeviceGray') return undefined;
  const parms = pdf.resolve(d.DecodeParms);
  const p = dictOf(Array.isArray(parms) && parms.length === 1 ? pdf.resolve(parms[0]) : parms);
  if (!p) return undefined;
  const get = (k: string) => pdf.resolve(p.dict[k]);
  const k = get('K'), rows = get('Rows'), blackIs1 = get('BlackIs1') ?? false;
  if (typeof k !== 'number' || k >= 0 || (get('Columns') ?? 1728) !== pdf.resolve(d.Width) || (rows !== undefined && rows !== pdf.resolve(d.Height))) return undefined;
  if ((get('EncodedByteAlign') ?? false) !== false || (get('EndOfLine') ?? false) !== false || typeof blackIs1 !== 'boolean') return undefined;
  const data = pdf.rawStream(img);
  return data && { kind: 'ccitt', data, blackIs1 };
}


/**
 * The grey pixels of a Flate picture: inflated natively (no further than the
 * picture's size: a deflate bomb stops there), PNG rows un-filtered, RGB to
 * grey by the same luma as a canvas's pixels (image.ts fromRgba). Throws on
 * data that is short or a row filter that is unknown.
 */
export function flateGray(pic: Extract<PagePicture, { kind: 'flate' }>): Gray {
  const { width, height, colors, png } = pic;
  // A bigger picture goes to pdfjs, which has its own limit.
  if (width * height > MAX_PIXELS) throw new Error(`the picture is ${width}×${height} pixels, above the limit`);
  const row = width * colors, stride = row + (png ? 1 : 0);
  const inflated = inflateSync(pic.data, { maxOutputLength: stride * height });
  if (inflated.length < stride * height) throw new Error('the picture\'s data is cut short');
  // A plain Uint8Array view: the loops below then see one kind of array (a Buffer beside a Uint8Array made them polymorphic).
  const raw = new Uint8Array(inflated.buffer, inflated.byteOffset, stride * height);
  // Rows are un-filtered in place, each against the row above as already un-filtered (zeros above the first).
  if (png) for (let y = 0; y < height; y++) unfilterRow(raw, y * stride + 1, y > 0 ? (y - 1) * stride + 1 : -1, row, colors);
  const out = gray(width, height);
  for (let y = 0; y < height; y++) {
    const from = y * stride + (png ? 1 : 0), at = y * width;
    if (colors === 1) out.data.set(raw.subarray(from, from + row), at);
    else for (let i = from, j = at, end = from + row; i < end; i += 3, j++) {
      const r = raw[i]!, g = raw[i + 1]!, b = raw[i + 2]!;
      out.data[j] = r === g && g === b ? r : Math.round(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
  return out;
}

/**
 * One PNG row's filter undone in place (RFC 2083 §6): the row of `n` bytes
 * at `at` in `buf`, after its filter-type byte, against the row at `above`
 * (-1: zeros); `bpp` bytes a pixel. A Uint8Array keeps each sum modulo 256.
 */
function unfilterRow(buf: Uint8Array, at: number, above: number, n: number, bpp: number): void {
  const type = buf[at - 1]!;
  const end = at + n;
  switch (type) {
    case 0:
      return;
    case 1:
      for (let i = at + bpp; i < end; i++) buf[i] = buf[i]! + buf[i - bpp]!;
      return;
    case 2:
      if (above >= 0) for (let i = at, j = above; i < end; i++, j++) buf[i] = buf[i]! + buf[j]!;
      return;
    case 3:
      if (above < 0) {
        for (let i = at + bpp; i < end; i++) buf[i] = buf[i]! + (buf[i - bpp]! >> 1);
        return;
      }
      for (let i = at, j = above; i < at + bpp; i++, j++) buf[i] = buf[i]! + (buf[j]! >> 1);
      for (let i = at + bpp, j = above + bpp; i < end; i++, j++) buf[i] = buf[i]! + ((buf[i - bpp]! + buf[j]!) >> 1);
      return;
    case 4:
      // Above the first row b and c are 0: Paeth picks a (the Sub filter). Left of the first pixel a and c are 0: it picks b.
      if (above < 0) {
        for (let i = at + bpp; i < end; i++) buf[i] = buf[i]! + buf[i - bpp]!;
        return;
      }
      for (let i = at, j = above; i < at + bpp; i++, j++) buf[i] = buf[i]! + buf[j]!;
      for (let i = at + bpp, j = above + bpp; i < end; i++, j++) {
        const a = buf[i - bpp]!, b = buf[j]!, c = buf[j - bpp]!;
        const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
        buf[i] = buf[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      return;
    default:
      throw new Error(`unknown PNG row filter ${type}`);
  }
}

/** The one image XObject a page paints and the matrix it is painted with (the page's own space), when the page is nothing else. */
export function pageImage(pdf: PdfFile, ref: number): { img: PdfDict; width: number; height: number; ctm: Matrix } | undefined {
  if (pdf.encrypted) return undefined;
  const page = dictOf(pdf.object(ref));
  // Annotations are drawn over the page (a stamp, a note): not this simple page.
  if (!page || name(page.dict.Type) !== 'Page' || page.dict.Annots !== undefined) return undefined;
  const content = contents(pdf, page);
  const paint = content && singleDo(content);
  if (!paint) return undefined;
  const xobjects = dictOf(pdf.resolve(resources(pdf, page)?.dict.XObject));
  const img = dictOf(pdf.resolve(xobjects?.dict[paint.xobject] as PdfValue | undefined));
  const width = img && pdf.resolve(img.dict.Width), height = img && pdf.resolve(img.dict.Height);
  if (!img || !plainImage(img) || typeof width !== 'number' || typeof height !== 'number' || width < 1 || height < 1) return undefined;
  return { img, width, height, ctm: paint.ctm };
}

/** The page's one picture (JPEG, 8-bit Flate or Group 4 fax) and its placement, when the page is nothing else; `view` and `ref` as pdfjs gives them. */
export function findPagePicture(pdf: PdfFile, ref: number, view: number[]): PagePicture | undefined {
  const found = pageImage(pdf, ref);
  if (!found) return undefined;
  const { img, width, height } = found;
  const jpeg = plainJpeg(pdf, img);
  const encoded: Encoded | undefined = jpeg ? { kind: 'jpeg', jpeg } : (plainFlate(pdf, img) ?? plainCcitt(pdf, img));
  if (!encoded) return undefined;
  // A picture drawn upright and unturned: the unit square scaled and moved, nothing more.
  const [a, b, c, d, e, f] = found.ctm;
  if (Math.abs(b) > 1e-9 || Math.abs(c) > 1e-9 || a <= 0 || d <= 0) return undefined;
  const [, , , vy1] = view as [number, number, number, number];
  return { ...encoded, width, height, x: e - view[0]!, y: vy1 - (f + d), w: a, h: d };
}
