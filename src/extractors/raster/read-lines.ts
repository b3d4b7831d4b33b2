// A cell's or a narrative line's ink → what the recogniser reads there:
// each line padded and read alone, read again bolder, with tight margins or
// centred where a lone glyph was misread, and the cell's confidence capped
// where its type is too small to trust or its lines are rows no rule divided.
import { crop, placeAt, type Gray } from '../../ocr/image.js';
import { readCellLine } from '../../ocr/cell-line.js';
import type { Lexicon } from '../../ocr/lexicon.js';
import type { OcrReading } from '../../ocr/reading.js';
import { recognize, type Reading } from '../../ocr/recognize.js';
import { joiner } from '../pdf/text-join.js';
import type { InkBox } from './ink.js';
import { lean, SLASH_LEAN } from './slash.js';

/** Line images get a white margin: the recogniser reads glyphs cut at the edge badly. */
function padded(img: Gray, b: InkBox, pad: number): Gray {
  return crop(img, b.x0 - pad, b.y0 - pad, b.x1 + 1 + pad, b.y1 + 1 + pad);
}

/**
 * A margin of `px` and `py` that is white where the image ends (a browser
 * sets a cell's text 1 px from its border). Not for every line: at the
 * cell's edge the grey of a browser's bevelled rule, set in white, reads `[`.
 */
function whiteMargin(img: Gray, b: InkBox, px: number, py: number): Gray {
  return placeAt(img, px - b.x0, py - b.y0, b.x1 - b.x0 + 1 + 2 * px, b.y1 - b.y0 + 1 + 2 * py);
}

/**
 * A lone glyph (a one-digit cell) read as a letter or sign: a Chromium `2`
 * with the page's margin read `N` at 0.99, and reads `2` centred in a line
 * twice its height. Only a digit read so replaces it (a `0` so centred on a
 * noisy 100 dpi scan reads as nothing). A stroke (`|`, `I`, `l`) is left as
 * read: it is as often a slash marking a blank cell as a `1`.
 */
const LONE_MISREAD = /^[^\d\p{Script=Han}|lIi]+$/u;

/**
 * Then with 2 px margins, a digit taken only at CELL_RETRY: the serif `2` of
 * a huaian-2024 print at 1-bit 200 dpi read `N` centred (0.49) and at half
 * of the margins from 2 to 16 px, `2` at 1.00 with 2 px; drawn `/`, `\`,
 * `-`, `—`, `*`, `×` and `N` read no digit that sure so (three fonts).
 */
const TIGHT_LONE = 2;

async function lonely(img: Gray, b: InkBox, r: Reading, lex?: Lexicon): Promise<Reading> {
  const h = b.y1 - b.y0 + 1;
  if (b.x1 - b.x0 + 1 > 0.9 * h || !LONE_MISREAD.test(r.text)) return r;
  const centred = await recognize(whiteMargin(img, b, Math.round(h / 4), Math.round(h / 2)), lex);
  if (/^\d$/.test(centred.text)) return centred;
  const close = await recognize(whiteMargin(img, b, TIGHT_LONE, TIGHT_LONE), lex);
  return /^\d$/.test(close.text) && close.confidence >= CELL_RETRY ? close : r;
}

function joinReadings(rs: Reading[]): { text: string; ocr: OcrReading } {
  let text = '';
  for (const r of rs) if (r.text !== '') text += joiner(text, r.text) + r.text;
  return { text, ocr: { confidence: rs.length ? Math.min(...rs.map((r) => r.confidence)) : 1, chars: rs.flatMap((r) => r.chars) } };
}

/** Strokes one pixel wider (a minimum filter across): thin type of a 1-bit scan, a `1` the recogniser took for a rule. */
function bolder(img: Gray): Gray {
  const out: Gray = { width: img.width, height: img.height, data: Uint8Array.from(img.data) };
  for (let y = 0; y < img.height; y++) for (let x = 1; x < img.width; x++) {
    const i = y * img.width + x;
    out.data[i] = Math.min(img.data[i]!, img.data[i - 1]!);
  }
  return out;
}

/**
 * Lines of type below this many pixels (8 pt digits at 100 dpi are 9 px
 * high) are read with confidences that mean little: a `34` came out `31` at
 * 0.98. There no reading is trusted, so a table that does not add up is the
 * scan's doubt (`ocr.uncertain`) and the proof-reader may try every digit.
 */
const TINY_LINE_PX = 10;
const TINY_CONFIDENCE = 0.8;

/** The reading with no confidence above `max`, its characters' included. */
function capped(r: OcrReading, max: number): OcrReading {
  return { confidence: Math.min(r.confidence, max), chars: r.chars.map((c) => ({ ...c, p: Math.min(c.p, max) })) };
}

/** Ink in a cell lower than this share of the page's line height is no digit (a speck, a dot of a dithered border). */
const GLYPH_HEIGHT = 0.6;

/**
 * A cell holding two or more lines that are each a number is rows the rules
 * did not divide (a rule too light to be found), not one value: a grey
 * 100 dpi scan of huaian-shi-2024-table3-split read a last column of nine
 * rows as `62 25 0 0 1 71 6 110 3050`, taken for 62250017161103050 in
 * each of them, and a 1-bit one `148 5` as 1485. Its confidence is 0, so
 * the number is kept only if its table's arithmetic vouches for it
 * (proofread/unsure.ts): otherwise null with `ocr.uncertain`.
 */
function stacked(rs: Reading[]): boolean {
  return rs.filter((r) => /^\d+$/.test(r.text)).length >= 2;
}

/** Below this a reading is tried again on bolder strokes, and the more confident reading kept. */
const RETRY = 0.6;
/**
 * Table cells are tried again below the proof-reader's trust (proofread's
 * SURE): a `0` of table 四 read at 0.613 from a 300 dpi JPEG (0.992 when
 * pdfjs's decoder had left a grey level off here and there) turned one of
 * hongze-qu-2023's source errors into `ocr.uncertain`; bolder, 0.956.
 */
const CELL_RETRY = 0.9;

/**
 * Margins tried on ink read as nothing. A lone serif `0` 12×16 px (a 1-bit
 * 200 dpi print) read as nothing with the 8 px margin every line gets, `0`
 * at 0.95 with 2 px: the wide margin leaves a glyph that small too little
 * of the recogniser's 48 px.
 */
const TIGHT_MARGINS: [number, number][] = [[2, 2], [2, 6]];

/**
 * A cell's only ink, read as nothing, read again with tight margins; only
 * digits read surely are taken. Not a speck or a stroke (a slash marking a
 * blank, what is left of a dotted border): the ink must be at least
 * `minHeight` px high and a quarter as wide as high. Not beside other ink:
 * a blot of a noisy JPEG under a cell's `0` read `1` so (kept as 01).
 */
async function tight(img: Gray, b: InkBox, minHeight: number, lex?: Lexicon): Promise<Reading | undefined> {
  const w = b.x1 - b.x0 + 1, h = b.y1 - b.y0 + 1;
  if (h < minHeight || w < 0.25 * h) return undefined;
  for (const [px, py] of TIGHT_MARGINS) {
    const r = await recognize(whiteMargin(img, b, px, py), lex);
    if (/^\d+$/.test(r.text) && r.confidence >= CELL_RETRY) return r;
  }
  return undefined;
}

/** A line read as one stroke or `1`: a slash marking a blank cell if it leans like one (slash.ts). */
const LONE_STROKE = /^[1|lIi]$/;

/** How lines are read: a table's cells are retried below CELL_RETRY, their ink no lower than `minHeight`. */
interface HowRead {
  lex: Lexicon;
  cells?: { minHeight: number };
}

async function readLines(img: Gray, lines: InkBox[], pad: number, { lex, cells }: HowRead): Promise<Reading[]> {
  const out: Reading[] = [];
  const retry = cells ? CELL_RETRY : RETRY;
  for (const l of lines) {
    const line = padded(img, l, pad);
    let r = await lonely(img, l, cells ? await readCellLine(line, l.y1 - l.y0 + 1, lex) : await recognize(line, lex), lex);
    if (r.word === undefined && (r.text === '' || r.confidence < retry)) {
      const again = await recognize(bolder(line), lex);
      // A reading the template's lexicon settled beats a free one (r has none here); otherwise the more confident.
      const better = again.word !== undefined || again.confidence > r.confidence;
      if (again.text !== '' && (r.text === '' || better)) r = again;
    }
    if (r.text === '' && lines.length === 1 && cells) r = (await tight(img, l, cells.minHeight, lex)) ?? r;
    if (cells && LONE_STROKE.test(r.text) && lean(img, l) >= SLASH_LEAN) r = { text: '/', confidence: r.confidence, chars: [{ ch: '/', p: r.confidence, alts: [] }] };
    out.push(r);
  }
  return out;
}

/** A cell's lines read and joined; `typical` is the page's line height in px. */
export async function readCell(img: Gray, lines: InkBox[], pad: number, typical: number, lex: Lexicon): Promise<{ text: string; ocr: OcrReading }> {
  const readings = await readLines(img, lines, pad, { lex, cells: { minHeight: GLYPH_HEIGHT * typical } });
  const read = joinReadings(readings);
  const ocr = stacked(readings) ? capped(read.ocr, 0) : typical < TINY_LINE_PX ? capped(read.ocr, TINY_CONFIDENCE) : read.ocr;
  return { text: read.text, ocr };
}

/** One narrative line read (a page's title is matched against `lex`). */
export async function readNarrativeLine(img: Gray, line: InkBox, pad: number, lex: Lexicon): Promise<Reading> {
  const [r] = await readLines(img, [line], pad, { lex });
  return r!;
}
