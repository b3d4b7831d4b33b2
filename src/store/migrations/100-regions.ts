// 100 (app branch): the agency's GB/T 2260 division on each document
// (src/regions). Documents stored before it get theirs from their agency
// name, so an old store answers by region without a re-extraction.
import type { Kysely, Migration } from 'kysely';
import { placeAgency } from '../../regions/index.js';

const COLUMNS = ['region_code', 'region_province', 'region_city', 'region_county'] as const;

export const m100: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const c of COLUMNS) await db.schema.alterTable('documents').addColumn(c, 'text').execute();
    await db.schema.createIndex('documents_region').on('documents').column('region_code').execute();
    const k = db as unknown as Kysely<{ documents: { agency: string | null; region_code: string | null; region_province: string | null; region_city: string | null; region_county: string | null } }>;
    const agencies = await k.selectFrom('documents').select('agency').distinct().where('agency', 'is not', null).execute();
    for (const { agency } of agencies) {
      const r = placeAgency(agency).value;
      if (r.region_code) await k.updateTable('documents').set(r).where('agency', '=', agency).execute();
    }
  },
};
