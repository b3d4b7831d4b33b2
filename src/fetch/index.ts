// Fetching report URLs within limits (time, size, redirects, per-host gate),
// conditionally on what was stored before.
export { fetchUrl } from './fetch-url.js';
export { HostGate } from './hosts.js';
export { DEFAULT_FETCH, fetchOptions, type FetchLimits } from './limits.js';
export type { FetchOptions, FetchResult, HostGateLike, ValidatorLookup, Validators } from './types.js';
