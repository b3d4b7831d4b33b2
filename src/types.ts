// The types at the centre of gkreport. Every stage (extract → normalize →
// check) returns a Result: its value together with structured findings.

export type Severity = 'error' | 'warning' | 'info';

/** Where a finding or a cell sits in the source document. */
export interface Place {
  /** 0-based index of the raw table in the document. */
  table?: number;
  /** 0-based row and column in the table's dense grid. */
  row?: number;
  col?: number;
  /** 1-based page number (PDF). */
  page?: number;
  /** [x0, y0, x1, y1] in PDF points, origin top-left of the page. */
  bbox?: [number, number, number, number];
  /** 1-based line of a text input. */
  line?: number;
  /** 0-based paragraph index (DOCX body). */
  paragraph?: number;
}

/** A problem or fact about a document, modelled on vfile's messages. */
export interface Finding {
  /** A rule id from spec/fields.md, e.g. `apps.balance`. */
  rule: string;
  severity: Severity;
  /** Canonical field ids involved. */
  fields: string[];
  expected?: number | string | null;
  actual?: number | string | null;
  /** A sentence a person can act on; quotes Chinese labels verbatim. */
  message: string;
  place?: Place;
}

export interface Result<T> {
  value: T;
  findings: Finding[];
}

export type Format = 'pdf' | 'docx' | 'html' | 'text';

/** Provenance of one raw cell. `table`, `row`, `col` always; the rest where the format has them. */
export interface CellProv extends Place {
  table: number;
  row: number;
  col: number;
  /** The cell's row and column were reached by counting (numbers in a stream of text), not seen in a grid, on a label's line or at a column position. */
  inferred?: true;
}

/** One cell as the extractor saw it: verbatim text, its anchor and its spans. */
export interface RawCell {
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  prov: CellProv;
}

/**
 * A table as extracted: sparse cells with spans (like Docling's TableData).
 * The dense grid is derived by `denseGrid` in normalizers/grid.ts.
 */
export interface RawTable {
  index: number;
  nRows: number;
  nCols: number;
  cells: RawCell[];
  /** Pages the table covers (PDF), 1-based. */
  pages?: number[];
}

/** What an extractor returns: tables, the narrative text, and what it read of the title. */
export interface RawDocument {
  format: Format;
  tables: RawTable[];
  /** The report's narrative text in reading order, tables excluded where the format allows. */
  text: string;
  /** The report title where the format marks it (HTML <title>/first heading, PDF first page). */
  title?: string;
  /** Extra metadata the format carries (DOCX core.xml title, PDF info). */
  docMeta?: Record<string, string>;
  pageCount?: number;
}

export interface ExtractInput {
  /** Display path of the input (may be a pseudo path for buffers). */
  path: string;
  buffer: Buffer;
  /** Per-file options from the command line. */
  options?: ExtractOptions;
}

export interface ExtractOptions {
  /** Milliseconds an extractor may spend on one file before it gives up. */
  timeoutMs?: number;
}

/**
 * One extractor per format (Docling's backends). `sniff` decides by bytes;
 * `extract` never throws for a bad document: it returns `extract.failed` or
 * `extract.no_text` findings and an empty document instead.
 */
export interface Extractor {
  format: Format;
  /** Version string of this extractor; part of the incremental-run key. */
  version: string;
  sniff(buffer: Buffer, path: string): boolean;
  extract(input: ExtractInput): Promise<Result<RawDocument>>;
}

export type TemplateVersion = '2019' | '2021' | 'unknown';

export interface ValueProv extends Place {
  /** The cell text verbatim. */
  raw: string;
  /** Placed by counting numbers in a stream of text (see CellProv); arithmetic checks do not rely on it. */
  inferred?: true;
}

export type ReportStatus = 'ok' | 'partial' | 'failed';

export interface ReportMeta {
  agency: string | null;
  year: number | null;
  title: string | null;
  format_version: TemplateVersion;
}

/** The report object of spec/output.md (`gkreport.report/1`). */
export interface Report {
  schema: 'gkreport.report/1';
  source: { path: string; sha256: string; format: Format | 'unknown'; bytes: number };
  status: ReportStatus;
  meta: ReportMeta;
  fields: Record<string, number | null>;
  provenance: Record<string, ValueProv>;
  findings: Finding[];
  /** Which of the template's tables were found: 二 → active, 三 → apps, 四 → review. */
  tables_found: { active: boolean; apps: boolean; review: boolean };
  extractor: { name: Format | 'none'; version: string };
  timings?: Record<string, number>;
}
