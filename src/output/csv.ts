// CSV files through fast-csv: UTF-8 with a byte-order mark (Excel opens
// Chinese correctly), and no cell a spreadsheet would run as a formula.
import { format } from 'fast-csv';
import { atomicStream } from './atomic.js';

const FORMULA = /^[=+\-@\t\r|]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** Prefixes a quote to text a spreadsheet would evaluate ("=HYPERLINK(…)", "@SUM", "-1+2"); plain numbers stay numbers. */
export function neutralise(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return FORMULA.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

export interface CsvWriter {
  write(row: Array<string | number | null | undefined>): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** Opens a CSV at a temporary name; `close` renames it into place, so a killed run leaves no half file. */
export async function openCsv(path: string, headers: string[]): Promise<CsvWriter> {
  const target = await atomicStream(path);
  const csv = format({ writeBOM: true, headers, alwaysWriteHeaders: true, quoteColumns: false, includeEndRowDelimiter: true });
  csv.pipe(target.stream);
  return {
    write: (row) =>
      new Promise((resolve) => {
        if (csv.write(row.map(neutralise))) resolve();
        else csv.once('drain', () => resolve());
      }),
    close: async () => {
      csv.end();
      await target.commit();
    },
    abort: target.abort,
  };
}
