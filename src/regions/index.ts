// The region of an agency, from the national division dataset.
import type { Result } from '../types.js';
import { divisions } from './divisions.js';
import { resolveRegion, type Region } from './resolve.js';

export { NO_REGION, type Region } from './resolve.js';

export function placeAgency(agency: string | null): Result<Region> {
  return resolveRegion(agency, divisions());
}
