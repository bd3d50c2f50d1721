import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { isUserError } from '../../functions/lib/errors.js';
import type { ObjectStore } from '../../functions/lib/object-store/index.js';
import { DuckDbEngine, type QueryEngine } from '../../functions/lib/query-engine/index.js';
import { checkReportRequest, CONTENT_TYPES, parseReportRequest, runReport } from '../../functions/report/run-report.js';
import { TestLake } from '../report/fixtures/test-lake.js';
import { writeRankingScenario, writeScorecardScenario } from '../report/fixtures/scenarios.js';
import { KUKAR } from '../report/fixtures/rows.js';
import { DUCKDB_TABLES } from '../../schemas/index.js';

const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
const NOW = Date.parse('2026-12-05T01:00:00Z');

/** An output store that keeps what was put, with its content type. */
function memoryOut(): ObjectStore & { files: Map<string, { body: Uint8Array; contentType?: string }> } {
  const files = new Map<string, { body: Uint8Array; contentType?: string }>();
  const unused = async (): Promise<never> => {
    throw new Error('not used by runReport');
  };
  return {
    description: 'memory',
    files,
    put: async (key, body, opts) => void files.set(key, { body: typeof body === 'string' ? Buffer.from(body) : body, contentType: opts?.contentType }),
    get: unused,
    getStream: unused,
    head: unused,
    // The index page lists what is there.
    list: async (prefix) => [...files.keys()].filter((k) => k.startsWith(prefix)).map((key) => ({ key, size: files.get(key)!.body.length })),
    delete: unused,
  };
}

/** An engine that must never be asked anything. */
const untouchable: QueryEngine = {
  name: 'duckdb',
  run: async () => {
    throw new Error('no query expected');
  },
  close: async () => undefined,
};

async function userErrorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isUserError(err)) return err.code;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('runReport: one report, all formats or nothing', () => {
  let lake: TestLake;
  let duck: DuckDbEngine;

  beforeAll(async () => {
    lake = await TestLake.create();
    await writeScorecardScenario(lake);
    await writeRankingScenario(lake);
    duck = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
  });

  afterAll(async () => {
    await duck.close();
    await lake.dispose();
  });

  it('menulis keenam format di kunci REPORTS.md dengan content type-nya, lalu index.html / writes all six formats at the REPORTS.md keys with their content types, then index.html', async () => {
    // Prepare
    const out = memoryOut();
    // Act
    const { keys, report } = await runReport({ report: 'scorecard', kabupaten: KUKAR, period: '2026-10', engine: duck, config, out, now: NOW });
    // Assess
    // Final as of NOW (5 Dec): no "sementara" in the name.
    const base = keys[0].replace(/\.json$/, '');
    expect(base).toMatch(new RegExp(`^scorecard/${KUKAR}/2026-10/kartu-kinerja-${KUKAR}-2026-10(-sementara-2026-12-05)?$`));
    expect(keys).toEqual(['json', 'csv', 'xlsx', 'html', 'pdf', 'txt'].map((ext) => `${base}.${ext}`));
    expect([...out.files.keys()]).toEqual([...keys, 'index.html']);
    expect(out.files.get(`${base}.csv`)?.contentType).toBe('text/csv; charset=utf-8');
    expect(out.files.get(`${base}.xlsx`)?.contentType).toBe(CONTENT_TYPES.xlsx);
    expect(out.files.get(`${base}.pdf`)?.contentType).toBe('application/pdf');
    expect(Buffer.from(out.files.get(`${base}.pdf`)!.body).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The summary points at the PDF of the same run.
    expect(Buffer.from(out.files.get(`${base}.txt`)!.body).toString('utf8')).toContain(`${base.split('/').pop()}.pdf`);
    expect(Buffer.from(out.files.get('index.html')!.body).toString('utf8')).toContain(`href="${base}.pdf"`);
    expect(JSON.parse(Buffer.from(out.files.get(`${base}.json`)!.body).toString('utf8'))).toEqual(report);
    expect(report.generated_at).toBe('2026-12-05T01:00:00.000Z');
  });

  it('peringkat dengan anggaran, hanya json / ranking with a budget, json only', async () => {
    // Prepare
    const out = memoryOut();
    // Act
    const { keys, report } = await runReport({
      report: 'ranking', kabupaten: KUKAR, period: '2026-10', formats: ['json'], engine: duck, config, out, now: NOW,
      budget: 1_000_000, unitCost: 30_000,
    });
    // Assess
    expect(keys).toEqual([expect.stringMatching(new RegExp(`^ranking/${KUKAR}/2026-10/prioritas-kecamatan-${KUKAR}-2026-10(-sementara-\\d{4}-\\d{2}-\\d{2})?\\.json$`))]);
    expect(report.report === 'ranking' && report.allocation?.households_funded).toBe(33);
  });

  it('kueri gagal di tengah jalan: tidak ada berkas tertulis / a query failing part-way: no file written', async () => {
    // Prepare
    const out = memoryOut();
    let calls = 0;
    const flaky: QueryEngine = {
      name: 'athena',
      run: async (file, params) => {
        if (++calls === 3) throw new Error('Athena query failed');
        return duck.run(file, params);
      },
      close: async () => undefined,
    };
    // Act
    const run = runReport({ report: 'scorecard', kabupaten: KUKAR, period: '2026-10', engine: flaky, config, out, now: NOW });
    // Assess
    await expect(run).rejects.toThrow('Athena query failed');
    expect(out.files.size).toBe(0);
  });

  it('permintaan salah ditolak sebelum kueri apa pun / a wrong request is refused before any query', async () => {
    const run = (over: Record<string, unknown>) =>
      userErrorCode(runReport({ report: 'scorecard', kabupaten: KUKAR, period: '2026-10', engine: untouchable, config, out: memoryOut(), now: NOW, ...over }));
    expect(await run({ report: 'rapor' })).toBe('unknown_report');
    expect(await run({ kabupaten: '99.99' })).toBe('unknown_kabupaten');
    expect(await run({ period: '2026-13' })).toBe('invalid_period');
    expect(await run({ period: '2027-01' })).toBe('future_period');
    expect(await run({ formats: ['docx'] })).toBe('invalid_format');
    expect(await run({ formats: [] })).toBe('invalid_format');
    expect(await run({ lang: 'fr' })).toBe('invalid_lang');
  });

  it('bulan berjalan dihitung dengan jam setempat kabupaten / the current month is taken in the kabupaten local time', () => {
    // 2026-11-30 16:30 UTC is already 1 December 00:30 in WITA (Kutai Kartanegara).
    const now = Date.parse('2026-11-30T16:30:00Z');
    expect(checkReportRequest({ report: 'sanctions', kabupaten: KUKAR, period: '2026-12' }, now).period).toBe('2026-12');
    expect(() => checkReportRequest({ report: 'sanctions', kabupaten: '33.10', period: '2026-12' }, now)).toThrow(/2026-12/);
  });

  it('as_of: bawaan waktu panggilan; tanpa zona = waktu setempat; periode setelah tanggal A ditolak / as_of: default now, local without an offset, a period after A refused', () => {
    const now = Date.parse('2026-12-20T00:00:00Z');
    const req = { report: 'sanctions', kabupaten: KUKAR, period: '2026-11' };
    expect(checkReportRequest(req, now).asOf).toBe(now);
    expect(checkReportRequest({ ...req, asOf: '2026-12-05T23:59:59' }, now).asOf).toBe(Date.parse('2026-12-05T15:59:59Z'));
    expect(checkReportRequest(parseReportRequest({ ...req, as_of: '2026-12-06T08:00:00+07:00' }), now).asOf).toBe(Date.parse('2026-12-06T01:00:00Z'));
    expect(() => checkReportRequest({ ...req, asOf: '2026-10-31T23:00' }, now)).toThrow(/2026-11.* \/ Period 2026-11 has not started/);
    expect(() => checkReportRequest({ ...req, asOf: 'besok' }, now)).toThrow(/as-of "besok"/);
    expect(() => parseReportRequest({ ...req, as_of: 20261205 })).toThrow(/"as_of"/);
  });

  it('badan pesan: bentuk dicek, format boleh dipisah koma / message body: shape checked, formats may be comma-separated', () => {
    expect(parseReportRequest({ report: 'ranking', kabupaten: KUKAR, period: '2026-10', formats: 'json, html' }).formats).toEqual(['json', 'html']);
    expect(() => parseReportRequest('scorecard')).toThrow(/JSON object/);
    expect(() => parseReportRequest({ report: 'scorecard', kabupaten: 6402, period: '2026-10' })).toThrow(/"kabupaten"/);
    expect(() => parseReportRequest({ report: 'ranking', kabupaten: KUKAR, period: '2026-10', budget: '1000' })).toThrow(/"budget"/);
  });
});
