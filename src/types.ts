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

export type Format = 'pdf' | 'docx' | 'html' | 'text' | 'image';

/** Provenance of one raw cell. `table`, `row`, `col` always; the rest where the format has them. */
export interface CellProv extends Place {
  table: number;
  row: number;
  col: number;
  /** The text was read by OCR (a scan or a picture), with this confidence (0..1). */
  ocr?: true;
  confidence?: number;
  /** The cell's row and column were reached by counting (numbers in a stream of text), not seen in a grid, on a label's line or at a column position. */
  inferred?: true;
}

/** Another reading OCR gave a cell (the proof-reader tries these when a table does not add up). */
export interface OcrAlternative {
  text: string;
  /** How likely this reading is (0..1), from the recogniser's character probabilities. */
  confidence: number;
}

/** One cell as the extractor saw it: verbatim text, its anchor and its spans. */
export interface RawCell {
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  prov: CellProv;
  /** OCR's next readings of the cell, most likely first (OCR cells with uncertain characters only). */
  alternatives?: OcrAlternative[];
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
  /** Rows rebuilt from text in reading order (one cell after another, the rows' lines lost): see normalizers/placement-arith.ts. */
  readingOrder?: true;
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

/** `auto`: OCR only where the text layer or the markup holds no tables; `off`: never; `force`: every page and picture. */
export type OcrMode = 'auto' | 'off' | 'force';

export interface ExtractOptions {
  /** Milliseconds an extractor may spend on one file before it gives up. */
  timeoutMs?: number;
  /** Where OCR runs (default `auto`). */
  ocr?: OcrMode;
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
  /** The value was read by OCR, with this confidence (0..1). */
  ocr?: true;
  confidence?: number;
  /** Placed by counting numbers in a stream of text (see CellProv); arithmetic checks do not rely on it. */
  inferred?: true;
}

export type ReportStatus = 'ok' | 'partial' | 'failed';

export interface ReportMeta {
  agency: string | null;
  year: number | null;
  title: string | null;
  format_version: TemplateVersion;
  /** Only from a manifest hint: the report's text does not name a region. */
  region?: string;
  /** GB/T 2260 division of the agency (src/regions); null where the name places it nowhere. */
  region_code?: string | null;
  region_province?: string | null;
  region_city?: string | null;
  region_county?: string | null;
}

/** Meta values that came from a manifest hint rather than the report's text. */
export type MetaSource = Partial<Record<'agency' | 'year' | 'region', 'hint'>>;

/** The report object of spec/output.md (`gkreport.report/1`). */
export interface Report {
  schema: 'gkreport.report/1';
  source: {
    /** The input as given: a file path, or a URL as listed. */
    path: string;
    sha256: string;
    format: Format | 'unknown';
    bytes: number;
    /** URL inputs: the final URL after redirects, and the validators its server sent. */
    url?: string;
    etag?: string;
    last_modified?: string;
  };
  status: ReportStatus;
  meta: ReportMeta;
  /** Present when a manifest hint filled a meta value. */
  meta_source?: MetaSource;
  fields: Record<string, number | null>;
  provenance: Record<string, ValueProv>;
  findings: Finding[];
  /** Which of the template's tables were found: 二 → active, 三 → apps, 四 → review. */
  tables_found: { active: boolean; apps: boolean; review: boolean };
  extractor: { name: Format | 'none'; version: string };
  timings?: Record<string, number>;
}
