// What the main process and the workers exchange about one input.
import type { Hints } from '../inputs/types.js';
import type { OcrMode, ReportStatus } from '../types.js';

/** A URL input whose body the main process downloaded into the task's `path`. */
export interface FetchedUrl {
  /** The URL as given: the report's source.path and the key of its JSON name. */
  url: string;
  finalUrl: string;
  etag?: string;
  lastModified?: string;
}

export interface ExtractTask {
  /** The file to read (for a URL: the downloaded body in a temporary file). */
  path: string;
  out: string;
  force: boolean;
  timeoutMs: number;
  ocr?: OcrMode;
  /** Add a path hash to the JSON name (see names.ts). */
  disambiguate: boolean;
  fetched?: FetchedUrl;
  /** Manifest hints for the report's meta. */
  hints?: Hints;
}

/** One input's outcome: what the progress display and the CSV pass need, nothing more. */
export interface Done {
  /** The input as given (a file path or a URL). */
  path: string;
  /** The report JSON written (or kept) for this input. */
  json: string;
  status: ReportStatus;
  format: string;
  /** The JSON of an earlier run was kept (same content hash and extractor version, or a 304 for a URL). */
  skipped: boolean;
  errors: number;
  warnings: number;
  ms: number;
  /** Why the input failed, when it did. */
  reason?: string;
}
