/**
 * Validated rows in a compact binary column layout that moves between threads without copying
 * (one ArrayBuffer) and grows by plain byte copies: UTF-8 bytes + offsets for strings, raw
 * little-endian values for numbers, one byte per row for booleans and for validity.
 * Rows live here between validation and the Parquet encoder, so a partition's buffer costs
 * about what its Parquet page data would, not a JS object per row.
 */
import * as arrow from 'apache-arrow';
import { arrowSchemaFor, type StorageColumn, type StorageType } from '../lib/parquet/index.js';

/** Byte range `[offset, offset + length)` inside a packed buffer. */
type Range = readonly [offset: number, length: number];

export interface PackedColumn {
  /** One byte per row, 1 = value, 0 = null; absent when no row is null. */
  valid?: Range;
  /** Strings: `length + 1` int32 offsets into `data`. */
  offsets?: Range;
  data: Range;
}

/** Rows of a column list, all columns in one transferable buffer. */
export interface PackedColumns {
  length: number;
  buffer: ArrayBuffer;
  columns: PackedColumn[];
}

/** A column's bytes as typed views (from a packed buffer or from Arrow data). */
interface ColumnView {
  valid?: Uint8Array;
  offsets?: Int32Array;
  data: Uint8Array;
}

/** Bytes per value of each fixed-width type; 0 for strings. */
function widthOf(type: StorageType): number {
  switch (type) {
    case 'string':
      return 0;
    case 'bool':
      return 1;
    case 'int32':
    case 'date':
      return 4;
    case 'int64':
    case 'timestamp':
    case 'double':
      return 8;
  }
}

function bitsToBytes(bits: Uint8Array, length: number, offset = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const at = i + offset;
    out[i] = (bits[at >> 3] >> (at & 7)) & 1;
  }
  return out;
}

function bytesToBits(bytes: Uint8Array, length: number): Uint8Array {
  const bits = new Uint8Array((length + 7) >> 3);
  for (let i = 0; i < length; i++) if (bytes[i] !== 0) bits[i >> 3] |= 1 << (i & 7);
  return bits;
}

function asBytes(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** Views of each column of an Arrow record batch, as built by `ColumnBatch.toArrowTable()`. */
export function viewsOfArrow(columns: readonly StorageColumn[], batch: arrow.RecordBatch): ColumnView[] {
  return columns.map((c, i) => {
    const d = batch.data.children[i];
    const valid = d.nullCount > 0 && d.nullBitmap ? bitsToBytes(d.nullBitmap, d.length, d.offset) : undefined;
    if (c.type === 'string') return { valid, offsets: d.valueOffsets as Int32Array, data: d.values as Uint8Array };
    if (c.type === 'bool') return { valid, data: bitsToBytes(d.values as Uint8Array, d.length, d.offset) };
    const w = widthOf(c.type);
    return { valid, data: asBytes(d.values as ArrayBufferView).subarray(d.offset * w, (d.offset + d.length) * w) };
  });
}

/** Views of each column of packed rows. */
export function viewsOfPacked(packed: PackedColumns): ColumnView[] {
  const at = (r: Range) => new Uint8Array(packed.buffer, r[0], r[1]);
  return packed.columns.map((c) => ({
    valid: c.valid ? at(c.valid) : undefined,
    offsets: c.offsets ? new Int32Array(packed.buffer, c.offsets[0], c.offsets[1] / 4) : undefined,
    data: at(c.data),
  }));
}

/** A growable byte array (doubling), keeping its start 8-byte aligned. */
class Bytes {
  buf = new Uint8Array(0);
  length = 0;

  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let cap = Math.max(256, this.buf.length * 2);
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  append(src: Uint8Array): void {
    this.reserve(src.length);
    this.buf.set(src, this.length);
    this.length += src.length;
  }
}

class ColumnBuilder {
  readonly width: number;
  readonly data = new Bytes();
  /** Strings only: offsets, starting with 0. */
  offsets: Int32Array;
  /** Validity bytes, created at the first null. */
  valid: Bytes | undefined;

  constructor(readonly type: StorageType) {
    this.width = widthOf(type);
    this.offsets = new Int32Array(this.width === 0 ? 256 : 0);
  }

  append(view: ColumnView, start: number, end: number, rowsBefore: number): void {
    const n = end - start;
    if (this.width === 0) {
      const src = view.offsets!;
      const from = src[start];
      const to = src[end];
      const base = this.data.length - from;
      if (this.data.length + (to - from) > 0x7fffffff) throw new Error('ingest: a partition buffer holds over 2 GiB of text');
      this.data.append(view.data.subarray(from, to));
      if (this.offsets.length < rowsBefore + n + 1) {
        let cap = this.offsets.length * 2;
        while (cap < rowsBefore + n + 1) cap *= 2;
        const next = new Int32Array(cap);
        next.set(this.offsets.subarray(0, rowsBefore + 1));
        this.offsets = next;
      }
      const out = this.offsets;
      for (let i = 1; i <= n; i++) out[rowsBefore + i] = src[start + i] + base;
    } else {
      this.data.append(view.data.subarray(start * this.width, end * this.width));
    }
    if (view.valid) {
      if (!this.valid) {
        this.valid = new Bytes();
        this.valid.reserve(rowsBefore + n);
        this.valid.buf.fill(1, 0, rowsBefore);
        this.valid.length = rowsBefore;
      }
      this.valid.append(view.valid.subarray(start, end));
    } else if (this.valid) {
      this.valid.reserve(n);
      this.valid.buf.fill(1, this.valid.length, this.valid.length + n);
      this.valid.length += n;
    }
  }

  byteSize(rows: number): number {
    return this.data.length + (this.width === 0 ? rows * 4 : 0) + (this.valid ? rows : 0);
  }
}

/**
 * Accumulates row ranges of packed (or Arrow) columns, then hands them out as one
 * {@link PackedColumns}.
 */
export class PackedBuilder {
  private readonly builders: ColumnBuilder[];
  private rows = 0;

  constructor(readonly columns: readonly StorageColumn[]) {
    this.builders = columns.map((c) => new ColumnBuilder(c.type));
  }

  get length(): number {
    return this.rows;
  }

  /** Approximate bytes held. */
  byteSize(): number {
    let total = 0;
    for (const b of this.builders) total += b.byteSize(this.rows);
    return total;
  }

  /** Appends rows `[start, end)` of the given column views. */
  append(views: readonly ColumnView[], start: number, end: number): void {
    if (end <= start) return;
    for (let i = 0; i < this.builders.length; i++) this.builders[i].append(views[i], start, end, this.rows);
    this.rows += end - start;
  }

  /** The rows as one buffer (copied once, 8-byte aligned sections). */
  finish(): PackedColumns {
    const n = this.rows;
    const parts: { bytes: Uint8Array; set: (r: Range) => void }[] = [];
    const columns: PackedColumn[] = this.builders.map((b) => {
      const col: PackedColumn = { data: [0, 0] };
      parts.push({ bytes: b.data.buf.subarray(0, b.data.length), set: (r) => (col.data = r) });
      if (b.width === 0) parts.push({ bytes: asBytes(b.offsets.subarray(0, n + 1)), set: (r) => (col.offsets = r) });
      if (b.valid) parts.push({ bytes: b.valid.buf.subarray(0, n), set: (r) => (col.valid = r) });
      return col;
    });
    let size = 0;
    for (const p of parts) size += (p.bytes.length + 7) & ~7;
    const buffer = new ArrayBuffer(size);
    const out = new Uint8Array(buffer);
    let at = 0;
    for (const p of parts) {
      out.set(p.bytes, at);
      p.set([at, p.bytes.length]);
      at += (p.bytes.length + 7) & ~7;
    }
    return { length: n, buffer, columns };
  }
}

/** The packed rows as an Arrow table with the storage schema (views, no copy but bit packing). */
export function packedToArrowTable(columns: readonly StorageColumn[], packed: PackedColumns): arrow.Table {
  const schema = arrowSchemaFor(columns);
  const length = packed.length;
  const views = viewsOfPacked(packed);
  const children = columns.map((c, i) => {
    const v = views[i];
    const type = schema.fields[i].type;
    let nullCount = 0;
    let nullBitmap: Uint8Array | undefined;
    if (v.valid) {
      for (let r = 0; r < length; r++) if (v.valid[r] === 0) nullCount++;
      if (nullCount > 0) nullBitmap = bytesToBits(v.valid, length);
    }
    const buf = v.data.buffer;
    const off = v.data.byteOffset;
    switch (c.type) {
      case 'string':
        return arrow.makeData({ type: type as arrow.Utf8, length, nullCount, nullBitmap, valueOffsets: v.offsets!, data: v.data });
      case 'bool':
        return arrow.makeData({ type: type as arrow.Bool, length, nullCount, nullBitmap, data: bytesToBits(v.data, length) });
      case 'int32':
      case 'date':
        return arrow.makeData({ type: type as arrow.Int32, length, nullCount, nullBitmap, data: new Int32Array(buf, off, length) });
      case 'double':
        return arrow.makeData({ type: type as arrow.Float64, length, nullCount, nullBitmap, data: new Float64Array(buf, off, length) });
      case 'int64':
      case 'timestamp':
        return arrow.makeData({ type: type as arrow.Int64, length, nullCount, nullBitmap, data: new BigInt64Array(buf, off, length) });
    }
  });
  const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length, nullCount: 0, children });
  return new arrow.Table([new arrow.RecordBatch(schema, struct)]);
}
