// What a queue job carries: one input, a file (absolute path, read by workers
// that see the same shared folder) or a URL (fetched by the worker).
export const QUEUE = 'gkreport-extract';

export type JobInput = { kind: 'file'; path: string; sha256: string } | { kind: 'url'; url: string };

/** The key an input is known by: its content and place for a file, the URL as given. */
export function inputKey(j: JobInput): string {
  return j.kind === 'file' ? `file:${j.sha256}:${j.path}` : `url:${j.url}`;
}

export function isUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}
