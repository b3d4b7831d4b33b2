// better-sqlite3 behind a small typed seam. The package ships no types and
// @types/better-sqlite3 is not a dependency; these few methods are all the
// store uses (better-sqlite3 12.x: 13.x does not run on Node 20).
import { createRequire } from 'node:module';

export type SqlValue = string | number | bigint | null | Buffer;
export type Row = Record<string, SqlValue>;

export interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
  iterate(...params: unknown[]): IterableIterator<Row>;
}

export interface Db {
  prepare(sql: string): Statement;
  exec(sql: string): Db;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
  readonly open: boolean;
}

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => Db;

export function openDb(file: string, options: { readonly?: boolean; fileMustExist?: boolean } = {}): Db {
  return new Database(file, options);
}
