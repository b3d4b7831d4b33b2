// Plain geometry shared by the PDF stages. Every coordinate downstream of
// primitives.ts is in PDF points with the origin at the top left of the page
// (pdfjs's viewport at scale 1), so y grows downwards.

export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** The matrix that applies `inner` first and then `outer` (PDF's `inner × outer`). */
export function concat(outer: Matrix, inner: Matrix): Matrix {
  const [a, b, c, d, e, f] = outer;
  const [a2, b2, c2, d2, e2, f2] = inner;
  return [a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2, a * e2 + c * f2 + e, b * e2 + d * f2 + f];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** A horizontal (`h`) or vertical (`v`) rule; x0 ≤ x1, y0 ≤ y1 (one pair equal). */
export interface Segment {
  axis: 'h' | 'v';
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One glyph with its box; `run` ties glyphs of one text run together. */
export interface Glyph extends Box {
  ch: string;
  run: number;
  size: number;
}

/** A run of text as pdfjs reports it, with a box in top-left coordinates. */
export interface TextRun extends Box {
  id: number;
  str: string;
  size: number;
  vertical: boolean;
}

export const centreX = (b: Box): number => (b.x0 + b.x1) / 2;
export const centreY = (b: Box): number => (b.y0 + b.y1) / 2;

export function contains(b: Box, x: number, y: number, tol = 0): boolean {
  return x >= b.x0 - tol && x <= b.x1 + tol && y >= b.y0 - tol && y <= b.y1 + tol;
}

export function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Groups sorted numbers whose neighbours lie within `tol`; returns each group's mean. */
export function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length > 0 && v - group[group.length - 1]! > tol) {
      out.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length > 0) out.push(group.reduce((s, x) => s + x, 0) / group.length);
  return out;
}

/** Index of the value in `lines` nearest to v, or -1 when none lies within tol. */
export function nearest(lines: number[], v: number, tol: number): number {
  let best = -1;
  let bestD = tol;
  lines.forEach((l, i) => {
    const d = Math.abs(l - v);
    if (d <= bestD) {
      best = i;
      bestD = d;
    }
  });
  return best;
}
