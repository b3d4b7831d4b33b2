// What the command line and manifests give as inputs, once listed.

/** Metadata a manifest row supplies; the report's own text wins where it states the same thing. */
export interface Hints {
  agency?: string;
  year?: number;
  region?: string;
}

export interface FileInput {
  path: string;
  hints?: Hints;
}

export interface UrlInput {
  /** The URL as given (the key of its report; the final URL after redirects is kept in the report). */
  url: string;
  hints?: Hints;
}

export interface InputList {
  files: FileInput[];
  urls: UrlInput[];
  /** Inputs that could not be listed: each becomes a failed report. */
  problems: Array<{ path: string; message: string }>;
}
