// Image files → grey pixels, at the edge: PNG and JPEG through
// @napi-rs/canvas (already in the tree for pdfjs), TIFF through utif (pure
// JavaScript, multi-page, CCITT fax as scanners write it).
import { fromRgba, type Gray } from './image.js';

export type ImageKind = 'png' | 'jpeg' | 'tiff';

export function imageKind(buf: Buffer): ImageKind | undefined {
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0x89504e47 && buf.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 4 && ((buf[0] === 0x49 && buf[1] === 0x49 && buf[2] === 0x2a && buf[3] === 0) || (buf[0] === 0x4d && buf[1] === 0x4d && buf[2] === 0 && buf[3] === 0x2a))) return 'tiff';
  return undefined;
}

export interface DecodedPage {
  image: Gray;
  /** Resolution stored in the file, when it says one. */
  dpi?: number;
}

/** PNG pHYs / JPEG JFIF density in dots per inch, when present. */
function storedDpi(buf: Buffer, kind: ImageKind): number | undefined {
  if (kind === 'png') {
    let off = 8;
    while (off + 8 <= buf.length) {
      const len = buf.readUInt32BE(off), type = buf.toString('latin1', off + 4, off + 8);
      if (type === 'pHYs' && len >= 9 && buf[off + 16] === 1) return Math.round(buf.readUInt32BE(off + 8) * 0.0254);
      if (type === 'IDAT') break;
      off += 12 + len;
    }
  } else if (kind === 'jpeg' && buf.toString('latin1', 6, 10) === 'JFIF') {
    const unit = buf[13], x = buf.readUInt16BE(14);
    if (unit === 1 && x > 1) return x;
    if (unit === 2 && x > 1) return Math.round(x * 2.54);
  }
  return undefined;
}

/** Largest picture decoded (pixels): a scan of an A3 page at 600 dpi is 70 M. */
export const MAX_PIXELS = 100_000_000;

/**
 * The structure @napi-rs/canvas needs before it is handed the bytes: it
 * crashed the process (segmentation fault) on a PNG or JPEG cut after its
 * header. A PNG needs IHDR and image data inside the file; a JPEG a frame
 * header and the start of its scan. Sizes past MAX_PIXELS are refused.
 */
export function checkStructure(buf: Buffer, kind: 'png' | 'jpeg'): void {
  let w = 0, h = 0, data = false;
  if (kind === 'png') {
    let off = 8;
    while (off + 12 <= buf.length) {
      const len = buf.readUInt32BE(off), type = buf.toString('latin1', off + 4, off + 8);
      if (off + 12 + len > buf.length) break;
      if (type === 'IHDR' && len >= 8) [w, h] = [buf.readUInt32BE(off + 8), buf.readUInt32BE(off + 12)];
      if (type === 'IDAT' && len > 0) data = true;
      off += 12 + len;
    }
  } else {
    let off = 2;
    while (off + 4 <= buf.length && buf[off] === 0xff) {
      const marker = buf[off + 1]!, len = buf.readUInt16BE(off + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc && off + 9 <= buf.length) [h, w] = [buf.readUInt16BE(off + 5), buf.readUInt16BE(off + 7)];
      if (marker === 0xda) {
        data = off + 2 + len + 16 <= buf.length;
        break;
      }
      off += 2 + len;
    }
  }
  if (w === 0 || h === 0 || !data) throw new Error(`the ${kind.toUpperCase()} file is cut short or damaged (no image data)`);
  if (w * h > MAX_PIXELS) throw new Error(`the picture is ${w}×${h} pixels, above the ${MAX_PIXELS / 1e6} M pixel limit`);
}

export async function decodeImage(buf: Buffer): Promise<DecodedPage[]> {
  const kind = imageKind(buf);
  if (!kind) throw new Error('not a PNG, JPEG or TIFF image');
  if (kind !== 'tiff') checkStructure(buf, kind);
  if (kind === 'tiff') {
    const UTIF = (await import('utif')).default;
    const ifds = UTIF.decode(buf);
    const pages: DecodedPage[] = [];
    for (const ifd of ifds) {
      if ((ifd.width ?? 0) * (ifd.height ?? 0) > MAX_PIXELS) throw new Error(`a TIFF page is ${ifd.width}×${ifd.height} pixels, above the ${MAX_PIXELS / 1e6} M pixel limit`);
      UTIF.decodeImage(buf, ifd);
      if (!ifd.width || !ifd.height) continue;
      const res = ifd.t282?.[0];
      const unit = ifd.t296?.[0] ?? 2;
      const page: DecodedPage = { image: fromRgba(UTIF.toRGBA8(ifd), ifd.width, ifd.height) };
      if (res && res > 1) page.dpi = Math.round(unit === 3 ? res * 2.54 : res);
      pages.push(page);
    }
    if (pages.length === 0) throw new Error('the TIFF holds no image');
    return pages;
  }
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const img = await loadImage(buf);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, img.width, img.height);
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  const page: DecodedPage = { image: fromRgba(data, img.width, img.height) };
  const dpi = storedDpi(buf, kind);
  if (dpi) page.dpi = dpi;
  return [page];
}
