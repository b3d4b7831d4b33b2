// Progress on stderr (issue 6, item 6), with a hand-driven clock.
import assert from 'node:assert/strict';
import type { Done } from '../src/bulk/types.js';
import { fmtDuration, Progress, type ProgressOptions } from '../src/cli/progress.js';

function setup(o: Partial<ProgressOptions>) {
  let t = 1_000_000;
  const lines: string[] = [];
  const p = new Progress({ quiet: false, format: 'text', tty: false, out: 'out', write: (s) => lines.push(s), now: () => t, ...o });
  return { p, lines, tick: (ms: number) => (t += ms) };
}

const done = (path: string, status: Done['status'], extra: Partial<Done> = {}): Done => ({ path, json: `${path}.json`, status, format: 'text', skipped: false, errors: status === 'failed' ? 1 : 0, warnings: 1, ms: 5, ...extra });

describe('bulk progress', () => {
  it('terminal: one redrawn bar with done/total, rate, ETA and failures so far', () => {
    const { p, lines, tick } = setup({ tty: true });
    p.start(10);
    tick(2000);
    p.done(done('a', 'ok'));
    tick(2000);
    p.done(done('b', 'failed', { reason: 'The file is empty (0 bytes).' }));
    const bar = lines.filter((l) => l.startsWith('\r\x1b[K[')).pop()!;
    assert.match(bar, /^\r\x1b\[K\[#{5}\.{19}\] 2\/10 done, 0\.5 files\/s, ETA 0:16, 1 failed$/);
    assert.ok(lines.some((l) => l === '\r\x1b[K' + 'failed  "b": The file is empty (0 bytes).\n'));
    const sum = p.finish();
    assert.deepEqual({ ...sum, seconds: 0 }, { total: 10, ok: 1, partial: 0, failed: 1, errors: 1, warnings: 2, skipped: 0, seconds: 0 });
    assert.match(lines.at(-1)!, /^gkreport: 10 input\(s\): 1 ok, 0 partial, 1 failed; 1 errors, 2 warnings; 0 skipped as unchanged; 4\.0 s → out\n$/);
  });

  it('log: a plain line every few seconds, not one per file', () => {
    const { p, lines, tick } = setup({ everySec: 5 });
    p.start(100);
    for (let i = 0; i < 20; i++) {
      tick(1000);
      p.done(done(`f${i}`, 'ok', { skipped: i < 5 }));
    }
    const progress = lines.filter((l) => / done, /.test(l));
    assert.deepEqual(progress, ['gkreport: 5/100 done, 1.0 files/s, ETA 1:35, 0 failed\n', 'gkreport: 10/100 done, 1.0 files/s, ETA 1:30, 0 failed\n', 'gkreport: 15/100 done, 1.0 files/s, ETA 1:25, 0 failed\n', 'gkreport: 20/100 done, 1.0 files/s, ETA 1:20, 0 failed\n']);
    assert.match(p.finish() && lines.at(-1)!, /5 skipped as unchanged/);
  });

  it('--quiet: failures and the summary only', () => {
    const { p, lines, tick } = setup({ quiet: true, tty: true });
    p.start(3);
    for (const s of ['ok', 'failed', 'partial'] as const) {
      tick(6000);
      p.done(done(s, s));
    }
    p.finish();
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^gkreport: failed {2}"failed"/);
  });

  it('json: one event per file and a summary, each one line of JSON', () => {
    const { p, lines } = setup({ format: 'json' });
    p.start(2);
    p.done(done('a', 'ok'));
    p.done(done('b', 'failed', { reason: 'why' }));
    p.finish();
    const ev = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      ev.map((e) => [e.event, e.path, e.status, e.reason]),
      [
        ['start', undefined, undefined, undefined],
        ['file', 'a', 'ok', undefined],
        ['file', 'b', 'failed', 'why'],
        ['summary', undefined, undefined, undefined],
      ],
    );
    assert.ok(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n')));
  });

  it('durations read as m:ss or h:mm:ss', () => {
    assert.deepEqual([fmtDuration(0), fmtDuration(75), fmtDuration(3725), fmtDuration(NaN)], ['0:00', '1:15', '1:02:05', '?']);
  });
});
