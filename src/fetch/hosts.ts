// At most N requests at once per host, with a pause before a freed slot is
// used again: a nightly crawl of one government site stays polite however many
// workers the run has.
import type { HostGateLike } from './types.js';

interface HostState {
  active: number;
  waiting: Array<() => void>;
}

export class HostGate implements HostGateLike {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly perHost: number,
    private readonly pauseMs: number,
  ) {}

  async enter(host: string): Promise<() => void> {
    let h = this.hosts.get(host);
    if (!h) this.hosts.set(host, (h = { active: 0, waiting: [] }));
    const state = h;
    if (state.active >= this.perHost) await new Promise<void>((resolve) => state.waiting.push(resolve));
    else state.active++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      // The slot passes to the next request only after the pause.
      setTimeout(() => {
        const next = state.waiting.shift();
        if (next) next();
        else if (--state.active === 0) this.hosts.delete(host);
      }, this.pauseMs);
    };
  }
}
