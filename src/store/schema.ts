// The store's schema (docs/store.md describes it for researchers). One row
// per document (content sha256), the paths it was read from, every value with
// its provenance, every finding. Plain columns, no JSON blobs, so `sqlite3`
// alone answers questions.
import type { Db } from './sqlite.js';

export const STORE_VERSION = 1;

const DDL = `
CREATE TABLE IF NOT EXISTS documents (
  sha256            TEXT PRIMARY KEY,
  format            TEXT NOT NULL,
  bytes             INTEGER NOT NULL,
  status            TEXT NOT NULL,
  agency            TEXT,
  agency_key        TEXT,
  year              INTEGER,
  title             TEXT,
  format_version    TEXT NOT NULL,
  table_active      INTEGER NOT NULL,
  table_apps        INTEGER NOT NULL,
  table_review      INTEGER NOT NULL,
  extractor_name    TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  content_digest    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_agency_year ON documents (agency_key, year);

CREATE TABLE IF NOT EXISTS sources (
  path   TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL REFERENCES documents (sha256)
);
CREATE INDEX IF NOT EXISTS sources_sha256 ON sources (sha256);

CREATE TABLE IF NOT EXISTS field_values (
  sha256      TEXT NOT NULL REFERENCES documents (sha256),
  seq         INTEGER NOT NULL,
  field       TEXT NOT NULL,
  value       REAL,
  raw         TEXT,
  kind        TEXT,
  page        INTEGER,
  table_index INTEGER,
  row_index   INTEGER,
  col_index   INTEGER,
  bbox_x0     REAL,
  bbox_y0     REAL,
  bbox_x1     REAL,
  bbox_y1     REAL,
  line        INTEGER,
  paragraph   INTEGER,
  PRIMARY KEY (sha256, field)
);
CREATE INDEX IF NOT EXISTS field_values_field ON field_values (field);

CREATE TABLE IF NOT EXISTS findings (
  sha256      TEXT NOT NULL REFERENCES documents (sha256),
  seq         INTEGER NOT NULL,
  rule        TEXT NOT NULL,
  severity    TEXT NOT NULL,
  fields      TEXT NOT NULL,
  expected,
  actual,
  message     TEXT NOT NULL,
  page        INTEGER,
  table_index INTEGER,
  row_index   INTEGER,
  col_index   INTEGER,
  bbox_x0     REAL,
  bbox_y0     REAL,
  bbox_x1     REAL,
  bbox_y1     REAL,
  line        INTEGER,
  paragraph   INTEGER,
  PRIMARY KEY (sha256, seq)
);
CREATE INDEX IF NOT EXISTS findings_rule ON findings (rule);

CREATE VIEW IF NOT EXISTS report_values AS
  SELECT d.agency, d.agency_key, d.year, d.format_version, v.field, v.value, v.raw, v.page, v.sha256
  FROM field_values v JOIN documents d USING (sha256);

CREATE VIEW IF NOT EXISTS report_findings AS
  SELECT d.agency, d.agency_key, d.year, f.rule, f.severity, f.fields, f.expected, f.actual, f.message, f.sha256
  FROM findings f JOIN documents d USING (sha256);
`;

/** Creates the tables on a new file; refuses a store written by a newer gkreport. */
export function ensureSchema(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > STORE_VERSION) throw new Error(`the store was written by a newer gkreport (schema ${version}; this one knows ${STORE_VERSION})`);
  db.exec(DDL);
  if (version !== STORE_VERSION) db.pragma(`user_version = ${STORE_VERSION}`);
}
