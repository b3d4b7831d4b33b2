// The store's tables as Kysely sees them (docs/store.md describes them for
// researchers). One row per document (content sha256), the paths it was read
// from, every value with its provenance, every finding. Plain columns, no JSON
// blobs, so `sqlite3` or `psql` alone answers questions. Migrations
// (migrations/) create them; this interface must follow every migration.

/** 0/1 flags: SQLite has no boolean, and one representation serves both engines. */
type Flag = number;

export interface DocumentsTable {
  sha256: string;
  format: string;
  bytes: number;
  status: string;
  agency: string | null;
  agency_key: string | null;
  year: number | null;
  title: string | null;
  format_version: string;
  table_active: Flag;
  table_apps: Flag;
  table_review: Flag;
  extractor_name: string;
  extractor_version: string;
  content_digest: string;
  // 002: where a document fetched by URL came from (fetch branch).
  url: string | null;
  etag: string | null;
  last_modified: string | null;
  // 100: the agency's GB/T 2260 division (app branch, src/regions).
  region_code: string | null;
  region_province: string | null;
  region_city: string | null;
  region_county: string | null;
  /**
   * 102: set (ISO 8601 UTC) only on the failed document of a URL that gave no
   * content; its sha256 is then the URL's key (write.ts failedUrlKey), not a content hash.
   */
  fetch_failed_at: string | null;
}

export interface SourcesTable {
  path: string;
  sha256: string;
}

/** Where a value or finding sits in the document (types.ts Place), flattened. */
export interface PlaceColumns {
  page: number | null;
  table_index: number | null;
  row_index: number | null;
  col_index: number | null;
  bbox_x0: number | null;
  bbox_y0: number | null;
  bbox_x1: number | null;
  bbox_y1: number | null;
  line: number | null;
  paragraph: number | null;
}

export interface FieldValuesTable extends PlaceColumns {
  sha256: string;
  seq: number;
  field: string;
  value: number | null;
  raw: string | null;
  kind: string | null;
  // 002: provenance flags (ocr, forms branches); null when not said.
  ocr: Flag | null;
  confidence: number | null;
  inferred: Flag | null;
}

export interface FindingsTable extends PlaceColumns {
  sha256: string;
  seq: number;
  rule: string;
  severity: string;
  /** Field ids separated by one space. */
  fields: string;
  /** A number or a string: SQLite keeps either as it is; PostgreSQL keeps it as jsonb (see write.ts). */
  expected: number | string | null;
  actual: number | string | null;
  message: string;
}

/** 003: one row per input given to `gkreport enqueue` (queue/enqueue.ts). */
export interface QueueInputsTable {
  /** `file:<sha256>:<absolute path>` or `url:<url as given>`. */
  input_key: string;
  input: string;
  kind: 'file' | 'url';
  job_id: string | null;
  /** ISO 8601, UTC. */
  enqueued_at: string;
}

/** 101 (app branch): append-only reviewer corrections (src/corrections). */
export interface CorrectionsTable {
  id: string;
  /** ISO 8601 UTC. */
  created_at: string;
  author: string;
  sha256: string;
  source_path: string | null;
  agency_key: string | null;
  year: number | null;
  kind: 'value' | 'dismiss';
  field: string | null;
  rule: string | null;
  finding_fields: string | null;
  old_value: number | null;
  new_value: number | null;
  reason: string;
}

export interface Database {
  documents: DocumentsTable;
  sources: SourcesTable;
  field_values: FieldValuesTable;
  findings: FindingsTable;
  queue_inputs: QueueInputsTable;
  corrections: CorrectionsTable;
}
