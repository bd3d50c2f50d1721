/**
 * DuckDB values → SqlValue, so both engines hand the reports the same JavaScript values.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { duckdb } from './duckdb-module.js';
import type { SqlValue } from './types.js';

const { DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampMillisecondsValue, DuckDBTimestampTZValue, DuckDBTimestampValue } = duckdb;

const DAY_MS = 86_400_000;

/** Converts one DuckDB value: integers of any width → number, DATE → 'YYYY-MM-DD', TIMESTAMP[TZ] → epoch ms. */
export function fromDuckDbValue(value: DuckDBValue): SqlValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return bigintToNumber(value);
  if (value instanceof DuckDBDateValue) return dateText(value.days);
  if (value instanceof DuckDBTimestampTZValue || value instanceof DuckDBTimestampValue) return microsToMs(value.micros);
  if (value instanceof DuckDBTimestampMillisecondsValue) return bigintToNumber(value.millis);
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  return String(value);
}

/** 'YYYY-MM-DD' of a DATE's day number, remembered: a region's reads hold a few hundred thousand dates of a few hundred days. */
const dateTexts = new Map<number, string>();
function dateText(days: number): string {
  let text = dateTexts.get(days);
  if (text === undefined) {
    text = new Date(days * DAY_MS).toISOString().slice(0, 10);
    if (dateTexts.size < 100_000) dateTexts.set(days, text);
  }
  return text;
}

function microsToMs(micros: bigint): number {
  // Floor, so an instant before 1970 still lands in the right millisecond.
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  return bigintToNumber(ms);
}

function bigintToNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new Error(`Integer ${v} does not fit a JavaScript number exactly`);
  }
  return Number(v);
}
