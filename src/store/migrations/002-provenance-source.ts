// 002: where a fetched document came from (documents.url, etag, last_modified:
// the fetch branch) and provenance flags of a value (field_values.ocr,
// confidence, inferred: the ocr and forms branches). All nullable: a value or
// document that does not say is null, never a made-up 0.
import type { Kysely, Migration } from 'kysely';

export const m002: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    for (const c of ['url', 'etag', 'last_modified']) await db.schema.alterTable('documents').addColumn(c, 'text').execute();
    await db.schema.alterTable('field_values').addColumn('ocr', 'integer').execute();
    await db.schema.alterTable('field_values').addColumn('confidence', 'double precision').execute();
    await db.schema.alterTable('field_values').addColumn('inferred', 'integer').execute();
  },
};
