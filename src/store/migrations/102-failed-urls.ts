// 102: URLs that gave no content (a failed download: DNS, HTTP error, time
// limit, too large; or an extraction stopped by the worker limits) are kept
// as failed documents, so `status` and the review app list them. Such a
// document has no content hash: its key is made from the URL (write.ts
// failedUrlKey) and fetch_failed_at says when the failure was recorded. NULL
// on every document with content.
import type { Kysely, Migration } from 'kysely';

export const m102: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('documents').addColumn('fetch_failed_at', 'text').execute();
  },
};
