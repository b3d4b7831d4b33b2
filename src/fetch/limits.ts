// The limits of a run's fetches as the command line gives them, and the
// FetchOptions they make: one per-host gate for every fetch of the run.
import { HostGate } from './hosts.js';
import type { FetchOptions } from './types.js';

/** --fetch-timeout, --fetch-max-mb, --max-redirects, --per-host, --host-pause. */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  perHost: number;
  pauseMs: number;
}

/** Largest download --fetch-max-mb allows: what the pipeline reads of one input (pipeline.ts MAX_INPUT_BYTES). */
export const MAX_FETCH_BYTES = 200 * 2 ** 20;

export const DEFAULT_FETCH: FetchLimits = { timeoutMs: 60_000, maxBytes: 100 * 2 ** 20, maxRedirects: 5, perHost: 2, pauseMs: 500 };

export function fetchOptions(limits: FetchLimits): FetchOptions {
  return {
    timeoutMs: limits.timeoutMs,
    maxBytes: limits.maxBytes,
    maxRedirects: limits.maxRedirects,
    hosts: new HostGate(limits.perHost, limits.pauseMs),
    userAgent: 'gkreport (annual report fetcher)',
  };
}
