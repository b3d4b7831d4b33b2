// The fetch contract (CONTRACTS.md): what a fetch is given and what it returns.

/** What was stored for a URL before: sent back as If-None-Match / If-Modified-Since. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/**
 * Where the validators of earlier fetches are kept. The report JSONs of an
 * --out folder are one implementation (bulk/url-task.ts); the store can be another.
 */
export interface ValidatorLookup {
  validators(url: string): Promise<Validators | undefined>;
}

export type FetchResult =
  | { kind: 'ok'; finalUrl: string; buffer: Buffer; etag?: string; lastModified?: string }
  | { kind: 'not-modified'; finalUrl: string }
  | { kind: 'failed'; reason: string; finalUrl?: string };

export interface FetchOptions {
  /** Whole-response limit, body included, in milliseconds. */
  timeoutMs: number;
  /** Largest body accepted (after content decoding); the download is aborted past it. */
  maxBytes: number;
  /** Redirects followed before giving up. */
  maxRedirects: number;
  /** Per-host concurrency and pause; share one across every fetch of a run. */
  hosts: HostGateLike;
  userAgent?: string;
}

export interface HostGateLike {
  /**
   * Waits for a free slot on `host`; call the returned function when the
   * request is over. Rejects only when the gate itself cannot be reached
   * (a gate shared through a database); fetchUrl then throws that error.
   */
  enter(host: string): Promise<() => void>;
}
