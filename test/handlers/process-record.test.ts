import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { FolderStore, type ObjectStore } from '../../functions/lib/object-store/index.js';
import { contentIdOf, errorRecordKey, processIngestRecord, type IngestRecordDeps, type LogSink, type MetricSink } from '../../functions/ingest/process-record.js';
import { s3Created, s3Message } from './events.js';

const HEADER = 'facilitator_id,full_name,role,kabupaten_code,kecamatan_code,supervisor_id,active_from,active_to';
const ROW = 'PND-0001,Budi,pendamping,64.02,64.02.01,KORKAB-01,2025-01-01,';
const NOW = Date.parse('2026-11-01T02:00:00Z');

interface Recorded {
  logs: { level: string; message: string; attributes: Record<string, unknown> }[];
  metrics: { dimensions: Record<string, string>; counts: Record<string, number | undefined> }[];
}

describe('processIngestRecord: one SQS message, stores and sinks given', () => {
  let root: string;
  let uploads: FolderStore;
  let lake: FolderStore;
  let seen: Recorded;

  function deps(over: Partial<IngestRecordDeps> = {}): IngestRecordDeps {
    const log = (level: string) => (message: string, attributes: Record<string, unknown>) => seen.logs.push({ level, message, attributes });
    const logger: LogSink = { info: log('info'), warn: log('warn'), error: log('error') };
    const metrics: MetricSink = { publish: (dimensions, counts) => seen.metrics.push({ dimensions, counts }) };
    return { uploads: () => uploads, lake, now: () => NOW, logger, metrics, limits: structuredClone(DEFAULT_CONFIG.limits), ...over };
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'pkh-record-'));
    uploads = new FolderStore(join(root, 'uploads'));
    lake = new FolderStore(join(root, 'lake'));
    seen = { logs: [], metrics: [] };
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('berkas sah: manifest ditulis, metrik baris per dataset / a good file: manifest written, row metrics per dataset', async () => {
    // Prepare
    await uploads.put('incoming/roster/a.csv', `${HEADER}\n${ROW}\n`);
    // Act
    const outcomes = await processIngestRecord(s3Message('m-1', s3Created('up', 'incoming/roster/a.csv', { size: 200 })), deps());
    // Assess
    expect(outcomes).toMatchObject([{ status: 'ingested', dataset: 'roster', rowsAccepted: 1, rowsRejected: 0 }]);
    expect(seen.metrics).toEqual([{ dimensions: { dataset: 'roster' }, counts: { FilesIngested: 1, RowsAccepted: 1, RowsRejected: 0 } }]);
    expect((await lake.list('manifests/roster/')).map((o) => o.key)).toEqual([`manifests/roster/${(outcomes[0] as { id: string }).id}.json`]);
  });

  it('berkas di atas batas ukuran: catatan galat permanen, pesan tidak gagal / a file over the size limit: permanent error record, message not failed', async () => {
    // Prepare
    await uploads.put('incoming/roster/big.csv', `${HEADER}\n${ROW}\n`);
    const limits = { ...DEFAULT_CONFIG.limits, max_file_bytes: 10 };
    const record = s3Created('up', 'incoming/roster/big.csv', { size: 5_000, eTag: '"abc"', versionId: 'v7' });
    // Act
    const outcomes = await processIngestRecord(s3Message('m-1', record), deps({ limits }));
    // Assess
    expect(outcomes).toMatchObject([{ status: 'rejected', code: 'file_too_large' }]);
    const { id, errorKey } = outcomes[0] as { id: string; errorKey: string };
    expect(errorKey).toBe(errorRecordKey('roster', id));
    const saved = JSON.parse(Buffer.from(await lake.get(errorKey)).toString('utf8'));
    expect(saved).toMatchObject({
      source: 'incoming/roster/big.csv',
      bucket: 'up',
      dataset: 'roster',
      e_tag: '"abc"',
      version_id: 'v7',
      error: { code: 'file_too_large' },
      rejected_at: '2026-11-01T02:00:00.000Z',
    });
    expect(saved.error.message).toMatch(/ \/ /); // "Indonesian / English"
    expect(seen.metrics).toEqual([{ dimensions: { dataset: 'roster' }, counts: { FilesRejected: 1 } }]);
    expect(seen.logs.map((l) => l.level)).toEqual(['warn']);
    expect(seen.logs[0].attributes).not.toHaveProperty('error');
  });

  it('objek sudah dihapus dari bucket: ditolak permanen / an object already gone from the bucket: rejected for good', async () => {
    // Act
    const outcomes = await processIngestRecord(s3Message('m-1', s3Created('up', 'incoming/roster/gone.csv')), deps());
    // Assess
    expect(outcomes).toMatchObject([{ status: 'rejected', code: 'source_missing' }]);
  });

  it('danau gagal ditulis: galat dilempar agar pesan diulang / the lake cannot be written: thrown so the message is retried', async () => {
    // Prepare
    await uploads.put('incoming/roster/a.csv', `${HEADER}\n${ROW}\n`);
    const broken: ObjectStore = Object.assign(Object.create(lake) as FolderStore, {
      put: async () => {
        throw Object.assign(new Error('S3 PutObject failed: InternalError'), { name: 'InternalError' });
      },
    });
    // Act
    const run = processIngestRecord(s3Message('m-1', s3Created('up', 'incoming/roster/a.csv')), deps({ lake: broken }));
    // Assess
    await expect(run).rejects.toThrow(/InternalError/);
    expect(seen.logs).toMatchObject([{ level: 'error', attributes: { error_name: 'InternalError' } }]);
    expect(seen.metrics).toEqual([]);
  });

  it('identitas isi dari ETag dan versi / content identity from ETag and version', () => {
    expect(contentIdOf({ bucket: 'b', key: 'k', eTag: '"e1"', versionId: 'v2' })).toBe('e1|v2');
    expect(contentIdOf({ bucket: 'b', key: 'k', eTag: 'e1' })).toBe('e1|');
    expect(contentIdOf({ bucket: 'b', key: 'k' })).toBeUndefined();
  });
});
