// The library API: `import { extractReport } from 'gkreport'`.
export { extractReport, type ReportInput } from './pipeline.js';
export { normalize, type Normalized } from './normalizers/index.js';
export { runChecks, CHECKS } from './checks/index.js';
export { EXTRACTORS, pickExtractor } from './extractors/registry.js';
export { fieldIds, versionFieldIds } from './template.js';
export type * from './types.js';
