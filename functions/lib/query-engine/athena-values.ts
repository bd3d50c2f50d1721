/**
 * Athena speaks text both ways: parameters go in as SQL literals, every result value comes back
 * as a string. These helpers turn both into the SqlValue of the QueryEngine interface.
 */
import type { SqlValue } from './types.js';

/**
 * One ExecutionParameters entry: strings as quoted SQL literals (`'64.02'`, quotes doubled),
 * numbers and booleans as text, null as NULL.
 */
export function toAthenaParameter(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (!Number.isFinite(value)) throw new Error(`Cannot pass ${value} to Athena as a parameter`);
  return String(value);
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?: UTC|Z)?$/;

/**
 * Decodes one result value by its column type (ResultSetMetadata.ColumnInfo Type).
 * A missing VarCharValue is SQL NULL.
 */
export function fromAthenaValue(text: string | undefined, type: string): SqlValue {
  if (text === undefined) return null;
  const t = type.toLowerCase().replace(/\(.*$/, '').trim();
  switch (t) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'int':
    case 'bigint':
    case 'double':
    case 'float':
    case 'real':
    case 'decimal': {
      const n = Number(text);
      if (Number.isNaN(n) && text !== 'NaN') throw new Error(`Athena returned "${text}" for a ${type} column`);
      return n;
    }
    case 'boolean':
      return text === 'true';
    case 'date':
      return text;
    case 'timestamp':
    case 'timestamp with time zone':
      return parseTimestamp(text);
    default:
      return text;
  }
}

/** 'YYYY-MM-DD HH:MM:SS[.fff]' (UTC, as Athena prints TIMESTAMP) → epoch ms. */
export function parseTimestamp(text: string): number {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) throw new Error(`Athena returned "${text}" for a timestamp column`);
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
}
