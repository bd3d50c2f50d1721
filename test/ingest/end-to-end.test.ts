/**
 * Generated files of all five datasets → ingest into a folder lake → DuckDB reads the lake back:
 * row counts, column types, Parquet footers and pages, partition values, quarantine reasons.
 */
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../../functions/generator/index.js';
import { DATASET_NAMES, PERIOD_PARTITIONED, type DatasetName } from '../../functions/lib/lake-layout.js';
import type { IngestResult } from '../../functions/ingest/index.js';
import { DUCKDB_TYPE, getDataset } from '../../schemas/index.js';
import { ingestPath, lakeTable, NOW, openDuck, quarantineOf, rows, tempDir, withTempAndDuck } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;
let generated: GenerateResult;
const lake = () => tmp.path('lake');
const results = {} as Record<DatasetName, IngestResult>;

withTempAndDuck((t, d) => ((tmp = t), (duck = d)));
beforeAll(async () => {
  // Prepare: Klaten (33.10: DuckDB would read the partition value as the number 33.1), two months, 5 % bad rows.
  generated = await generate({ kabupaten: '33.10', months: 2, endPeriod: '2026-02', seed: 7, invalidRate: 0.05, outDir: tmp.path('in'), now: NOW });
  // Act
  for (const d of DATASET_NAMES) results[d] = await ingestPath(d, generated.files[d], lake());
}, 120_000);


describe.each(DATASET_NAMES)('%s ingested end to end', (name) => {
  it('reads every row once: rows_read = accepted + rejected, rejected counted per code as generated', () => {
    const r = results[name];
    expect(r.rows_read).toBe(generated.rows[name]);
    expect(r.rows_accepted + r.rows_rejected).toBe(r.rows_read);
    expect(r.rows_rejected).toBe(generated.invalidRows[name]);
    expect(r.rejected_by_code).toEqual(generated.invalidByCode[name]);
    expect(r.unknown_columns).toEqual([]);
  });

  it('DuckDB reads the accepted rows back, with the partition values as text', async () => {
    const r = results[name];
    const got = await rows(duck.con, `SELECT count(*) AS n, list(DISTINCT kabupaten_code) AS kab, min(typeof(kabupaten_code)) AS t FROM ${lakeTable(lake(), name)}`);
    expect(Number(got[0].n)).toBe(r.rows_accepted);
    expect(got[0].kab).toEqual(['33.10']);
    expect(got[0].t).toBe('VARCHAR');
    // The manifest counts rows per kabupaten (and month), wherever the folders put them.
    const byPartition = await rows(
      duck.con,
      PERIOD_PARTITIONED.has(name)
        ? `SELECT kabupaten_code, period, count(*) AS n FROM ${lakeTable(lake(), name)} GROUP BY ALL ORDER BY ALL`
        : `SELECT kabupaten_code, count(*) AS n FROM ${lakeTable(lake(), name)} GROUP BY ALL ORDER BY ALL`,
    );
    expect(byPartition.map((p) => ({ ...p, n: Number(p.n) }))).toEqual(r.partitions.map(({ objects: _, rows: n, ...p }) => ({ ...p, n })));
  });

  it('stores each column with its declared type and lineage', async () => {
    const d = getDataset(name);
    const described = await rows(duck.con, `DESCRIBE SELECT * FROM ${lakeTable(lake(), name)}`);
    const types = Object.fromEntries(described.map((c) => [c.column_name, c.column_type]));
    for (const c of d.storageColumns) expect(types[c.name], c.name).toBe(DUCKDB_TYPE[c.type]);
    const lineage = await rows(duck.con, `SELECT min(_row) AS first, count(DISTINCT _source) AS sources, min(_source) AS source, min(_ingested_at)::VARCHAR AS at FROM ${lakeTable(lake(), name)}`);
    expect(Number(lineage[0].first)).toBeGreaterThanOrEqual(2);
    expect(lineage[0]).toMatchObject({ sources: '1', source: generated.files[name] });
    expect(lineage[0].at).toBe('2026-03-15 12:00:00+00');
  });

  it('writes Parquet footers Athena reads: DATE, TIMESTAMP(MILLIS, UTC), no INT96, Snappy, V1 pages', async () => {
    const d = getDataset(name);
    const files = (await rows(duck.con, `SELECT DISTINCT file_name FROM parquet_metadata('${path.join(lake(), 'lake', name, '**', '*.parquet')}')`)).map((f) => f.file_name as string);
    expect(files.length).toBe(results[name].objectKeys.length);
    const schema = await rows(duck.con, `SELECT name, type, logical_type, converted_type FROM parquet_schema('${files[0]}') WHERE type IS NOT NULL`);
    expect(schema.map((c) => c.name)).toEqual(d.storageColumns.map((c) => c.name));
    for (const c of d.storageColumns) {
      const s = schema.find((x) => x.name === c.name)!;
      expect(s.type, c.name).not.toBe('INT96');
      if (c.type === 'date') expect([s.type, s.converted_type]).toEqual(['INT32', 'DATE']);
      if (c.type === 'timestamp') {
        expect(s.type).toBe('INT64');
        expect(s.logical_type).toContain('isAdjustedToUTC=1');
        expect(s.logical_type).toContain('MILLIS=MilliSeconds()');
      }
    }
    const chunks = await rows(duck.con, `SELECT file_name, compression, row_group_num_rows, data_page_offset, dictionary_page_offset FROM parquet_metadata('${files[0]}')`);
    const handle = await open(files[0], 'r');
    try {
      for (const chunk of chunks) {
        expect(chunk.compression).toBe('SNAPPY');
        expect(Number(chunk.row_group_num_rows)).toBeLessThanOrEqual(250_000);
        // A Thrift PageHeader starts with field 1 (type, i32): 0x15, then the zigzag varint of the page type.
        const page = Buffer.alloc(2);
        await handle.read(page, 0, 2, Number(chunk.data_page_offset));
        expect([...page], 'DATA_PAGE (V1), not DATA_PAGE_V2').toEqual([0x15, 0x00]);
        if (chunk.dictionary_page_offset !== null) {
          await handle.read(page, 0, 2, Number(chunk.dictionary_page_offset));
          expect([...page], 'DICTIONARY_PAGE').toEqual([0x15, 0x04]);
        }
      }
    } finally {
      await handle.close();
    }
  });

  it('quarantines each rejected row once, with its raw cells and one reason per failed rule', async () => {
    const r = results[name];
    const lines = await quarantineOf(lake(), r);
    expect(lines.length).toBe(r.rows_rejected);
    expect(new Set(lines.map((l) => l.row)).size).toBe(lines.length);
    for (const l of lines) {
      expect(l.source).toBe(generated.files[name]);
      expect(l.errors.length).toBeGreaterThan(0);
      for (const e of l.errors) {
        expect(Object.keys(generated.invalidByCode[name])).toContain(e.code);
        expect(e.message).toMatch(/ \/ /);
      }
      expect(Object.keys(l.raw).length).toBeGreaterThan(3);
    }
    // No 16-digit NIK anywhere in the quarantine or in the lake's text.
    const text = r.quarantineKey ? await readFile(path.join(lake(), r.quarantineKey), 'utf8') : '';
    expect(text).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
    if (generated.invalidByCode[name].pii_nik) expect(text).toMatch(/\*{12}\d{4}/);
  });

  it('writes the manifest last with the summary, and accepted + quarantined rows cover every line', async () => {
    const r = results[name];
    const manifest = JSON.parse(await readFile(path.join(lake(), r.manifestKey), 'utf8'));
    const { id: _id, manifestKey: _m, quarantineKey: _q, correctionKey: _c, objectKeys: _o, ...summary } = r;
    expect(manifest).toEqual(summary);
    const accepted = await rows(duck.con, `SELECT list(_row ORDER BY _row) AS r FROM ${lakeTable(lake(), name)}`);
    const quarantined = (await quarantineOf(lake(), r)).map((l) => l.row);
    const all = [...(accepted[0].r as string[]).map(Number), ...quarantined].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: r.rows_read }, (_, i) => i + 2));
  });
});

describe('the same rows as JSON Lines and as XLSX', () => {
  const compareSql = (lakeDir: string, name: DatasetName) =>
    `SELECT * EXCLUDE (_source, _ingested_at) FROM ${lakeTable(lakeDir, name)} ORDER BY _row`;

  it('JSON Lines lands the same rows and rejects the same rows as CSV', async () => {
    // Prepare
    const jsonl = await generate({ kabupaten: '33.10', months: 2, endPeriod: '2026-02', seed: 7, invalidRate: 0.05, outDir: tmp.path('in-jsonl'), format: 'jsonl', now: NOW });
    // Act
    const r = await ingestPath('monthly_report', jsonl.files.monthly_report, tmp.path('lake-jsonl'));
    // Assess
    const csv = results.monthly_report;
    expect([r.rows_read, r.rows_accepted, r.rejected_by_code]).toEqual([csv.rows_read, csv.rows_accepted, csv.rejected_by_code]);
    // JSON Lines numbers the first object line 1, CSV numbers the header line 1.
    const fromJsonl = await rows(duck.con, compareSql(tmp.path('lake-jsonl'), 'monthly_report'));
    const fromCsv = await rows(duck.con, compareSql(lake(), 'monthly_report'));
    expect(fromJsonl.map((x) => ({ ...x, _row: String(Number(x._row) + 1) }))).toEqual(fromCsv);
  });

  it('an XLSX workbook of the same cells lands the same rows as the CSV', async () => {
    // Prepare
    const { parse } = await import('csv-parse/sync');
    const ExcelJS = (await import('exceljs')).default;
    const records: string[][] = parse(await readFile(generated.files.roster, 'utf8'));
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Data');
    for (const rec of records) sheet.addRow(rec);
    const xlsx = tmp.path('roster.xlsx');
    await book.xlsx.writeFile(xlsx);
    // Act
    const r = await ingestPath('roster', xlsx, tmp.path('lake-xlsx'));
    // Assess
    expect([r.rows_read, r.rows_accepted, r.rejected_by_code]).toEqual([results.roster.rows_read, results.roster.rows_accepted, results.roster.rejected_by_code]);
    expect(await rows(duck.con, compareSql(tmp.path('lake-xlsx'), 'roster'))).toEqual(await rows(duck.con, compareSql(lake(), 'roster')));
  });
});
