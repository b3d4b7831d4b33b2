// The inputs of a run: files, directories, http(s) URLs and manifest rows.
export { applyHints } from './hints.js';
export { isUrlInput, listInputs } from './list.js';
export type { FileInput, Hints, InputList, UrlInput } from './types.js';
