// 101 (app branch): corrections, append-only. A reviewer's new value for a
// field, or a dismissal of a finding, with who, when and why. Rows are only
// ever inserted: what was extracted stays in field_values and findings, and
// the history of a value is every row for it in order. The sha256 names the
// document corrected; source_path, agency_key and year let a changed document
// (new content for the same path or agency-year) find them for a second look.
import type { Kysely, Migration } from 'kysely';

export const m101: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('corrections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('source_path', 'text')
      .addColumn('agency_key', 'text')
      .addColumn('year', 'integer')
      // 'value': field gets new_value; 'dismiss': the finding rule over finding_fields is set aside.
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('field', 'text')
      .addColumn('rule', 'text')
      .addColumn('finding_fields', 'text')
      .addColumn('old_value', 'double precision')
      .addColumn('new_value', 'double precision')
      .addColumn('reason', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('corrections_sha256').on('corrections').column('sha256').execute();
    await db.schema.createIndex('corrections_agency_year').on('corrections').columns(['agency_key', 'year']).execute();
    // The review app's overview counts errors and warnings per document and rule: from this
    // index alone, without reading the findings' rows (messages make them long).
    await db.schema.createIndex('findings_sha256_severity_rule').on('findings').columns(['sha256', 'severity', 'rule']).execute();
  },
};
