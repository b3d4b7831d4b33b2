// Tables with horizontal rules only (三线表) or too few rules for a grid:
// rows and columns from text alignment. The template's tables are labels on
// the left and counts on the right, so numeric runs give the value columns
// (their centres line up) and what lies left of them is the label column(s).
import type { PageCell, PageTable } from './cells.js';
import { centreX, centreY, cluster, type Box, type Segment, type TextRun } from './geometry.js';
import { mergeSegments, type Grid } from './grid.js';
import { joiner } from './text-join.js';

const NUMBER = /^[\s+\-−]?[\d０-９][\d０-９,.，．]*\s*$|^[/／—–-]$/;
/** Horizontal rules at least this long (pt) can bound a three-line table. */
const MIN_RULE = 150;

/** Regions bounded by ≥ 2 long horizontal rules of equal extent that no ruled grid covers. */
function ruledRegions(segments: Segment[], grids: Grid[]): Box[] {
  const inGrid = (s: Segment): boolean => grids.some((g) => s.y0 >= g.bbox.y0 - 3 && s.y0 <= g.bbox.y1 + 3 && s.x0 >= g.bbox.x0 - 3 && s.x1 <= g.bbox.x1 + 3);
  const hs = mergeSegments(segments).filter((s) => s.axis === 'h' && s.x1 - s.x0 >= MIN_RULE && !inGrid(s)).sort((a, b) => a.y0 - b.y0);
  const regions: Box[] = [];
  const used = new Set<Segment>();
  for (const h of hs) {
    if (used.has(h)) continue;
    const same = hs.filter((o) => !used.has(o) && Math.abs(o.x0 - h.x0) < 6 && Math.abs(o.x1 - h.x1) < 6);
    if (same.length < 2) continue;
    same.forEach((s) => used.add(s));
    regions.push({ x0: h.x0, x1: h.x1, y0: same[0]!.y0, y1: same[same.length - 1]!.y0 });
  }
  return regions;
}

interface Row {
  runs: TextRun[];
  numeric: boolean;
  y: number;
  size: number;
}

/** One table from the runs inside a region, or undefined when no value columns line up. */
export function alignTable(page: number, region: Box, runs: TextRun[]): PageTable | undefined {
  const nums = runs.filter((r) => NUMBER.test(r.str));
  const centres = cluster(nums.map(centreX), 8);
  if (centres.length < 2) return undefined;
  const firstNum = centres[0]! - (centres.length > 1 ? (centres[1]! - centres[0]!) / 2 : 20);
  const labelRuns = runs.filter((r) => centreX(r) < firstNum);
  const labelCols = cluster(labelRuns.map((r) => r.x0), 12).filter((x) => x < firstNum);
  const xs = [region.x0, ...labelCols.slice(1).map((x) => x - 2), firstNum, ...centres.slice(1).map((c, i) => (c + centres[i]!) / 2), region.x1];
  // Lines by vertical centre; label-only lines join the nearest numeric line close enough.
  const lines: Row[] = [];
  for (const r of [...runs].sort((a, b) => centreY(a) - centreY(b))) {
    const l = lines[lines.length - 1];
    if (l && Math.abs(centreY(r) - l.y) < 0.5 * Math.min(r.size, l.size)) l.runs.push(r);
    else lines.push({ runs: [r], numeric: false, y: centreY(r), size: r.size });
  }
  for (const l of lines) l.numeric = l.runs.some((r) => centreX(r) >= firstNum && NUMBER.test(r.str));
  const rows: Row[] = lines.filter((l) => l.numeric);
  const firstNumY = rows[0]?.y ?? Infinity;
  for (const l of lines.filter((x) => !x.numeric)) {
    const near = rows.reduce<Row | undefined>((best, r) => (Math.abs(r.y - l.y) < Math.abs((best?.y ?? Infinity) - l.y) ? r : best), undefined);
    if (l.y > firstNumY && near && Math.abs(near.y - l.y) < 0.9 * Math.max(near.size, l.size)) near.runs.push(...l.runs);
    else rows.push(l);
  }
  rows.sort((a, b) => a.y - b.y);
  const colOf = (r: TextRun): number => {
    const x = centreX(r) < firstNum ? r.x0 + 1 : centreX(r);
    const i = xs.findIndex((v, k) => k + 1 < xs.length && x >= v && x < xs[k + 1]!);
    return i < 0 ? (x < xs[0]! ? 0 : xs.length - 2) : i;
  };
  const cells: PageCell[] = [];
  rows.forEach((row, ri) => {
    const y0 = Math.min(...row.runs.map((r) => r.y0)), y1 = Math.max(...row.runs.map((r) => r.y1));
    for (let c = 0; c + 1 < xs.length; c++) {
      const inCell = row.runs.filter((r) => colOf(r) === c).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
      const text = inCell.reduce((s, r) => s + joiner(s, r.str.trim()) + r.str.trim(), '');
      cells.push({ row: ri, col: c, rowSpan: 1, colSpan: 1, text, bbox: { x0: xs[c]!, x1: xs[c + 1]!, y0, y1 } });
    }
  });
  const ys = [region.y0, ...rows.slice(1).map((r, i) => (r.y + rows[i]!.y) / 2), region.y1];
  return { page, bbox: region, xs, ys, nRows: rows.length, nCols: xs.length - 1, cells, source: 'alignment' };
}

/** Alignment tables of a page; returns the runs they did not take. */
export function alignmentTables(page: number, segments: Segment[], runs: TextRun[], grids: Grid[]): { tables: PageTable[]; rest: TextRun[] } {
  const tables: PageTable[] = [];
  let rest = runs;
  for (const region of ruledRegions(segments, grids)) {
    const inside = rest.filter((r) => centreY(r) > region.y0 && centreY(r) < region.y1 && centreX(r) > region.x0 && centreX(r) < region.x1);
    const t = alignTable(page, region, inside);
    if (!t) continue;
    tables.push(t);
    rest = rest.filter((r) => !inside.includes(r));
  }
  return { tables, rest };
}
