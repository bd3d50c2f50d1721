/**
 * How generated values are written as cells: mostly the canonical form, sometimes the other
 * forms DATA.md accepts (DD/MM/YYYY dates, Indonesian thousands separators, ya/tidak booleans,
 * timestamps with `T`, without seconds, with an explicit offset or in UTC), so the readers and
 * validators are exercised by ordinary data.
 */
import type { Rng } from './prng.js';

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD` → `DD/MM/YYYY`. */
export function toDmy(date: string, sep = '/'): string {
  return `${date.slice(8, 10)}${sep}${date.slice(5, 7)}${sep}${date.slice(0, 4)}`;
}

/** A date cell: ISO mostly, 4% `DD/MM/YYYY`, 1% `DD-MM-YYYY`. */
export function dateCell(date: string, rng: Rng): string {
  const x = rng.next();
  if (x < 0.95) return date;
  return x < 0.99 ? toDmy(date, '/') : toDmy(date, '-');
}

/** `1250000` → `1.250.000`. */
export function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A rupiah cell: plain digits mostly, 5% with thousands separators. */
export function rupiahCell(n: number, rng: Rng): string {
  return rng.next() < 0.05 ? withThousands(n) : String(n);
}

const TRUE_FORMS = ['true', 'true', 'true', 'true', 'true', 'true', 'ya', 'Y', '1', 'TRUE'];
const FALSE_FORMS = ['false', 'false', 'false', 'false', 'false', 'false', 'tidak', 'N', '0', 'FALSE'];

/** A boolean cell: `true/false` mostly, sometimes `ya/tidak`, `Y/N`, `1/0`. */
export function boolCell(v: boolean, rng: Rng): string {
  const x = rng.next();
  if (x < 0.9) return v ? 'true' : 'false';
  return (v ? TRUE_FORMS : FALSE_FORMS)[Math.floor((x - 0.9) * 100)];
}

/** `HH:MM:SS` of a second of the day. */
export function clock(secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  return `${pad2(h)}:${pad2(m)}:${pad2(secondOfDay % 60)}`;
}

/**
 * A timestamp cell for a local wall-clock moment of a kabupaten: local without offset mostly
 * (space or `T`, with or without seconds), 8% with the zone's explicit offset, 5% in UTC (`Z`).
 */
export function timestampCell(date: string, secondOfDay: number, utcMs: number, offsetLabel: string, rng: Rng): string {
  const x = rng.next();
  const t = clock(secondOfDay);
  if (x < 0.67) return `${date} ${t}`;
  if (x < 0.8) return `${date}T${t}`;
  if (x < 0.85) return `${date} ${t.slice(0, 5)}`;
  if (x < 0.91) return `${date}T${t}${offsetLabel}`;
  if (x < 0.93) return `${date} ${t}${offsetLabel.replace(':', '')}`;
  if (x < 0.95) return `${date}T${t}.${String(Math.floor(x * 1e5) % 1000).padStart(3, '0')}`;
  return new Date(utcMs).toISOString().replace('.000Z', 'Z');
}

/** `+08:00` for an offset of 480 minutes. */
export function offsetLabel(offsetMinutes: number): string {
  return `+${pad2(Math.floor(offsetMinutes / 60))}:${pad2(offsetMinutes % 60)}`;
}
