// What the main process and the workers exchange about one input.
import type { OcrMode, ReportStatus } from '../types.js';

export interface ExtractTask {
  path: string;
  out: string;
  force: boolean;
  timeoutMs: number;
  ocr?: OcrMode;
  /** Add a path hash to the JSON name (see names.ts). */
  disambiguate: boolean;
}

/** One input's outcome: what the progress display and the CSV pass need, nothing more. */
export interface Done {
  path: string;
  /** The report JSON written (or kept) for this input. */
  json: string;
  status: ReportStatus;
  format: string;
  /** The JSON of an earlier run was kept (same content hash and extractor version). */
  skipped: boolean;
  errors: number;
  warnings: number;
  ms: number;
  /** Why the input failed, when it did. */
  reason?: string;
}
