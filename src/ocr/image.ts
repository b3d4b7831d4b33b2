// Grey images (0 = black, 255 = white), the one picture type of the OCR
// room. Pure: decoding from files lives in decode.ts.

export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export function gray(width: number, height: number, fill = 255): Gray {
  return { width, height, data: new Uint8Array(width * height).fill(fill) };
}

/** Luma weights by value: a page is 8 M pixels and the products are the same numbers, looked up. */
const LUMA_R = Float64Array.from({ length: 256 }, (_, v) => 0.299 * v);
const LUMA_G = Float64Array.from({ length: 256 }, (_, v) => 0.587 * v);
const LUMA_B = Float64Array.from({ length: 256 }, (_, v) => 0.114 * v);

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** RGBA (canvas ImageData, UTIF) → grey by luma; transparent pixels count as white paper. */
export function fromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Gray {
  const out = gray(width, height);
  // Whole pixels at a time where the pixel is opaque grey (a scan: nearly all of them), whose luma is its value.
  const words = LITTLE_ENDIAN && rgba.byteOffset % 4 === 0 ? new Uint32Array(rgba.buffer, rgba.byteOffset, out.data.length) : undefined;
  for (let i = 0, j = 0; j < out.data.length; i += 4, j++) {
    if (words) {
      const v = words[j]!;
      if (v >>> 24 === 255 && ((v ^ (v >>> 8)) & 0xffff) === 0) {
        out.data[j] = v & 0xff;
        continue;
      }
    }
    const l = LUMA_R[rgba[i]!]! + LUMA_G[rgba[i + 1]!]! + LUMA_B[rgba[i + 2]!]!;
    const alpha = rgba[i + 3]!;
    if (alpha === 255) out.data[j] = Math.round(l);
    else {
      const a = alpha / 255;
      out.data[j] = Math.round(l * a + 255 * (1 - a));
    }
  }
  return out;
}

export function crop(img: Gray, x0: number, y0: number, x1: number, y1: number): Gray {
  x0 = Math.max(0, Math.floor(x0));
  y0 = Math.max(0, Math.floor(y0));
  x1 = Math.min(img.width, Math.ceil(x1));
  y1 = Math.min(img.height, Math.ceil(y1));
  const w = Math.max(0, x1 - x0), h = Math.max(0, y1 - y0);
  const out = gray(w, h);
  for (let y = 0; y < h; y++) out.data.set(img.data.subarray((y0 + y) * img.width + x0, (y0 + y) * img.width + x0 + w), y * w);
  return out;
}

/** A w × h white image with `img` copied into it at (x, y), pixel for pixel (what falls outside is cut). */
export function placeAt(img: Gray, x: number, y: number, w: number, h: number): Gray {
  const out = gray(w, h);
  const x0 = Math.max(0, x), x1 = Math.min(w, x + img.width);
  for (let row = Math.max(0, y); row < Math.min(h, y + img.height) && x1 > x0; row++) {
    const src = (row - y) * img.width + (x0 - x);
    out.data.set(img.data.subarray(src, src + x1 - x0), row * w + x0);
  }
  return out;
}

/** Bilinear resize (the recogniser wants a fixed height). */
export function resize(img: Gray, w: number, h: number): Gray {
  const out = gray(w, h);
  const sx = img.width / w, sy = img.height / h;
  // Each column's two source columns and weight, worked out once instead of once per row (the same numbers).
  const xa = new Int32Array(w), xb = new Int32Array(w), wx = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    const fx = Math.max(0, (x + 0.5) * sx - 0.5);
    const x0 = Math.min(img.width - 1, Math.floor(fx));
    xa[x] = x0;
    xb[x] = Math.min(img.width - 1, x0 + 1);
    wx[x] = fx - x0;
  }
  const src = img.data;
  for (let y = 0; y < h; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(img.height - 1, Math.floor(fy)), y1 = Math.min(img.height - 1, y0 + 1), dy = fy - y0;
    const r0 = y0 * img.width, r1 = y1 * img.width, at = y * w;
    for (let x = 0; x < w; x++) {
      const dx = wx[x]!;
      const a = src[r0 + xa[x]!]!, b = src[r0 + xb[x]!]!;
      const c = src[r1 + xa[x]!]!, d = src[r1 + xb[x]!]!;
      out.data[at + x] = Math.round((a * (1 - dx) + b * dx) * (1 - dy) + (c * (1 - dx) + d * dx) * dy);
    }
  }
  return out;
}

/** Rotates about the centre by `deg` (positive: counter-clockwise on screen), white where nothing maps. */
export function rotate(img: Gray, deg: number): Gray {
  const out = gray(img.width, img.height);
  const t = (deg * Math.PI) / 180, cos = Math.cos(t), sin = Math.sin(t);
  const cx = img.width / 2, cy = img.height / 2;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      // Inverse map: where in the source does this output pixel come from.
      const dx = x - cx, dy = y - cy;
      const sx = cx + dx * cos - dy * sin, sy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(sx), y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= img.width || y0 + 1 >= img.height) continue;
      const fx = sx - x0, fy = sy - y0, i = y0 * img.width + x0;
      const v = (img.data[i]! * (1 - fx) + img.data[i + 1]! * fx) * (1 - fy) + (img.data[i + img.width]! * (1 - fx) + img.data[i + img.width + 1]! * fx) * fy;
      out.data[y * img.width + x] = Math.round(v);
    }
  }
  return out;
}

/**
 * Darkens the mid-tones (v ↦ 255·(v/255)^gamma; black and white stay): the
 * thin strokes of small type, which a JPEG or a 100 dpi scan leaves light
 * grey, become ink again before lines and rules are sought.
 */
export function darkenMidtones(img: Gray, gamma: number): Gray {
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.round(255 * (v / 255) ** gamma);
  const src = img.data, data = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) data[i] = lut[src[i]!]!;
  return { width: img.width, height: img.height, data };
}

/** Shrinks by `factor` (< 1), each output pixel the mean of the source area it covers (no aliasing of 1-bit strokes). */
export function shrink(img: Gray, factor: number): Gray {
  const w = Math.max(1, Math.round(img.width * factor)), h = Math.max(1, Math.round(img.height * factor));
  if (2 * w === img.width && 2 * h === img.height) return halve(img);
  const out = gray(w, h);
  const sx = img.width / w, sy = img.height / h;
  // Each output column's source columns and their shares, worked out once instead of once per row.
  const first = new Int32Array(w), count = new Int32Array(w), at = new Int32Array(w);
  const shares: number[] = [];
  for (let x = 0; x < w; x++) {
    const xa = x * sx, xb = (x + 1) * sx;
    first[x] = Math.floor(xa);
    at[x] = shares.length;
    for (let i = Math.floor(xa); i < Math.min(img.width, Math.ceil(xb)); i++) shares.push(Math.min(xb, i + 1) - Math.max(xa, i));
    count[x] = shares.length - at[x]!;
  }
  const share = Float64Array.from(shares);
  // Columns halved exactly (a 300 dpi page whose height alone is odd): each output column is two whole source columns.
  const pairs = share.every((v) => v === 1) && count.every((n) => n === 2) && first.every((f, x) => f === 2 * x);
  const cols = new Float64Array(w);
  const src = img.data;
  // A source row's column sums, kept: the row where one output row ends mostly begins the next (same numbers, done once).
  let held = -1, sums = new Float64Array(w), spare = new Float64Array(w);
  for (let y = 0; y < h; y++) {
    const ya = y * sy, yb = (y + 1) * sy;
    cols.fill(0);
    let wy = 0;
    for (let j = Math.floor(ya); j < Math.min(img.height, Math.ceil(yb)); j++) {
      const f = Math.min(yb, j + 1) - Math.max(ya, j);
      wy += f;
      if (j !== held) {
        const row = j * img.width;
        if (pairs) for (let x = 0; x < w; x++) spare[x] = src[row + 2 * x]! + src[row + 2 * x + 1]!;
        else {
          for (let x = 0; x < w; x++) {
            const from = row + first[x]!, k0 = at[x]!, n = count[x]!;
            let s = 0;
            for (let k = 0; k < n; k++) s += src[from + k]! * share[k0 + k]!;
            spare[x] = s;
          }
        }
        [sums, spare] = [spare, sums];
        held = j;
      }
      for (let x = 0; x < w; x++) cols[x]! += f * sums[x]!;
    }
    for (let x = 0; x < w; x++) out.data[y * w + x] = Math.round(cols[x]! / (wy * sx));
  }
  return out;
}

/** Exactly half the size (300 to 150 dpi): each pixel the mean of four, rounded as `shrink` rounds it. */
function halve(img: Gray): Gray {
  const w = img.width >> 1, h = img.height >> 1, W = img.width, src = img.data;
  const out = gray(w, h);
  for (let y = 0; y < h; y++) {
    const r0 = 2 * y * W, r1 = r0 + W, at = y * w;
    for (let x = 0; x < w; x++) out.data[at + x] = Math.round((src[r0 + 2 * x]! + src[r0 + 2 * x + 1]! + src[r1 + 2 * x]! + src[r1 + 2 * x + 1]!) / 4);
  }
  return out;
}
