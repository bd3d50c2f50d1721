import type { DatasetName, PartitionValues } from '../lib/lake-layout.js';
import { dataObjectKey } from '../lib/lake-layout.js';
import type { ObjectStore } from '../lib/object-store/index.js';
import type { PackedColumns } from './packed.js';
import type { FlushedObject } from './partition-buffers.js';

/** Turns packed rows into Parquet bytes, on this thread or in a worker. */
export type Encoder = (rows: PackedColumns) => Promise<Uint8Array>;

/**
 * Key of object number `index` of a partition folder: `<id>.parquet`, then `<id>-1.parquet`,
 * `<id>-2.parquet`, ... Values of keys the dataset has no folder for are ignored.
 */
export function objectKeyOf(dataset: DatasetName, id: string, obj: PartitionValues & { index: number }): string {
  return dataObjectKey(dataset, obj.index === 0 ? id : `${id}-${obj.index}`, obj);
}

/**
 * Encodes and stores data objects with a bounded number in flight (memory stays bounded when
 * the store is slower than validation). Remembers every (final) key written, for publishing, the
 * manifest and the clean-up of stale objects.
 */
export class ObjectWriter {
  readonly written = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;

  constructor(
    private readonly store: ObjectStore,
    private readonly dataset: DatasetName,
    private readonly id: string,
    private readonly encode: Encoder,
    private readonly maxInFlight = 2,
    /** Where an object is written before it is published (see commit.ts); default its final key. */
    private readonly stage: (finalKey: string) => string = (k) => k,
  ) {}

  /** Starts writing one object; waits while too many are in flight. Throws the first failure. */
  async write(obj: FlushedObject): Promise<void> {
    this.check();
    while (this.inFlight.size >= this.maxInFlight) {
      await Promise.race(this.inFlight);
      this.check();
    }
    const key = objectKeyOf(this.dataset, this.id, obj);
    const task = (async () => {
      const bytes = await this.encode(obj.rows);
      this.written.add(key);
      await this.store.put(this.stage(key), bytes, { contentType: 'application/vnd.apache.parquet' });
    })().catch((err: unknown) => {
      this.failure ??= err;
    });
    const tracked = task.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** Waits for every write; throws the first failure. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    this.check();
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
