// Agency name → administrative division (province, city, county). Pure: the
// divisions come in as data (divisions.ts loads them from the dataset).
//
// The name is scanned for the full names of divisions ("江苏省", "淮安市",
// "洪泽区"), longest first at each position. The first mention of each level
// narrows the next: "淮安市洪泽区" is the 洪泽区 of 淮安市. A county name
// shared by several places (鼓楼区, 朝阳区) with nothing in the name to tell
// them apart is not guessed: the agency stays unplaced.
import { finding } from '../result.js';
import type { Result } from '../types.js';

export interface Division {
  level: 'province' | 'city' | 'county';
  /** Six-digit GB/T 2260 code (provinces and cities padded with zeros: 320000, 320800). */
  code: string;
  name: string;
  province: string;
  /** null for the counties of municipalities and province-administered counties. */
  city: string | null;
}

export interface Region {
  region_code: string | null;
  region_province: string | null;
  region_city: string | null;
  region_county: string | null;
}

export const NO_REGION: Region = { region_code: null, region_province: null, region_city: null, region_county: null };

interface Index {
  byName: Map<string, Division[]>;
  longest: number;
}

const indexes = new WeakMap<Division[], Index>();

function indexOf(divs: Division[]): Index {
  let ix = indexes.get(divs);
  if (!ix) {
    const byName = new Map<string, Division[]>();
    for (const d of divs) byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
    ix = { byName, longest: Math.max(...divs.map((d) => d.name.length)) };
    indexes.set(divs, ix);
  }
  return ix;
}

interface Mention {
  at: number;
  end: number;
  candidates: Division[];
}

const within = (d: Division, parent: Division) =>
  parent.level === 'province' ? d.code.slice(0, 2) === parent.code.slice(0, 2) : parent.level === 'city' ? d.code.slice(0, 4) === parent.code.slice(0, 4) : d.code === parent.code;

function mentions(name: string, ix: Index): Mention[] {
  const out: Mention[] = [];
  for (let at = 0; at < name.length; ) {
    let hit: Mention | undefined;
    for (let len = Math.min(ix.longest, name.length - at); len >= 2 && !hit; len--) {
      const candidates = ix.byName.get(name.slice(at, at + len));
      if (candidates) hit = { at, end: at + len, candidates };
    }
    if (!hit) {
      at++;
      continue;
    }
    // Two-character names (城区, 新县, 东区) are also common words: they count only
    // at the start of the name or right after a mention of a division holding them.
    const prev = out[out.length - 1];
    if (hit.end - hit.at === 2) {
      const held = hit.candidates.filter((c) => at === 0 || (prev && prev.end === at && prev.candidates.some((p) => within(c, p) && p !== c)));
      if (!held.length) {
        at++;
        continue;
      }
      hit.candidates = held;
    }
    out.push(hit);
    at = hit.end;
  }
  return out;
}

const regionOf = (d: Division): Region => ({
  region_code: d.code,
  region_province: d.province,
  region_city: d.city,
  region_county: d.level === 'county' ? d.name : null,
});

/** The division an agency name names, or NO_REGION with an info finding `region.unplaced`. */
export function resolveRegion(agency: string | null, divs: Division[]): Result<Region> {
  if (!agency) return { value: NO_REGION, findings: [] };
  const name = agency.normalize('NFKC').replace(/\s+/g, '');
  let scope: Division[] = [];
  let ambiguous: Division[] = [];
  for (const level of ['province', 'city', 'county'] as const) {
    for (const m of mentions(name, indexOf(divs))) {
      const fit = m.candidates.filter((c) => c.level === level && scope.every((s) => within(c, s)));
      if (!fit.length) continue;
      if (fit.length > 1) ambiguous = fit;
      else scope = [fit[0]!];
      break;
    }
    if (ambiguous.length) break;
  }
  const deepest = scope[scope.length - 1] ?? scope[0];
  if (ambiguous.length) {
    const where = ambiguous.map((d) => `${d.province}${d.city ?? ''}${d.name} ${d.code}`).join(', ');
    return {
      value: deepest ? regionOf(deepest) : NO_REGION,
      findings: [finding('region.unplaced', 'info', `The agency "${agency}" names "${ambiguous[0]!.name}", which is ${ambiguous.length} places (${where}); nothing in the name tells which, so the region stops at ${deepest ? deepest.name : 'none'}.`)],
    };
  }
  if (!deepest) return { value: NO_REGION, findings: [finding('region.unplaced', 'info', `The agency "${agency}" names no province, city or county of the division codes (GB/T 2260); its region is left blank.`)] };
  return { value: regionOf(deepest), findings: [] };
}
