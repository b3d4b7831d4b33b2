// Every migration of the store, by name; names sort in the order they run.
// Other branches add theirs here (100-regions, 101-corrections: the app branch).
import type { Migration, MigrationProvider } from 'kysely';
import { m001 } from './001-initial.js';
import { m002 } from './002-provenance-source.js';
import { m003 } from './003-queue-inputs.js';
import { m100 } from './100-regions.js';
import { m101 } from './101-corrections.js';
import { m102 } from './102-failed-urls.js';

export const MIGRATIONS: Record<string, Migration> = {
  '001-initial': m001,
  '002-provenance-source': m002,
  '003-queue-inputs': m003,
  '100-regions': m100,
  '101-corrections': m101,
  '102-failed-urls': m102,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
