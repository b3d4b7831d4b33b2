// One line per document for the overview — state, counts per rule, region —
// read once and kept until the store changes, so an overview of 10,000
// reports is filtering in memory, not a scan of every finding per request.
// SQLite says when another connection committed (PRAGMA data_version);
// PostgreSQL's table statistics count rows written (they may trail a commit by
// about a second). The app's own corrections invalidate at once.
import { sql, type Kysely } from 'kysely';
import { affectedShas, loadCorrected } from '../corrections/load.js';
import { isPostgres } from '../store/engine.js';
import type { Database } from '../store/tables.js';

export interface DocSummary {
  sha256: string;
  agency: string | null;
  agency_key: string | null;
  year: number | null;
  status: string;
  region_code: string | null;
  region_province: string | null;
  region_city: string | null;
  region_county: string | null;
  errors: number;
  warnings: number;
  /** Errors and warnings per rule id. */
  rules: Map<string, number>;
  corrected: boolean;
  /** The URL, for a URL that gave no content (migration 102); else null. */
  failedUrl: string | null;
}

async function stamp(db: Kysely<Database>): Promise<string> {
  if (isPostgres(db)) {
    const r = await sql<{ n: string | number | null }>`SELECT sum(n_tup_ins + n_tup_upd + n_tup_del) AS n FROM pg_stat_user_tables WHERE relname IN ('documents', 'findings', 'sources', 'corrections')`.execute(db);
    return String(r.rows[0]?.n ?? '');
  }
  const r = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db);
  return String(r.rows[0]?.data_version ?? '');
}

async function load(db: Kysely<Database>): Promise<DocSummary[]> {
  const docs = await db.selectFrom('documents').select(['sha256', 'agency', 'agency_key', 'year', 'status', 'region_code', 'region_province', 'region_city', 'region_county']).execute();
  const counts = await db
    .selectFrom('findings')
    .select(['sha256', 'severity', 'rule', (e) => e.fn.countAll<number>().as('n')])
    .where('severity', 'in', ['error', 'warning'])
    .groupBy(['sha256', 'severity', 'rule'])
    .execute();
  const failedUrls = new Map(
    (await db.selectFrom('sources as s').innerJoin('documents as d', 'd.sha256', 's.sha256').select(['s.sha256', 's.path']).where('d.fetch_failed_at', 'is not', null).execute()).map((r) => [r.sha256, r.path]),
  );
  const bySha = new Map<string, DocSummary>();
  for (const d of docs) bySha.set(d.sha256, { ...d, year: d.year === null ? null : Number(d.year), errors: 0, warnings: 0, rules: new Map(), corrected: false, failedUrl: failedUrls.get(d.sha256) ?? null });
  for (const c of counts) {
    const s = bySha.get(c.sha256);
    if (!s) continue;
    const n = Number(c.n);
    if (c.severity === 'error') s.errors += n;
    else s.warnings += n;
    s.rules.set(c.rule, (s.rules.get(c.rule) ?? 0) + n);
  }
  // Documents a correction touches are counted as corrected: the checks and the cross-year
  // rules ran again, dismissed findings are gone.
  for (const sha of await affectedShas(db)) {
    const s = bySha.get(sha);
    const c = s && (await loadCorrected(db, sha));
    if (!s || !c) continue;
    const fixed = c.view.report.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    s.errors = fixed.filter((f) => f.severity === 'error').length;
    s.warnings = fixed.length - s.errors;
    s.rules = new Map();
    for (const f of fixed) s.rules.set(f.rule, (s.rules.get(f.rule) ?? 0) + 1);
    s.corrected = c.corrections.length > 0;
  }
  return [...bySha.values()];
}

export class Summaries {
  private cached?: { stamp: string; docs: Promise<DocSummary[]> };
  constructor(private db: Kysely<Database>) {}

  invalidate(): void {
    this.cached = undefined;
  }

  async get(): Promise<DocSummary[]> {
    const now = await stamp(this.db);
    if (!this.cached || this.cached.stamp !== now) {
      const docs = load(this.db);
      this.cached = { stamp: now, docs };
      docs.catch(() => (this.cached = undefined));
    }
    return this.cached.docs;
  }
}
