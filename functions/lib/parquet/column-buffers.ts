import * as arrow from 'apache-arrow';
import type { StorageColumn } from './types.js';
import { arrowTypeFor } from './arrow-schema.js';
import { parseYmdToDays } from './dates.js';

/**
 * One growable column: values in a typed array (strings as UTF-8 bytes and offsets), plus one
 * validity byte per row. Built for `push` in a hot loop: no per-value allocation.
 */
export interface ColumnBuffer {
  readonly column: StorageColumn;
  push(value: unknown, row: number): void;
  /** Arrow data for rows [0, length). The buffers may be views of internal storage. */
  toData(length: number): arrow.Data;
  /** Approximate bytes held for `length` rows. */
  byteSize(length: number): number;
  clear(): void;
}

const INITIAL_CAPACITY = 1024;
const TWO_POW_32 = 4294967296;

function grownCapacity(current: number, needed: number): number {
  let c = Math.max(current, INITIAL_CAPACITY);
  while (c < needed) c *= 2;
  return c;
}

/** Null tracking shared by every column kind. */
abstract class BaseBuffer implements ColumnBuffer {
  protected capacity = 0;
  protected valid = new Uint8Array(0);

  constructor(readonly column: StorageColumn) {}

  abstract push(value: unknown, row: number): void;
  abstract toData(length: number): arrow.Data;
  abstract byteSize(length: number): number;

  clear(): void {}

  /** Makes room for row index `row`; subclasses grow their value storage in `resize`. */
  protected ensure(row: number): void {
    if (row < this.capacity) return;
    const next = grownCapacity(this.capacity, row + 1);
    const valid = new Uint8Array(next);
    valid.set(this.valid.subarray(0, this.capacity));
    this.valid = valid;
    this.resize(next);
    this.capacity = next;
  }

  protected abstract resize(capacity: number): void;

  protected setNull(row: number): void {
    this.valid[row] = 0;
  }

  /**
   * Packs the validity bytes of rows [0, length) into an Arrow bitmap (LSB first), counting nulls
   * here rather than at push time so a row whose push threw part-way (and is then overwritten)
   * cannot leave a stale count. No bitmap when there is no null.
   */
  protected validity(length: number): { nullCount: number; nullBitmap?: Uint8Array } {
    const valid = this.valid;
    let nulls = 0;
    for (let i = 0; i < length; i++) nulls += valid[i] ^ 1;
    if (nulls === 0) return { nullCount: 0 };
    const bitmap = new Uint8Array((length + 7) >> 3);
    for (let i = 0; i < length; i++) {
      if (valid[i] !== 0) bitmap[i >> 3] |= 1 << (i & 7);
    }
    return { nullCount: nulls, nullBitmap: bitmap };
  }

  protected fail(value: unknown, expected: string): never {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
    throw new Error(`parquet: column "${this.column.name}" expects ${expected}, got ${shown}`);
  }
}

/** Lets a value converter throw the column's error. */
interface Rejecter {
  reject(value: unknown, expected: string): never;
}

/** int32, date, bool (as bytes), double: one fixed-width typed array. */
class NumberBuffer<A extends Int32Array | Float64Array | Uint8Array> extends BaseBuffer implements Rejecter {
  private values: A;

  constructor(
    column: StorageColumn,
    private readonly Ctor: { new (n: number): A },
    private readonly convert: (value: unknown, self: Rejecter) => number,
  ) {
    super(column);
    this.values = new Ctor(0);
  }

  push(value: unknown, row: number): void {
    this.ensure(row);
    if (value === null || value === undefined) {
      this.setNull(row);
      this.values[row] = 0;
      return;
    }
    this.valid[row] = 1;
    this.values[row] = this.convert(value, this);
  }

  protected resize(capacity: number): void {
    const next = new this.Ctor(capacity);
    next.set(this.values.subarray(0, this.capacity) as never);
    this.values = next;
  }

  byteSize(length: number): number {
    return length * (this.values.BYTES_PER_ELEMENT + 1);
  }

  reject(value: unknown, expected: string): never {
    return this.fail(value, expected);
  }

  toData(length: number): arrow.Data {
    const type = arrowTypeFor(this.column.type);
    const nulls = this.validity(length);
    if (this.column.type === 'bool') {
      const bits = new Uint8Array((length + 7) >> 3);
      const v = this.values;
      for (let i = 0; i < length; i++) if (v[i] !== 0) bits[i >> 3] |= 1 << (i & 7);
      return arrow.makeData({ type: type as arrow.Bool, length, ...nulls, data: bits });
    }
    const data = this.values.subarray(0, length);
    return arrow.makeData({ type: type as arrow.Int32, length, ...nulls, data: data as Int32Array });
  }
}

/**
 * int64 and timestamp: 64-bit little-endian integers written as two int32 halves, so a JS number
 * becomes an INT64 without a BigInt per value (the slow part of `BigInt64Array.from`).
 */
class Int64Buffer extends BaseBuffer {
  private halves = new Int32Array(0);
  private big = new BigInt64Array(0);

  constructor(column: StorageColumn, private readonly acceptsDates: boolean) {
    super(column);
  }

  push(value: unknown, row: number): void {
    this.ensure(row);
    const at = row << 1;
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) this.fail(value, this.expected());
      this.valid[row] = 1;
      this.halves[at] = value >>> 0;
      this.halves[at + 1] = Math.floor(value / TWO_POW_32);
      return;
    }
    if (value === null || value === undefined) {
      this.setNull(row);
      this.halves[at] = 0;
      this.halves[at + 1] = 0;
      return;
    }
    if (typeof value === 'bigint') {
      this.valid[row] = 1;
      this.big[row] = value;
      return;
    }
    if (this.acceptsDates && value instanceof Date && !Number.isNaN(value.getTime())) {
      this.push(value.getTime(), row);
      return;
    }
    this.fail(value, this.expected());
  }

  private expected(): string {
    return this.acceptsDates ? 'epoch milliseconds (integer number, bigint or Date)' : 'a safe integer number or bigint';
  }

  protected resize(capacity: number): void {
    const next = new Int32Array(capacity * 2);
    next.set(this.halves.subarray(0, this.capacity * 2));
    this.halves = next;
    this.big = new BigInt64Array(next.buffer, next.byteOffset, capacity);
  }

  byteSize(length: number): number {
    return length * 9;
  }

  toData(length: number): arrow.Data {
    const type = arrowTypeFor(this.column.type) as arrow.Int64;
    return arrow.makeData({
      type,
      length,
      ...this.validity(length),
      data: this.big.subarray(0, length),
    });
  }
}

/**
 * string: UTF-8 bytes and offsets written as each value arrives, so a batch holds no JS string
 * per value (the garbage collector would copy every one of them until the batch is written) and
 * needs no join at the end. ASCII, nearly every cell, is copied by a plain loop; a value with
 * other characters goes through one `encodeInto`.
 */
class StringBuffer extends BaseBuffer {
  private bytes = new Uint8Array(0);
  /** offsets[row] .. offsets[row + 1]: the bytes of row `row`. */
  private offsets = new Int32Array(1);

  push(value: unknown, row: number): void {
    this.ensure(row);
    const start = this.offsets[row];
    if (typeof value === 'string') {
      this.valid[row] = 1;
      this.offsets[row + 1] = start + this.appendText(value, start);
      return;
    }
    if (value === null || value === undefined) {
      this.setNull(row);
      this.offsets[row + 1] = start;
      return;
    }
    this.fail(value, 'a string');
  }

  /** Writes `value` at `at`; returns its byte length. */
  private appendText(value: string, at: number): number {
    const n = value.length;
    if (at + n > this.bytes.length) this.grow(at + n);
    const bytes = this.bytes;
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) return this.appendUtf8(value, at);
      bytes[at + i] = c;
    }
    return n;
  }

  private appendUtf8(value: string, at: number): number {
    // At most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    if (at + value.length * 3 > this.bytes.length) this.grow(at + value.length * 3);
    const { written } = UTF8.encodeInto(value, this.bytes.subarray(at));
    return written;
  }

  private grow(needed: number): void {
    if (needed > 0x7fffffff) throw new Error(`parquet: column "${this.column.name}" holds over 2 GiB of text; write smaller batches`);
    let cap = Math.max(this.bytes.length * 2, 8 * 1024);
    while (cap < needed) cap *= 2;
    const next = new Uint8Array(Math.min(cap, 0x7fffffff));
    next.set(this.bytes);
    this.bytes = next;
  }

  protected resize(capacity: number): void {
    const next = new Int32Array(capacity + 1);
    next.set(this.offsets.subarray(0, Math.min(this.offsets.length, capacity + 1)));
    this.offsets = next;
  }

  override clear(): void {
    super.clear();
    this.offsets[0] = 0;
  }

  byteSize(length: number): number {
    return this.offsets[length] + length * 5;
  }

  toData(length: number): arrow.Data {
    return arrow.makeData({
      type: new arrow.Utf8(),
      length,
      ...this.validity(length),
      valueOffsets: this.offsets.subarray(0, length + 1),
      data: this.bytes.subarray(0, this.offsets[length]),
    });
  }
}

const UTF8 = new TextEncoder();

function toInt32(value: unknown, self: Rejecter): number {
  if (typeof value === 'number' && (value | 0) === value) return value;
  return self.reject(value, 'a 32-bit integer number');
}

function toDouble(value: unknown, self: Rejecter): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return self.reject(value, 'a number');
}

function toBool(value: unknown, self: Rejecter): number {
  if (value === true) return 1;
  if (value === false) return 0;
  return self.reject(value, 'a boolean');
}

const MS_PER_DAY = 86_400_000;

function toDays(value: unknown, self: Rejecter): number {
  if (typeof value === 'string') {
    const days = parseYmdToDays(value);
    if (days !== undefined) return days;
  } else if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return Math.floor(value.getTime() / MS_PER_DAY);
  }
  return self.reject(value, "a 'YYYY-MM-DD' date");
}

/** Creates the buffer for one column type. */
export function createColumnBuffer(column: StorageColumn): ColumnBuffer {
  switch (column.type) {
    case 'string':
      return new StringBuffer(column);
    case 'int32':
      return new NumberBuffer(column, Int32Array, toInt32);
    case 'date':
      return new NumberBuffer(column, Int32Array, toDays);
    case 'double':
      return new NumberBuffer(column, Float64Array, toDouble);
    case 'bool':
      return new NumberBuffer(column, Uint8Array, toBool);
    case 'int64':
      return new Int64Buffer(column, false);
    case 'timestamp':
      return new Int64Buffer(column, true);
  }
}
