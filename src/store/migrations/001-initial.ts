// 001: the schema gkreport 0.1 wrote into SQLite (user_version 1),
// for both engines. Every statement is "if not exists", so an old SQLite store
// that has these tables but no migration history is adopted as it is: nothing
// is rebuilt and no row is touched.
import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../engine.js';

// Columns a number or a string may sit in. SQLite: no declared type (any value keeps its
// own type, as 0.1 wrote them). PostgreSQL: jsonb, which keeps 3 apart from "3".
const anyType = (db: Kysely<unknown>) => (isPostgres(db) ? 'jsonb' : sql``);

const place = ['page', 'table_index', 'row_index', 'col_index', 'bbox_x0', 'bbox_y0', 'bbox_x1', 'bbox_y1', 'line', 'paragraph'] as const;
const placeType = (c: string) => (c.startsWith('bbox') ? 'double precision' : 'integer');

export const m001: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const any = anyType(db);
    await db.schema
      .createTable('documents')
      .ifNotExists()
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('agency', 'text')
      .addColumn('agency_key', 'text')
      .addColumn('year', 'integer')
      .addColumn('title', 'text')
      .addColumn('format_version', 'text', (c) => c.notNull())
      .addColumn('table_active', 'integer', (c) => c.notNull())
      .addColumn('table_apps', 'integer', (c) => c.notNull())
      .addColumn('table_review', 'integer', (c) => c.notNull())
      .addColumn('extractor_name', 'text', (c) => c.notNull())
      .addColumn('extractor_version', 'text', (c) => c.notNull())
      .addColumn('content_digest', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('documents_agency_year').ifNotExists().on('documents').columns(['agency_key', 'year']).execute();

    await db.schema
      .createTable('sources')
      .ifNotExists()
      .addColumn('path', 'text', (c) => c.primaryKey())
      .addColumn('sha256', 'text', (c) => c.notNull().references('documents.sha256'))
      .execute();
    await db.schema.createIndex('sources_sha256').ifNotExists().on('sources').column('sha256').execute();

    let values = db.schema
      .createTable('field_values')
      .ifNotExists()
      .addColumn('sha256', 'text', (c) => c.notNull().references('documents.sha256'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      // double precision, not real: PostgreSQL's real is 4 bytes and would round large counts.
      .addColumn('value', 'double precision')
      .addColumn('raw', 'text')
      .addColumn('kind', 'text');
    for (const c of place) values = values.addColumn(c, placeType(c));
    await values.addPrimaryKeyConstraint('field_values_pk', ['sha256', 'field']).execute();
    await db.schema.createIndex('field_values_field').ifNotExists().on('field_values').column('field').execute();

    let findings = db.schema
      .createTable('findings')
      .ifNotExists()
      .addColumn('sha256', 'text', (c) => c.notNull().references('documents.sha256'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('expected', any)
      .addColumn('actual', any)
      .addColumn('message', 'text', (c) => c.notNull());
    for (const c of place) findings = findings.addColumn(c, placeType(c));
    await findings.addPrimaryKeyConstraint('findings_pk', ['sha256', 'seq']).execute();
    await db.schema.createIndex('findings_rule').ifNotExists().on('findings').column('rule').execute();
    await db.schema.createIndex('findings_sha256').ifNotExists().on('findings').column('sha256').execute();

    // Views for people querying the store by hand.
    const view = (name: string) => (isPostgres(db) ? db.schema.createView(name).orReplace() : db.schema.createView(name).ifNotExists());
    await view('report_values')
      .as(sql`SELECT d.agency, d.agency_key, d.year, d.format_version, v.field, v.value, v.raw, v.page, v.sha256 FROM field_values v JOIN documents d USING (sha256)`)
      .execute();
    await view('report_findings')
      .as(sql`SELECT d.agency, d.agency_key, d.year, f.rule, f.severity, f.fields, f.expected, f.actual, f.message, f.sha256 FROM findings f JOIN documents d USING (sha256)`)
      .execute();
  },
};
