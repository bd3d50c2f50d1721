/**
 * The lake's commit protocol: what makes an ingest all-or-nothing for readers, and what removes
 * the objects of an ingest that died (README "Faults: the commit protocol").
 *
 * 1. The journal: before its first object, an attempt writes `journal/<dataset>/<id>.<token>.json`
 *    naming its source identity (a hash of the source key: the normalised absolute path of a
 *    local file, the object key of an upload).
 * 2. Staging: data objects and the quarantine are written under `staging/<dataset>/<attempt>/`
 *    + their final key. Nothing reads `staging/` (not DuckDB, not the Glue tables).
 * 3. Publishing: once every object is complete, the journal is rewritten with the final keys,
 *    then each object is moved to its final key (rename in a folder, copy + delete on S3).
 * 4. The manifest is written, then the journal deleted: the ingest is committed.
 *
 * Readers: DuckDB skips the objects of an attempt whose journal is still open and whose id has no
 * manifest ({@link uncommittedIds}). An attempt that died is abandoned ({@link abandonUnfinished}):
 * its staged objects, and its published ones unless a manifest of the same id exists (then they
 * hold the same rows as the committed objects), are deleted, then its journal. That runs at the
 * start of every ingest (every attempt of the same source, any age; other sources' attempts older
 * than {@link STALE_ATTEMPT_MS}) and in compaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { journalKey, JOURNAL_PREFIX, manifestKey, MANIFEST_PREFIX, stagingPrefix, type DatasetName } from '../lib/lake-layout.js';
import { isNotFoundError, moveObject, type ObjectStore } from '../lib/object-store/types.js';

/** An attempt older than this is dead: longer than any ingest (the Lambda stops at 15 minutes). */
export const STALE_ATTEMPT_MS = 2 * 3600_000;

export interface Journal {
  /** Hash of the source key: attempts of the same source share it. */
  source_id: string;
  id: string;
  attempt: string;
  started_at: string;
  /** Final keys, written just before publishing starts. */
  publishing?: string[];
}

/** Identity of a source: the same file or upload gives the same identity, whatever its content. */
export function sourceIdentity(sourceKey: string): string {
  return createHash('sha256').update(sourceKey).digest('hex').slice(0, 16);
}

/** Publishing moves this many objects at a time. */
export const MOVE_CONCURRENCY = 8;

/** One ingest attempt's journal and staging area. */
export class Attempt {
  readonly attempt: string;
  readonly journal: Journal;

  constructor(
    private readonly store: ObjectStore,
    readonly dataset: DatasetName,
    id: string,
    sourceKey: string,
    now: number,
  ) {
    this.attempt = `${id}.${randomBytes(4).toString('hex')}`;
    this.journal = { source_id: sourceIdentity(sourceKey), id, attempt: this.attempt, started_at: new Date(now).toISOString() };
  }

  get journalKey(): string {
    return journalKey(this.dataset, this.attempt);
  }

  /** Where an object of this attempt is written before it is published. */
  staged(finalKey: string): string {
    return stagingPrefix(this.dataset, this.attempt) + finalKey;
  }

  /** Writes the journal; call before the first object. */
  async open(): Promise<void> {
    await this.store.put(this.journalKey, JSON.stringify(this.journal), { contentType: 'application/json' });
  }

  /** Moves every staged object to its final key; the journal lists them first. */
  async publish(finalKeys: readonly string[]): Promise<void> {
    this.journal.publishing = [...finalKeys];
    await this.store.put(this.journalKey, JSON.stringify(this.journal), { contentType: 'application/json' });
    const queue = [...finalKeys];
    const mover = async () => {
      for (let key = queue.shift(); key !== undefined; key = queue.shift()) await moveObject(this.store, this.staged(key), key);
    };
    await Promise.all(Array.from({ length: Math.min(MOVE_CONCURRENCY, queue.length) }, mover));
  }

  /** The manifest is written: the attempt is committed. */
  async close(): Promise<void> {
    await this.store.delete([this.journalKey]);
  }

  /** The attempt failed in this process: removes what it staged, then its journal. */
  async abort(): Promise<void> {
    await abandon(this.store, this.dataset, this.journal, this.journalKey);
  }
}

async function readJournal(store: ObjectStore, key: string): Promise<Journal | undefined> {
  try {
    const j = JSON.parse(Buffer.from(await store.get(key)).toString('utf8')) as Journal;
    return typeof j?.id === 'string' && typeof j.attempt === 'string' ? j : undefined;
  } catch (err) {
    if (isNotFoundError(err) || err instanceof SyntaxError) return undefined;
    throw err;
  }
}

async function abandon(store: ObjectStore, dataset: DatasetName, journal: Journal | undefined, key: string): Promise<void> {
  if (journal) {
    const staged = (await store.list(stagingPrefix(dataset, journal.attempt))).map((o) => o.key);
    if (staged.length > 0) await store.delete(staged);
    // Published objects of an id already committed hold the same rows as its objects: keep them.
    if (journal.publishing && journal.publishing.length > 0 && !(await store.head(manifestKey(dataset, journal.id)))) {
      await store.delete([...journal.publishing]);
    }
  }
  await store.delete([key]);
}

/**
 * Removes every unfinished attempt of `sourceKey` (any age) and every other attempt older than
 * `maxAgeMs` in the dataset; returns the attempts removed. Runs before each ingest.
 */
export async function abandonUnfinished(
  store: ObjectStore,
  dataset: DatasetName,
  opts: { sourceKey?: string; now: number; maxAgeMs?: number },
): Promise<string[]> {
  const sourceId = opts.sourceKey === undefined ? undefined : sourceIdentity(opts.sourceKey);
  const oldest = opts.now - (opts.maxAgeMs ?? STALE_ATTEMPT_MS);
  const removed: string[] = [];
  for (const o of await store.list(`${JOURNAL_PREFIX}/${dataset}/`)) {
    const journal = await readJournal(store, o.key);
    const started = journal ? Date.parse(journal.started_at) : (o.lastModified?.getTime() ?? 0);
    if ((journal && journal.source_id === sourceId) || !(started > oldest)) {
      await abandon(store, dataset, journal, o.key);
      removed.push(o.key);
    }
  }
  return removed;
}

/**
 * Ids of a folder lake's dataset whose objects readers must not see: an attempt's journal is open
 * and no manifest of its id exists. Usually none: a journal lives only while an ingest runs.
 */
export async function uncommittedIds(lakeRoot: string, dataset: DatasetName): Promise<Set<string>> {
  const ids = new Set<string>();
  let names: string[];
  try {
    names = await readdir(path.join(lakeRoot, JOURNAL_PREFIX, dataset));
  } catch {
    return ids;
  }
  for (const name of names) {
    const m = /^([0-9a-f]{16})\.[0-9a-f]+\.json$/.exec(name);
    if (!m || ids.has(m[1])) continue;
    const committed = await stat(path.join(lakeRoot, MANIFEST_PREFIX, dataset, `${m[1]}.json`)).then(
      () => true,
      () => false,
    );
    if (!committed) ids.add(m[1]);
  }
  return ids;
}

/** {@link uncommittedIds} through any store (compaction runs on S3 too). */
export async function uncommittedIdsIn(store: ObjectStore, dataset: DatasetName): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const o of await store.list(`${JOURNAL_PREFIX}/${dataset}/`)) {
    const m = /\/([0-9a-f]{16})\.[0-9a-f]+\.json$/.exec(o.key);
    if (m && !ids.has(m[1]) && !(await store.head(manifestKey(dataset, m[1])))) ids.add(m[1]);
  }
  return ids;
}
