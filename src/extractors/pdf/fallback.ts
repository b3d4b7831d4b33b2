// Tables with horizontal rules only (三线表) or too few rules for a grid:
// rows and columns from text alignment. The template's tables are labels on
// the left and counts on the right: numeric runs give the value columns
// (their left edges or centres line up) and the rows; label text left of
// them is cut into label columns by its left edges, and wrapped label text
// is gathered into blocks (a new block where a template label starts with
// its numbering: 一、 （一） 1.) that span the rows beside them.
import type { PageCell, PageTable } from './cells.js';
import { centreX, centreY, cluster, type Box, type Segment, type TextRun } from './geometry.js';
import { mergeSegments, type Grid } from './grid.js';
import { joiner } from './text-join.js';

// A count: digits, maybe signed or with separators, ending in a digit ("5." is a row number, not a value).
const NUMBER = /^[\s+\-−]?[\d０-９]([\d０-９,.，．]*[\d０-９])?\s*$|^[/／—–-]$/;
const LABEL_START = /^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.、．]|第[一二三四五六七八九十]+条)/;
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

/** Column boundaries of the values: left edges when they line up better than centres. */
function valueColumns(nums: TextRun[]): number[] | undefined {
  const lefts = cluster(nums.map((r) => r.x0), 3);
  const centres = cluster(nums.map(centreX), 3);
  if (Math.min(lefts.length, centres.length) < 2) return undefined;
  if (lefts.length <= centres.length) return lefts.map((x) => x - 2);
  return [centres[0]! - (centres[1]! - centres[0]!) / 2, ...centres.slice(1).map((c, i) => (c + centres[i]!) / 2)];
}

interface Line {
  runs: TextRun[];
  y: number;
  y0: number;
  y1: number;
  size: number;
}

function linesOf(runs: TextRun[]): Line[] {
  const lines: Line[] = [];
  for (const r of [...runs].sort((a, b) => centreY(a) - centreY(b))) {
    const l = lines[lines.length - 1];
    if (l && Math.abs(centreY(r) - l.y) < 0.5 * Math.min(r.size, l.size)) {
      l.runs.push(r);
      l.y0 = Math.min(l.y0, r.y0);
      l.y1 = Math.max(l.y1, r.y1);
    } else lines.push({ runs: [r], y: centreY(r), y0: r.y0, y1: r.y1, size: r.size });
  }
  return lines;
}

/** Runs that touch on a line are one word ("5." + "属于…" printed as two runs). */
function mergeTouching(runs: TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const line of linesOf(runs)) {
    let cur: TextRun | undefined;
    for (const r of [...line.runs].sort((a, b) => a.x0 - b.x0)) {
      if (cur && r.x0 - cur.x1 < 0.3 * Math.min(r.size, cur.size)) cur = { ...cur, str: cur.str + r.str, x1: Math.max(cur.x1, r.x1), y0: Math.min(cur.y0, r.y0), y1: Math.max(cur.y1, r.y1) };
      else {
        if (cur) out.push(cur);
        cur = r;
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

const textOf = (runs: TextRun[]): string => [...runs].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0).reduce((s, r) => s + joiner(s, r.str.trim()) + r.str.trim(), '');

/** One table from the runs inside a region, or undefined when no value columns line up. */
export function alignTable(page: number, region: Box, pieces: TextRun[]): PageTable | undefined {
  const runs = mergeTouching(pieces);
  const nums = runs.filter((r) => NUMBER.test(r.str));
  const valueXs = valueColumns(nums);
  if (!valueXs) return undefined;
  const firstNum = valueXs[0]!;
  const isLabel = (r: TextRun): boolean => r.x0 < firstNum - 1;
  const labelXs = cluster(runs.filter(isLabel).map((r) => r.x0), 4).filter((x, _, all) => all.length === 1 || runs.filter((r) => isLabel(r) && Math.abs(r.x0 - x) <= 4).length >= 2);
  const xs = [Math.min(region.x0, ...runs.map((r) => r.x0)) - 1, ...labelXs.slice(1).map((x) => x - 2), ...valueXs, region.x1];
  const nLabel = labelXs.length || 1;
  const colOf = (r: TextRun): number => {
    const x = r.x0 + 1;
    let c = 0;
    for (let k = 0; k + 1 < xs.length; k++) if (x >= xs[k]!) c = k;
    return Math.min(c, xs.length - 2);
  };
  // Rows: lines with a number in the value columns, and lines with other
  // value-column text (headers); label-only lines are wrapped label text.
  const lines = linesOf(runs);
  let rows = lines.filter((l) => l.runs.some((r) => colOf(r) >= nLabel));
  // A wrapped value cell ("12（其中修订3" / "件）"): a line with value text but
  // no label and no number, below the first counts, joins the nearest row.
  const firstCounts = rows.find((l) => l.runs.some((r) => colOf(r) >= nLabel && NUMBER.test(r.str)))?.y ?? Infinity;
  const wrapped = (l: Line): boolean => l.y > firstCounts && !l.runs.some((r) => isLabel(r) || NUMBER.test(r.str));
  for (const l of rows.filter(wrapped)) {
    const near = rows.filter((o) => o !== l && !wrapped(o)).reduce<Line | undefined>((a, o) => (Math.abs(o.y - l.y) < Math.abs((a?.y ?? Infinity) - l.y) ? o : a), undefined);
    if (near && Math.abs(near.y - l.y) < 1.6 * l.size) {
      near.runs.push(...l.runs);
      rows = rows.filter((o) => o !== l);
    }
  }
  const isRow = new Set(rows);
  const cells = new Map<string, { row: number; col: number; rowSpan: number; runs: TextRun[] }>();
  const put = (row: number, col: number, rowSpan: number, rs: TextRun[]): void => {
    const key = `${row}:${col}`;
    const c = cells.get(key);
    if (c) {
      c.runs.push(...rs);
      c.rowSpan = Math.max(c.rowSpan, rowSpan);
    } else cells.set(key, { row, col, rowSpan, runs: [...rs] });
  };
  rows.forEach((l, i) => {
    for (const r of l.runs) if (colOf(r) >= nLabel) put(i, colOf(r), 1, [r]);
  });
  // Label blocks per label column.
  for (let col = 0; col < nLabel; col++) {
    const frags = lines.flatMap((l) => l.runs.filter((r) => colOf(r) === col && isLabel(r)).map((r) => ({ r, line: l })));
    // A block holds at most one row's own line; a 第…条 heading (table 二) stands alone.
    const blocks: { runs: TextRun[]; y0: number; y1: number; size: number; row?: number; closed?: boolean }[] = [];
    for (const { r, line } of frags) {
      const b = blocks[blocks.length - 1];
      const onRow = isRow.has(line) ? rows.indexOf(line) : undefined;
      const sameLine = b !== undefined && Math.abs(b.y1 - line.y1) < 0.1;
      const startsLabel = LABEL_START.test(r.str) && !sameLine;
      const secondRow = col === nLabel - 1 && onRow !== undefined && b?.row !== undefined && b.row !== onRow;
      if (b && !b.closed && !startsLabel && !secondRow && line.y0 - b.y1 < 0.8 * r.size) {
        b.runs.push(r);
        b.y1 = Math.max(b.y1, line.y1);
        b.row ??= onRow;
      } else blocks.push({ runs: [r], y0: line.y0, y1: line.y1, size: r.size, ...(onRow !== undefined ? { row: onRow } : {}), closed: /^\s*第[一二三四五六七八九十]+条/.test(r.str) });
    }
    for (const b of blocks) {
      const mid = (b.y0 + b.y1) / 2;
      const within = rows.map((l, i) => ({ l, i })).filter(({ l }) => l.y >= b.y0 - 0.3 * b.size && l.y <= b.y1 + 0.3 * b.size);
      if (rows.length === 0) continue;
      if (b.row !== undefined && col === nLabel - 1) put(b.row, col, 1, b.runs);
      else if (within.length === 0) {
        // A label line alone (a heading row of the table).
        rows.push({ runs: b.runs, y: mid, y0: b.y0, y1: b.y1, size: b.size });
        isRow.add(rows[rows.length - 1]!);
        put(rows.length - 1, col, 1, b.runs);
      } else if (col === nLabel - 1) {
        // The row's own label: one row, the nearest.
        const best = within.reduce((a, c) => (Math.abs(c.l.y - mid) < Math.abs(a.l.y - mid) ? c : a));
        put(best.i, col, 1, b.runs);
      } else put(within[0]!.i, col, within.length, b.runs);
    }
  }
  // Rows were appended out of order: renumber by position.
  const order = rows.map((l, i) => ({ l, i })).sort((a, b) => a.l.y - b.l.y);
  const rank = new Map(order.map(({ i }, k) => [i, k]));
  const grid: PageCell[] = [];
  const covered = new Set<string>();
  const placed = [...cells.values()].map((c) => ({ ...c, row: rank.get(c.row)! })).sort((a, b) => a.row - b.row || a.col - b.col);
  for (const c of placed) {
    const rowSpan = Math.min(c.rowSpan, order.length - c.row);
    for (let k = 0; k < rowSpan; k++) covered.add(`${c.row + k}:${c.col}`);
  }
  for (const c of placed) {
    const l = order[c.row]!.l;
    const last = order[Math.min(c.row + c.rowSpan, order.length) - 1]!.l;
    grid.push({ row: c.row, col: c.col, rowSpan: Math.min(c.rowSpan, order.length - c.row), colSpan: 1, text: textOf(c.runs), bbox: { x0: xs[c.col]!, x1: xs[c.col + 1]!, y0: l.y0, y1: last.y1 } });
  }
  // Empty cells stay cells: the normalizer must see blanks where values are missing.
  order.forEach(({ l }, row) => {
    for (let col = 0; col + 1 < xs.length; col++) if (!covered.has(`${row}:${col}`)) grid.push({ row, col, rowSpan: 1, colSpan: 1, text: '', bbox: { x0: xs[col]!, x1: xs[col + 1]!, y0: l.y0, y1: l.y1 } });
  });
  grid.sort((a, b) => a.row - b.row || a.col - b.col);
  const ys = [region.y0, ...order.slice(1).map(({ l }, i) => (l.y + order[i]!.l.y) / 2), region.y1];
  return { page, bbox: region, xs, ys, nRows: order.length, nCols: xs.length - 1, cells: grid, source: 'alignment' };
}

/** A row of counts: two numbers, or a number set apart from the label before it. */
function tabular(l: Line): boolean {
  const rs = [...l.runs].sort((a, b) => a.x0 - b.x0);
  const nums = rs.filter((r) => NUMBER.test(r.str));
  return nums.length >= 2 || nums.some((r) => {
    const i = rs.indexOf(r);
    return i > 0 && r.x0 - rs[i - 1]!.x1 > 1.2 * r.size;
  });
}

/**
 * Tables with no rules at all: a block of lines holding counts (gaps of a
 * few wrapped label lines allowed), extended upwards over the header lines
 * packed tightly above it, up to a section heading (三、…).
 */
function unruledRegions(runs: TextRun[]): Box[] {
  const lines = linesOf(mergeTouching(runs));
  // Also tabular: a number after a label that lines up with the numbers of tabular lines.
  const numXs = lines.filter(tabular).flatMap((l) => l.runs.filter((r) => NUMBER.test(r.str)).map((r) => r.x0));
  const aligned = new Set(lines.filter((l) => !tabular(l) && l.runs.some((r, _, all) => NUMBER.test(r.str) && all.some((o) => o.x1 <= r.x0) && numXs.some((x) => Math.abs(x - r.x0) < 2))));
  const isTabular = (l: Line): boolean => aligned.has(l) || tabular(l);
  const regions: Box[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isTabular(lines[i]!)) {
      i++;
      continue;
    }
    let end = i;
    let count = 1;
    let widest = lines[i]!.runs.filter((r) => NUMBER.test(r.str)).length;
    for (let k = i + 1; k < lines.length; k++) {
      const l = lines[k]!;
      if (l.y0 - lines[end]!.y1 > 4 * l.size) break;
      if (isTabular(l)) {
        end = k;
        count++;
        widest = Math.max(widest, l.runs.filter((r) => NUMBER.test(r.str)).length);
      } else if (k - end > 3) break;
    }
    let start = i;
    while (start > 0) {
      const up = lines[start - 1]!;
      const heading = up.runs.length === 1 && /^\s*[一二三四五六七八九十]+、/.test(up.runs[0]!.str);
      if (heading || lines[start]!.y0 - up.y1 > 1.0 * up.size) break;
      start--;
    }
    // Three rows of counts, or one wide row (table 四 has a single row of 15).
    if (count >= 3 || widest >= 5) {
      const block = lines.slice(start, end + 1).flatMap((l) => l.runs);
      regions.push({ x0: Math.min(...block.map((r) => r.x0)) - 1, x1: Math.max(...block.map((r) => r.x1)) + 1, y0: lines[start]!.y0 - 1, y1: lines[end]!.y1 + 1 });
    }
    i = end + 1;
  }
  return regions;
}

/** Alignment tables of a page; returns the runs they did not take. */
export function alignmentTables(page: number, segments: Segment[], runs: TextRun[], grids: Grid[]): { tables: PageTable[]; rest: TextRun[] } {
  const tables: PageTable[] = [];
  let rest = runs;
  const inRegion = (region: Box) => (r: TextRun): boolean => centreY(r) > region.y0 && centreY(r) < region.y1 && centreX(r) > region.x0 && centreX(r) < region.x1;
  for (const region of ruledRegions(segments, grids)) {
    const inside = rest.filter(inRegion(region));
    const t = alignTable(page, region, inside);
    if (!t) continue;
    tables.push(t);
    rest = rest.filter((r) => !inside.includes(r));
  }
  // What is left may still hold a table drawn without any rule.
  for (const region of unruledRegions(rest)) {
    const inside = rest.filter(inRegion(region));
    const t = alignTable(page, region, inside);
    if (!t) continue;
    tables.push(t);
    rest = rest.filter((r) => !inside.includes(r));
  }
  return { tables, rest };
}
