/**
 * No NIK in any written form (plain, grouped, full-width) reaches storage or logs: not from a
 * cell, a header, a file or object name, or an error message. Files carrying NIKs in all those
 * places go through the ingest core (a folder lake) and through the ingest Lambda's core
 * (processIngestRecord, uploads and lake in folders, logs captured); then every object key, every
 * manifest, quarantine line and error record, every string of every Parquet object (DuckDB) and
 * every log line is searched for the digits of each planted NIK, after turning Unicode digits
 * into ASCII and dropping everything that is not a digit.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processIngestRecord, type LogSink } from '../../functions/ingest/process-record.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { s3Created, s3Message } from '../handlers/events.js';
import { ingestPath, openDuck, rows, tempDir, VALID } from '../ingest/helpers.js';

const NOW = Date.parse('2026-03-15T12:00:00Z');
/** Distinct NIKs, one per place, so a leak says where it came from. */
const NIK = {
  fileName: '6402014501900007',
  header: '6402025708850003',
  id: '6402034112790011',
  text: '6402046603920002',
  textWide: '6402050101010001',
  idWide: '6402061212120012',
  objectName: '6402070303030003',
  dupHeader: '6402080404040004',
};
const wide = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCodePoint(0xff10 + Number(d)));
const grouped = (nik: string, sep: string) => [nik.slice(0, 4), nik.slice(4, 8), nik.slice(8, 12), nik.slice(12)].join(sep);

/** The digits of a text (full-width digits as ASCII by NFKC), nothing else: a NIK in any form shows as its 16 digits. */
function digitsOf(text: string): string {
  return text.normalize('NFKC').replace(/[^0-9]/g, '');
}

function leaked(text: string): string[] {
  const digits = digitsOf(text);
  return Object.entries(NIK).filter(([, nik]) => digits.includes(nik)).map(([where]) => where);
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;
const logs: string[] = [];
let failures: string[] = [];

beforeAll(async () => {
  tmp = await tempDir('pkh-nik-forms-');
  duck = await openDuck();
  const A = VALID.activity_log;
  // A file named after a NIK in groups, an unknown column named by a NIK in full-width digits,
  // NIKs grouped and full-width in ids and free text.
  const lines = [
    `${A.header},${wide(NIK.header)}`,
    `${A.row(1, { facilitator_id: grouped(NIK.id, '.') })},x`,
    `${A.row(2, { description: `KPM NIK ${grouped(NIK.text, ' ')} sudah dikunjungi` })},x`,
    `${A.row(3, { description: `nik ${wide(NIK.textWide)}` })},x`,
    `${A.row(4, { activity_id: wide(grouped(NIK.idWide, '-')) })},x`,
    `${A.row(5, { activity_date: '2026-02-30', description: `NIK ${grouped(NIK.text, '-')}` })},x`,
  ];
  const file = tmp.path(`laporan ${grouped(NIK.fileName, ' ')}.csv`);
  await writeFile(file, `${lines.join('\n')}\n`);
  await ingestPath('activity_log', file, tmp.path('lake'), { now: NOW });

  // A file whose header names one column twice, one of them by a NIK in groups: a rejected file.
  const dup = tmp.path(`dup ${grouped(NIK.fileName, '.')}.csv`);
  await writeFile(dup, `${A.header.replace('facilitator_id', 'id_sdm')},id_pendamping\n`);
  await ingestPath('activity_log', dup, tmp.path('lake'), { now: NOW }).catch((err: Error) => failures.push(err.message));

  // The Lambda's core: an upload whose object name holds a NIK, once good and once unreadable.
  const uploads = new FolderStore(tmp.path('uploads'));
  const lake = new FolderStore(tmp.path('lake'));
  const good = `incoming/activity_log/${grouped(NIK.objectName, '-')}.csv`;
  const bad = `incoming/activity_log/${wide(NIK.objectName)} salah.csv`;
  await uploads.put(good, `${lines.join('\n')}\n`);
  await uploads.put(bad, `kolom_lain,${grouped(NIK.dupHeader, ' ')}\n1,2\n`);
  const log = (level: string) => (message: string, attributes: Record<string, unknown>) => logs.push(`${level} ${message} ${JSON.stringify(attributes)}`);
  const logger: LogSink = { info: log('info'), warn: log('warn'), error: log('error') };
  for (const key of [good, bad]) {
    await processIngestRecord(s3Message('m', s3Created('up', encodeURIComponent(key), { size: 2000 })), {
      uploads: () => uploads,
      lake,
      now: () => NOW,
      logger,
      metrics: { publish: () => undefined },
      limits: structuredClone(DEFAULT_CONFIG.limits),
    });
  }
}, 60_000);

afterAll(async () => {
  duck?.close();
  await tmp?.cleanup();
});

describe('no NIK in any written form is stored or logged', () => {
  it('the files really went in: rows accepted and rejected, a rejected file, an error record', async () => {
    const lake = new FolderStore(tmp.path('lake'));
    const keys = (await lake.list('')).map((o) => o.key);
    expect(keys.filter((k) => k.endsWith('.parquet')).length).toBeGreaterThan(0);
    // two quarantines, each with its correction workbook
    expect(keys.filter((k) => k.startsWith('quarantine/')).map((k) => k.slice(k.lastIndexOf('.'))).sort()).toEqual(['.jsonl', '.jsonl', '.xlsx', '.xlsx']);
    expect(keys.filter((k) => k.endsWith('.error.json')).length).toBe(1);
    expect(failures).toHaveLength(1);
    expect(logs.length).toBeGreaterThanOrEqual(2);
  });

  it('no object key, manifest, quarantine line or error record holds one', async () => {
    const lake = new FolderStore(tmp.path('lake'));
    for (const o of await lake.list('')) {
      expect(leaked(o.key), o.key).toEqual([]);
      if (o.key.endsWith('.parquet')) continue;
      expect(leaked(Buffer.from(await lake.get(o.key)).toString('utf8')), o.key).toEqual([]);
    }
  });

  it('no string in any Parquet object holds one (DuckDB reads every column)', async () => {
    const glob = path.join(tmp.path('lake'), 'lake', '**', '*.parquet');
    const all = await rows(duck.con, `SELECT * FROM read_parquet('${glob}', hive_partitioning = true, union_by_name = true)`);
    expect(all.length).toBeGreaterThan(0);
    for (const row of all) expect(leaked(JSON.stringify(row)), JSON.stringify(row)).toEqual([]);
    expect(all.map((r) => r.description)).toContain('KPM NIK ************0002 sudah dikunjungi');
    expect(all.map((r) => r.description)).toContain('nik ************0001');
  });

  it('no error message or log line holds one', async () => {
    for (const message of failures) expect(leaked(message), message).toEqual([]);
    for (const line of logs) expect(leaked(line), line).toEqual([]);
  });

  it('the quarantine rejects the grouped and full-width ids as pii_nik', async () => {
    const lake = new FolderStore(tmp.path('lake'));
    const q = (await lake.list('quarantine/'))[0];
    const lines = Buffer.from(await lake.get(q.key)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    const codes = lines.map((l) => `${l.row}:${l.errors.map((e: { code: string }) => e.code).join('+')}`);
    expect(codes).toEqual(['2:pii_nik', '5:pii_nik', '6:invalid_date']);
    expect(await readFile(tmp.path(`laporan ${grouped(NIK.fileName, ' ')}.csv`), 'utf8')).toContain(grouped(NIK.id, '.'));
  });
});
