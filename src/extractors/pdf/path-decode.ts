// Decoding the path buffer of pdfjs 5.4.296's `OPS.constructPath`.
// Since pdfjs 5.1 the path operators of a PDF (m, l, c, v, y, h, re) are
// folded into one op whose args are [paintOp, [Float32Array | null], minMax].
// The Float32Array holds DrawOPS codes followed by their coordinates. The
// codes are not exported by pdfjs and changed after 5.4 (see
// pdf.worker.mjs `const DrawOPS`, `buildPath`), so pdfjs-dist is pinned and
// test/pdf-path.test.ts checks this decoder on a PDF made for it.
import { apply, type Matrix, type Segment } from './geometry.js';

/** DrawOPS of pdfjs-dist 5.4.296 (pdf.worker.mjs). */
export const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, closePath: 3 } as const;

export interface SubPath {
  points: [number, number][];
  closed: boolean;
  curved: boolean;
}

/** Splits a DrawOPS buffer into subpaths with their points, untransformed. */
export function decodePath(buf: ArrayLike<number> | null | undefined): SubPath[] {
  const out: SubPath[] = [];
  if (!buf) return out;
  let cur: SubPath | undefined;
  // After h the current point is the closed subpath's start: a lineTo may follow without m.
  let reopen: [number, number] | undefined;
  const start = (x: number, y: number): void => {
    cur = { points: [[x, y]], closed: false, curved: false };
    out.push(cur);
  };
  for (let k = 0; k < buf.length; ) {
    const code = buf[k++];
    if (code === DRAW.moveTo) {
      start(buf[k]!, buf[k + 1]!);
      k += 2;
    } else if (code === DRAW.lineTo) {
      if (!cur) start(...(reopen ?? [buf[k]!, buf[k + 1]!]));
      cur!.points.push([buf[k]!, buf[k + 1]!]);
      k += 2;
    } else if (code === DRAW.curveTo) {
      // Curves never draw table rules: the curve ends the subpath, and the
      // path goes on from its end point as a new (curve-tainted) subpath.
      if (cur) cur.curved = true;
      start(buf[k + 4]!, buf[k + 5]!);
      cur!.curved = true;
      k += 6;
    } else if (code === DRAW.closePath) {
      if (cur) {
        cur.closed = true;
        reopen = cur.points[0];
        cur = undefined;
      }
    } else {
      throw new Error(`unknown path code ${code} at ${k - 1}: pdfjs-dist's constructPath packing changed`);
    }
  }
  return out;
}

/** Within this distance (pt) a line counts as horizontal or vertical. */
const AXIS_TOL = 0.6;
/** Filled rectangles thinner than this (pt) are rules (Word/WPS borders). */
export const THIN_FILL = 2.5;

function axisSegment(ax: number, ay: number, bx: number, by: number): Segment | undefined {
  if (Math.abs(ay - by) <= AXIS_TOL && Math.abs(ax - bx) > AXIS_TOL) {
    const y = (ay + by) / 2;
    return { axis: 'h', x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: y, y1: y };
  }
  if (Math.abs(ax - bx) <= AXIS_TOL && Math.abs(ay - by) > AXIS_TOL) {
    const x = (ax + bx) / 2;
    return { axis: 'v', x0: x, x1: x, y0: Math.min(ay, by), y1: Math.max(ay, by) };
  }
  return undefined;
}

/** Rules drawn by stroking: every straight axis-aligned piece, the closing edge included. */
export function strokeSegments(paths: SubPath[], m: Matrix): Segment[] {
  const out: Segment[] = [];
  for (const p of paths) {
    const pts = p.points.map(([x, y]) => apply(m, x, y));
    if (p.closed && pts.length > 2) pts.push(pts[0]!);
    for (let i = 1; i < pts.length; i++) {
      const s = axisSegment(pts[i - 1]![0], pts[i - 1]![1], pts[i]![0], pts[i]![1]);
      if (s) out.push(s);
    }
  }
  return out;
}

/** Area of a polygon (shoelace). */
function area(pts: [number, number][]): number {
  let a = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x0, y0] = pts[i]!, [x1, y1] = pts[(i + 1) % pts.length]!;
    a += x0 * y1 - x1 * y0;
  }
  return Math.abs(a) / 2;
}

/**
 * Rules drawn by filling thin axis-aligned rectangles: the rectangle's centre
 * line. Chromium draws the inset/outset borders of `<table border>` cells as
 * thin trapezoids (corners bevelled where two borders of different colours
 * meet, one border width short at each end), so a thin quadrilateral that
 * fills most of its bounding box is a rule too; a thin slanted sliver is not.
 */
export function fillSegments(paths: SubPath[], m: Matrix): Segment[] {
  const out: Segment[] = [];
  for (const p of paths) {
    if (p.curved || p.points.length < 4 || p.points.length > 5) continue;
    const pts = p.points.map(([x, y]) => apply(m, x, y));
    const xs = pts.map((q) => q[0]);
    const ys = pts.map((q) => q[1]);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const w = x1 - x0, h = y1 - y0;
    // Every corner on the bounding box (a rectangle), or a thin shape filling most of it (a bevelled border).
    const onBox = pts.every(([x, y]) => (Math.abs(x - x0) < AXIS_TOL || Math.abs(x - x1) < AXIS_TOL) && (Math.abs(y - y0) < AXIS_TOL || Math.abs(y - y1) < AXIS_TOL));
    const bevelled = Math.min(w, h) <= THIN_FILL && area(pts) >= 0.6 * w * h;
    if (!onBox && !bevelled) continue;
    if (h <= THIN_FILL && w > h) out.push({ axis: 'h', x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 });
    else if (w <= THIN_FILL && h > w) out.push({ axis: 'v', x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 });
  }
  return out;
}
