/** kecamatan_profile rows: one per kecamatan per year, from the year before the range to its last year. */
import { columnIndex, emptyCells, type GeneratedRow } from './columns.js';
import { profileOf, type World } from './world.js';

const C = columnIndex('kecamatan_profile', [
  'year',
  'kabupaten_code',
  'kecamatan_code',
  'population',
  'households',
  'dtks_households',
  'extreme_poor_households',
] as const);

/** The profile years of a generated range: the year before its first month up to its last. */
export function profileYears(periods: readonly string[]): number[] {
  const first = Number(periods[0].slice(0, 4)) - 1;
  const last = Number(periods[periods.length - 1].slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export function* kecamatanProfileRows(w: World): Generator<GeneratedRow> {
  const years = profileYears(w.ctx.periods);
  const endYear = years[years.length - 1];
  for (const year of years) {
    for (const k of w.kecamatan) {
      const p = profileOf(k, year, endYear);
      const cells = emptyCells(C.width);
      cells[C.year] = String(year);
      cells[C.kabupaten_code] = w.code;
      cells[C.kecamatan_code] = k.code;
      cells[C.population] = String(p.population);
      cells[C.households] = String(p.households);
      cells[C.dtks_households] = String(p.dtks);
      cells[C.extreme_poor_households] = String(p.extreme);
      yield { cells, invalid: null };
    }
  }
}
