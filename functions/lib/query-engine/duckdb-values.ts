/**
 * DuckDB values → SqlValue, so both engines hand the reports the same JavaScript values.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { duckdb } from './duckdb-module.js';
import type { SqlValue } from './types.js';
import { dayText } from '../localtime.js';

const { DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampMillisecondsValue, DuckDBTimestampTZValue, DuckDBTimestampValue } = duckdb;

/** Converts one DuckDB value: integers of any width → number, DATE → 'YYYY-MM-DD', TIMESTAMP[TZ] → epoch ms. */
export function fromDuckDbValue(value: DuckDBValue): SqlValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return bigintToNumber(value);
  if (value instanceof DuckDBDateValue) return dayText(value.days);
  if (value instanceof DuckDBTimestampTZValue || value instanceof DuckDBTimestampValue) return microsToMs(value.micros);
  if (value instanceof DuckDBTimestampMillisecondsValue) return bigintToNumber(value.millis);
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  return String(value);
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
