// The store as the fetch module's memory of a URL: the ETag / Last-Modified
// of the document a URL input last gave (sources.path is the URL as given),
// so a nightly worker asks the server only for what changed.
import type { ValidatorLookup, Validators } from '../fetch/index.js';
import type { Store } from './db.js';

export class StoreValidators implements ValidatorLookup {
  /** `versions`: today's extractor versions; a document read by an older one is fetched whole, to be redone. */
  constructor(
    private readonly store: Store,
    private readonly versions: ReadonlySet<string>,
  ) {}

  async validators(url: string): Promise<Validators | undefined> {
    const d = await this.store.db
      .selectFrom('sources')
      .innerJoin('documents', 'documents.sha256', 'sources.sha256')
      .select(['documents.etag', 'documents.last_modified', 'documents.extractor_version'])
      .where('sources.path', '=', url)
      .executeTakeFirst();
    if (!d || !this.versions.has(d.extractor_version)) return undefined;
    const v: Validators = {};
    if (d.etag) v.etag = d.etag;
    if (d.last_modified) v.lastModified = d.last_modified;
    return v.etag || v.lastModified ? v : undefined;
  }
}
