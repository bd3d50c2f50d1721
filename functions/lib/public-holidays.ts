/**
 * Indonesia's public holidays as `date-holidays` computes them (country ID, type `public`): the
 * one source of the calendar's holidays. The package loads the time zones of the world and the
 * holiday rules of every country (about 0.3 s of CPU), so it is loaded on first use only, and
 * the compiled CLI ships the years it needs computed at build time ({@link holidayTable}).
 */
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';

/** Holidays of some years: year → [date 'YYYY-MM-DD', name][], ascending by date. */
export type HolidayTable = Record<string, [date: string, name: string][]>;

let engine: HolidaysClass | undefined;

/**
 * Public holidays of Indonesia in a year, as 'YYYY-MM-DD' → name, ascending by date. Two
 * holidays on one date share the entry, names joined with " / ".
 */
export function computePublicHolidays(year: number): Map<string, string> {
  engine ??= new (createRequire(import.meta.url)('date-holidays') as typeof HolidaysClass)('ID');
  const map = new Map<string, string>();
  const prefix = `${String(year).padStart(4, '0')}-`;
  for (const h of engine.getHolidays(year)) {
    if (h.type !== 'public') continue;
    // `date` is the local calendar date ('2026-08-17 00:00:00', sometimes with an offset
    // suffix for holidays that start at sunset); its date part is the day off.
    const date = h.date.slice(0, 10);
    if (!date.startsWith(prefix)) continue;
    const existing = map.get(date);
    if (existing === undefined) map.set(date, h.name);
    else if (!existing.split(' / ').includes(h.name)) map.set(date, `${existing} / ${h.name}`);
  }
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The holidays of the years `from..to`, computed now (the build ships them in the bundle). */
export function holidayTable(from: number, to: number): HolidayTable {
  const table: HolidayTable = {};
  for (let y = from; y <= to; y++) table[y] = [...computePublicHolidays(y)];
  return table;
}
