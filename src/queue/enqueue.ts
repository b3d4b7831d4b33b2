// gkreport enqueue: one job per input, keyed by the input (queue_inputs), so
// the same input twice adds nothing; --force sends it again. The ledger row and
// the pg-boss job are written in one transaction: both or neither.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { CompiledQuery } from 'kysely';
import { listInputs } from '../cli/inputs.js';
import type { Store } from '../store/db.js';
import type { Boss } from './boss.js';
import { inputKey, isUrl, QUEUE, type JobInput } from './job.js';

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export interface EnqueueResult {
  added: number;
  already: number;
  problems: Array<{ input: string; message: string }>;
}

/** Files (directories recursed; paths made absolute for workers on other machines) and URLs → jobs. */
export async function enqueue(store: Store, boss: Boss, inputs: string[], force: boolean): Promise<EnqueueResult> {
  const urls = inputs.filter(isUrl);
  const { files, problems } = await listInputs(inputs.filter((i) => !isUrl(i)).map((p) => resolve(p)));
  const result: EnqueueResult = { added: 0, already: 0, problems: problems.map((p) => ({ input: p.path, message: p.message })) };
  const jobs: JobInput[] = urls.map((url) => ({ kind: 'url', url }));
  for (const path of files) {
    try {
      jobs.push({ kind: 'file', path, sha256: await sha256File(path) });
    } catch (e) {
      result.problems.push({ input: path, message: (e as Error).message });
    }
  }
  for (const job of jobs) {
    const key = inputKey(job);
    const added = await store.db.transaction().execute(async (trx) => {
      const row = { input_key: key, input: job.kind === 'file' ? job.path : job.url, kind: job.kind, job_id: null, enqueued_at: new Date().toISOString() };
      const ins = await trx.insertInto('queue_inputs').values(row).onConflict((oc) => oc.column('input_key').doNothing()).executeTakeFirst();
      if (Number(ins.numInsertedOrUpdatedRows ?? 0) === 0 && !force) return false;
      // pg-boss writes its job through this transaction's connection.
      const db = { executeSql: async (text: string, values: unknown[]) => ({ rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows }) };
      const id = await boss.send(QUEUE, job, { db } as object);
      await trx.updateTable('queue_inputs').set({ job_id: id, enqueued_at: row.enqueued_at }).where('input_key', '=', key).execute();
      return true;
    });
    if (added) result.added++;
    else result.already++;
  }
  return result;
}
