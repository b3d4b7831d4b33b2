// 003: the inputs handed to the queue (gkreport enqueue), one row per input
// key, so enqueuing the same thing again adds nothing however long ago the
// first job finished (pg-boss forgets finished jobs after a while; this does not).
import type { Kysely, Migration } from 'kysely';

export const m003: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('queue_inputs')
      .ifNotExists()
      .addColumn('input_key', 'text', (c) => c.primaryKey())
      .addColumn('input', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('job_id', 'text')
      .addColumn('enqueued_at', 'text', (c) => c.notNull())
      .execute();
  },
};
