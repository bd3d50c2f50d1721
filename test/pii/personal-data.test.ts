/**
 * Regressions (fixed: error records mask NIKs; the quarantine keeps only the dataset's own columns): personal data that reached the lake.
 *
 * 1. An upload the Lambda cannot read at all gets an error record,
 *    `manifests/<dataset>/<id>.error.json`, holding the UserError's message verbatim. When the
 *    file has no header row, its first data row is read as the header, and the "duplicated
 *    column" message quotes those cells, so a NIK written twice in that row is stored raw.
 *    (process-record.ts already keeps these messages out of the logs for this reason.)
 * 2. A rejected row goes to the quarantine with its raw cells, including the cells of columns
 *    the schema does not know. DATA.md says unknown columns are ignored and beneficiary names
 *    are never ingested; an export with a `nama_kpm` (beneficiary name) column puts those names
 *    into `quarantine/<dataset>/<id>.jsonl` for every rejected row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processIngestRecord } from '../../functions/ingest/process-record.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { s3Created, s3Message } from '../handlers/events.js';
import { ingestPath, quarantineOf, tempDir, VALID } from '../ingest/helpers.js';
import { NIKS } from './planted.js';

const SIXTEEN = /(?<![0-9])[0-9]{16}(?![0-9])/;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

let tmp: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  tmp = await tempDir('pkh-pii-bugs-');
});

afterAll(async () => {
  await tmp?.cleanup();
});

/** Every object of a folder lake whose bytes hold a run of exactly 16 digits, as text. */
async function objectsWithNik(lake: FolderStore): Promise<string[]> {
  const out: string[] = [];
  for (const o of await lake.list('')) if (SIXTEEN.test(Buffer.from(await lake.get(o.key)).toString('latin1'))) out.push(o.key);
  return out;
}

describe('no personal data in the lake', () => {
  it('an upload without a header row whose first row holds a NIK twice: its error record does not repeat the NIK', async () => {
    // Prepare: the upload as it sits in the uploads bucket, announced by an S3 event.
    const uploads = new FolderStore(tmp.path('uploads'));
    const lake = new FolderStore(tmp.path('lake-error'));
    const key = 'incoming/activity_log/tanpa-header.csv';
    await uploads.put(key, `ACT-1,${NIKS[0]},${NIKS[0]},2026-10-05\nACT-2,PD-1,PD-1,2026-10-06\n`);
    // Act
    const [outcome] = await processIngestRecord(s3Message('m-1', s3Created('uploads', key)), {
      uploads: () => uploads,
      lake,
      now: Date.now,
      logger: quiet,
      metrics: { publish: () => undefined },
      limits: DEFAULT_CONFIG.limits,
    });
    // Assess
    expect(outcome).toMatchObject({ status: 'rejected', code: 'duplicated_column' });
    expect(await objectsWithNik(lake)).toEqual([]);
  });

  it('a rejected row of an export with a beneficiary-name column: the quarantine does not keep the names', async () => {
    // Prepare
    const A = VALID.activity_log;
    const names = ['Siti Aminah Penerima', 'Budi Hartono Penerima'];
    const file = await tmp.file(
      'aktivitas-nama-kpm.csv',
      `${A.header},nama_kpm\n${A.row(1, { activity_date: '2026-02-30' })},${names[0]}\n${A.row(2, { kpm_reached: '-1' })},${names[1]}\n`,
    );
    // Act
    const result = await ingestPath('activity_log', file, tmp.path('lake-names'));
    // Assess
    expect(result).toMatchObject({ rows_rejected: 2, unknown_columns: ['nama_kpm'] });
    const quarantined = JSON.stringify(await quarantineOf(tmp.path('lake-names'), result));
    for (const name of names) expect(quarantined).not.toContain(name);
  });
});
