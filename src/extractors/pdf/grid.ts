// Rules → table grids (extraction.md, "A ruling-line rebuild"):
// merge collinear touching segments, group crossing rules into tables,
// snap positions into grid lines, and find merged cells where the middle of
// the edge between two unit cells has no rule.
import { cluster, type Box, type Segment } from './geometry.js';

/** Positions within this distance (pt) are one grid line; also the reach of a rule's end. */
export const SNAP = 2;

export interface Grid {
  /** Column boundaries (x) and row boundaries (y), ascending. */
  xs: number[];
  ys: number[];
  bbox: Box;
  segments: Segment[];
  /** Merged cells: anchors with spans, over the unit grid. */
  cells: { row: number; col: number; rowSpan: number; colSpan: number; bbox: Box }[];
  /** Unit-cell groups that were not rectangles (split back into unit cells). */
  irregular: number;
}

/** Joins rules on one line whose ends touch or overlap. */
export function mergeSegments(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const axis of ['h', 'v'] as const) {
    const pos = (s: Segment): number => (axis === 'h' ? s.y0 : s.x0);
    const lo = (s: Segment): number => (axis === 'h' ? s.x0 : s.y0);
    const hi = (s: Segment): number => (axis === 'h' ? s.x1 : s.y1);
    const list = segs.filter((s) => s.axis === axis).sort((a, b) => pos(a) - pos(b) || lo(a) - lo(b));
    // Bucket by position (SNAP), then sweep along the line.
    const lines = cluster(list.map(pos), SNAP / 2);
    const buckets = new Map<number, Segment[]>();
    for (const s of list) {
      // The nearest line: a chain of positions each within SNAP / 2 of the next is one line whose mean may lie
      // farther than that from its ends (a scan's rules at 366.2, 367.4 and 368.2 pt), and an end left out had no line.
      const li = lines.reduce((best, l, i) => (Math.abs(l - pos(s)) < Math.abs(lines[best]! - pos(s)) ? i : best), 0);
      if (!buckets.has(li)) buckets.set(li, []);
      buckets.get(li)!.push(s);
    }
    for (const [li, bucket] of buckets) {
      const p = lines[li]!;
      bucket.sort((a, b) => lo(a) - lo(b));
      let a = lo(bucket[0]!), b = hi(bucket[0]!);
      const flush = (): void => {
        if (b - a < 1) return; // dots and specks are not rules
        out.push(axis === 'h' ? { axis, x0: a, x1: b, y0: p, y1: p } : { axis, x0: p, x1: p, y0: a, y1: b });
      };
      for (const s of bucket.slice(1)) {
        if (lo(s) <= b + SNAP) b = Math.max(b, hi(s));
        else {
          flush();
          a = lo(s);
          b = hi(s);
        }
      }
      flush();
    }
  }
  return out;
}

function crosses(h: Segment, v: Segment): boolean {
  return v.x0 >= h.x0 - SNAP && v.x0 <= h.x1 + SNAP && h.y0 >= v.y0 - SNAP && h.y0 <= v.y1 + SNAP;
}

/** Connected groups of crossing rules; each with ≥ 2 rules per axis is a ruled table. */
export function groupRules(segs: Segment[]): Segment[][] {
  const parent = segs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  segs.forEach((h, i) => {
    if (h.axis !== 'h') return;
    segs.forEach((v, j) => {
      if (v.axis === 'v' && crosses(h, v)) parent[find(i)] = find(j);
    });
  });
  const groups = new Map<number, Segment[]>();
  segs.forEach((s, i) => {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(s);
  });
  return [...groups.values()];
}

function covered(segs: Segment[], axis: 'h' | 'v', at: number, mid: number): boolean {
  return segs.some((s) => s.axis === axis && Math.abs((axis === 'h' ? s.y0 : s.x0) - at) <= SNAP && mid >= (axis === 'h' ? s.x0 : s.y0) - SNAP && mid <= (axis === 'h' ? s.x1 : s.y1) + SNAP);
}

/** The grid of one group of rules, or undefined when it is not a table. */
export function buildGrid(group: Segment[]): Grid | undefined {
  const hs = group.filter((s) => s.axis === 'h');
  const vs = group.filter((s) => s.axis === 'v');
  if (hs.length < 2 || vs.length < 2) return undefined;
  // Outer edges come from the rules' extents too: some tables leave a side open.
  const xs = cluster([...vs.map((s) => s.x0), Math.min(...hs.map((s) => s.x0)), Math.max(...hs.map((s) => s.x1))], SNAP);
  const ys = cluster([...hs.map((s) => s.y0), Math.min(...vs.map((s) => s.y0)), Math.max(...vs.map((s) => s.y1))], SNAP);
  const nR = ys.length - 1, nC = xs.length - 1;
  if (nR < 1 || nC < 1) return undefined;
  // Union unit cells whose shared edge has no rule at its middle.
  const id = (r: number, c: number): number => r * nC + c;
  const parent = Array.from({ length: nR * nC }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let r = 0; r < nR; r++) {
    const ym = (ys[r]! + ys[r + 1]!) / 2;
    for (let c = 0; c < nC; c++) {
      const xm = (xs[c]! + xs[c + 1]!) / 2;
      if (c + 1 < nC && !covered(vs, 'v', xs[c + 1]!, ym)) parent[find(id(r, c))] = find(id(r, c + 1));
      if (r + 1 < nR && !covered(hs, 'h', ys[r + 1]!, xm)) parent[find(id(r, c))] = find(id(r + 1, c));
    }
  }
  const comps = new Map<number, [number, number][]>();
  for (let r = 0; r < nR; r++) for (let c = 0; c < nC; c++) {
    const k = find(id(r, c));
    if (!comps.has(k)) comps.set(k, []);
    comps.get(k)!.push([r, c]);
  }
  const cells: Grid['cells'] = [];
  let irregular = 0;
  const unit = (r: number, c: number, rs = 1, cs = 1): void => {
    cells.push({ row: r, col: c, rowSpan: rs, colSpan: cs, bbox: { x0: xs[c]!, y0: ys[r]!, x1: xs[c + cs]!, y1: ys[r + rs]! } });
  };
  for (const members of comps.values()) {
    const r0 = Math.min(...members.map((m) => m[0])), r1 = Math.max(...members.map((m) => m[0]));
    const c0 = Math.min(...members.map((m) => m[1])), c1 = Math.max(...members.map((m) => m[1]));
    if (members.length === (r1 - r0 + 1) * (c1 - c0 + 1)) unit(r0, c0, r1 - r0 + 1, c1 - c0 + 1);
    else {
      irregular++;
      for (const [r, c] of members) unit(r, c);
    }
  }
  // A single box (a framed paragraph or a seal) is not a table.
  if (cells.length < 2) return undefined;
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  const bbox = { x0: xs[0]!, y0: ys[0]!, x1: xs[nC]!, y1: ys[nR]! };
  return { xs, ys, bbox, segments: group, cells, irregular };
}

/**
 * Adds to a table the lone vertical rules (crossing no horizontal rule) that
 * run its whole height beside it: the borders of a cell spanning every row
 * on the page, as a browser draws a row-spanning label when the table
 * breaks across pages (its top and bottom rules are on other pages).
 */
function attachSideColumns(groups: Segment[][]): Segment[][] {
  const lone = groups.filter((g) => g.length === 1 && g[0]!.axis === 'v');
  const tables = groups.filter((g) => g.some((s) => s.axis === 'h') && g.some((s) => s.axis === 'v'));
  const used = new Set<Segment[]>();
  for (const t of tables) {
    const x0 = Math.min(...t.map((s) => s.x0)), x1 = Math.max(...t.map((s) => s.x1));
    const y0 = Math.min(...t.map((s) => s.y0)), y1 = Math.max(...t.map((s) => s.y1));
    for (const g of lone) {
      const v = g[0]!;
      if (used.has(g) || Math.abs(v.y0 - y0) > 2 * SNAP || Math.abs(v.y1 - y1) > 2 * SNAP) continue;
      if (v.x0 < x0 - 0.5 * (x1 - x0) || v.x0 > x1 + 0.5 * (x1 - x0)) continue;
      t.push(v);
      used.add(g);
    }
  }
  return groups.filter((g) => !used.has(g));
}

/** All ruled tables of a page, top to bottom. */
export function findGrids(segments: Segment[]): Grid[] {
  const merged = mergeSegments(segments);
  return attachSideColumns(groupRules(merged))
    .map(buildGrid)
    .filter((g): g is Grid => g !== undefined)
    .sort((a, b) => a.bbox.y0 - b.bbox.y0 || a.bbox.x0 - b.bbox.x0);
}
