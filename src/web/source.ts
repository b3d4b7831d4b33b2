// The source file of a document the store knows. The request names a sha256,
// never a path: the path comes from the store's `sources` table, and the bytes
// are served only if they still hash to that sha256 (a file changed or
// replaced since extraction is not shown as if it were the report).
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { openPdf } from '../extractors/pdf/load.js';
import { renderPng } from '../extractors/pdf/render.js';
import { pickExtractor } from '../extractors/registry.js';
import { MAX_INPUT_BYTES } from '../pipeline.js';
import type { Database } from '../store/tables.js';
import type { RawDocument } from '../types.js';

const SHA = /^[0-9a-f]{64}$/;

/** A small least-recently-used cache: pages and re-read documents are costly, a few are enough. */
class Lru<V> {
  private map = new Map<string, Promise<V>>();
  constructor(private size: number) {}
  get(key: string, make: () => Promise<V>): Promise<V> {
    let v = this.map.get(key);
    if (v) this.map.delete(key);
    else v = make();
    this.map.set(key, v);
    while (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
    // A failure is not kept: the next request tries again.
    v.catch(() => this.map.delete(key));
    return v;
  }
}

export class Sources {
  private raws = new Lru<RawDocument | undefined>(8);
  private pngs = new Lru<Buffer | undefined>(32);
  constructor(private db: Kysely<Database>) {}

  /** The bytes of a known document, or undefined (unknown sha256, file gone or changed). */
  async file(sha: string): Promise<{ path: string; buffer: Buffer; format: string } | undefined> {
    if (!SHA.test(sha)) return undefined;
    const doc = await this.db.selectFrom('documents').select('format').where('sha256', '=', sha).executeTakeFirst();
    if (!doc) return undefined;
    const paths = await this.db.selectFrom('sources').select('path').where('sha256', '=', sha).orderBy('path').execute();
    for (const { path } of paths) {
      try {
        if ((await stat(path)).size > MAX_INPUT_BYTES) continue;
        const buffer = await readFile(path);
        if (createHash('sha256').update(buffer).digest('hex') === sha) return { path, buffer, format: doc.format };
      } catch {
        // gone or unreadable: try the next path
      }
    }
    return undefined;
  }

  /** The document re-read by its extractor: raw tables and narrative, as extraction saw them. */
  raw(sha: string): Promise<RawDocument | undefined> {
    return this.raws.get(sha, async () => {
      const f = await this.file(sha);
      const ex = f && pickExtractor(f.buffer, f.path);
      if (!f || !ex) return undefined;
      return (await ex.extract({ path: f.path, buffer: f.buffer, options: { timeoutMs: 60_000 } })).value;
    });
  }

  /** Page `n` of a known PDF as PNG at scale 2 (the scale inspect draws at). */
  pagePng(sha: string, n: number): Promise<Buffer | undefined> {
    return this.pngs.get(`${sha}:${n}`, async () => {
      const f = await this.file(sha);
      if (!f || f.format !== 'pdf') return undefined;
      const opened = await openPdf(f.buffer, { render: true });
      try {
        if (n < 1 || n > opened.doc.numPages) return undefined;
        return await renderPng(opened.doc, n, 2);
      } finally {
        await opened.task.destroy().catch(() => undefined);
      }
    });
  }
}
