// Progress of a batch on stderr (stdout carries nothing): a live bar on a
// terminal, a plain line every few seconds in a log, one JSON event per file
// for job runners, and a closing summary in every mode.
import type { Done } from '../bulk/types.js';

export type LogFormat = 'text' | 'json';

export interface ProgressOptions {
  quiet: boolean;
  format: LogFormat;
  /** stderr is a terminal: redraw one line instead of appending. */
  tty: boolean;
  out: string;
  write?: (s: string) => void;
  now?: () => number;
  /** Seconds between plain progress lines in a log. */
  everySec?: number;
}

export interface Summary {
  total: number;
  ok: number;
  partial: number;
  failed: number;
  errors: number;
  warnings: number;
  skipped: number;
  seconds: number;
}

export class Progress {
  private total = 0;
  private readonly t0: number;
  private lastDraw = 0;
  private readonly write: (s: string) => void;
  private readonly now: () => number;
  private readonly s: Omit<Summary, 'total' | 'seconds'> & { done: number } = { done: 0, ok: 0, partial: 0, failed: 0, errors: 0, warnings: 0, skipped: 0 };

  constructor(private readonly o: ProgressOptions) {
    this.write = o.write ?? ((s) => void process.stderr.write(s));
    this.now = o.now ?? Date.now;
    this.t0 = this.now();
    this.lastDraw = this.t0;
  }

  start(total: number): void {
    this.total = total;
    if (this.o.format === 'json' && !this.o.quiet) this.event({ event: 'start', total, out: this.o.out });
  }

  done(d: Done): void {
    const s = this.s;
    s.done++;
    s[d.status]++;
    s.errors += d.errors;
    s.warnings += d.warnings;
    if (d.skipped) s.skipped++;
    if (this.o.format === 'json') {
      if (!this.o.quiet) this.event({ event: 'file', path: d.path, status: d.status, format: d.format, skipped: d.skipped, errors: d.errors, warnings: d.warnings, ms: d.ms, json: d.json, ...(d.reason ? { reason: d.reason } : {}) });
      return;
    }
    // A failed file is worth a line of its own even with --quiet: someone has to look at it.
    if (d.status === 'failed') this.line(`failed  ${JSON.stringify(d.path)}: ${d.reason ?? 'no report table found'}`);
    if (this.o.quiet) return;
    const t = this.now();
    if (this.o.tty) {
      if (t - this.lastDraw >= 100 || s.done === this.total) this.bar(t);
    } else if (t - this.lastDraw >= (this.o.everySec ?? 5) * 1000) {
      this.lastDraw = t;
      this.write(`gkreport: ${this.status(t)}\n`);
    }
  }

  finish(): Summary {
    const seconds = (this.now() - this.t0) / 1000;
    const { done: _done, ...rest } = this.s;
    const sum: Summary = { total: this.total, ...rest, seconds };
    if (this.o.tty && !this.o.quiet && this.o.format === 'text') this.write('\r\x1b[K');
    if (this.o.format === 'json') this.event({ event: 'summary', ...sum, out: this.o.out });
    else {
      this.write(
        `gkreport: ${sum.total} input(s): ${sum.ok} ok, ${sum.partial} partial, ${sum.failed} failed; ${sum.errors} errors, ${sum.warnings} warnings; ` +
          `${sum.skipped} skipped as unchanged; ${seconds.toFixed(1)} s → ${this.o.out}\n`,
      );
    }
    return sum;
  }

  private line(s: string): void {
    // On a terminal, clear the bar first so the line does not land in its middle.
    this.write(this.o.tty && !this.o.quiet ? `\r\x1b[K${s}\n` : `gkreport: ${s}\n`);
  }

  private status(t: number): string {
    const { done, failed } = this.s;
    const sec = (t - this.t0) / 1000;
    const rate = sec > 0 ? done / sec : 0;
    const eta = rate > 0 ? (this.total - done) / rate : NaN;
    return `${done}/${this.total} done, ${rate.toFixed(1)} files/s, ETA ${fmtDuration(eta)}, ${failed} failed`;
  }

  private bar(t: number): void {
    this.lastDraw = t;
    const width = 24;
    const filled = this.total ? Math.round((this.s.done / this.total) * width) : width;
    this.write(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.status(t)}`);
  }

  private event(e: Record<string, unknown>): void {
    this.write(`${JSON.stringify(e)}\n`);
  }
}

export function fmtDuration(sec: number): string {
  if (!Number.isFinite(sec)) return '?';
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}
