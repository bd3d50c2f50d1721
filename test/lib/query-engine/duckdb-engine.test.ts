import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../functions/lib/query-engine/index.js';
import { TestLake } from '../../report/fixtures/test-lake.js';
import { asOfParam } from '../../../functions/report/reports/as-of.js';
import { DUCKDB_TABLES } from '../../../schemas/index.js';

/** The as-of cut that keeps every stored row (reports as of now). */
const NOW = asOfParam(Date.now());

describe('DuckDbEngine', () => {
  let lake: TestLake;
  let engine: DuckDbEngine | undefined;

  beforeEach(async () => {
    lake = await TestLake.create();
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await lake.dispose();
  });

  it('danau kosong: setiap kueri berjalan dan mengembalikan nol baris / empty lake: every query runs and returns no rows', async () => {
    // Prepare
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    const k8 = Array<string>(8).fill('64.02');
    // Act
    const results = await Promise.all([
      engine.run('roster_facilitators', ['64.02']),
      engine.run('monthly_report_latest', ['2026-10', '2026-09', '2025-10', NOW, '64.02', '64.02']),
      engine.run('monthly_report_first_submission', ['2026-01', '2026-10', NOW, '64.02']),
      engine.run('monthly_report_first_submission_nearby', [...k8, '2025-11', '2026-09', NOW, '64.02']),
      engine.run('activity_days', [...k8, '2026-09', '2026-11', NOW, '2026-10-01', '2026-10-31']),
      engine.run('activity_coordination', ['64.02', '2025-12', '2026-11', '64.02', '2025-12', '2026-11', NOW]),
      engine.run('disbursement_kecamatan_month', ['64.02', '2026-08', '2026-11', '2026-09', '2026-10']),
      engine.run('disbursement_kecamatan_window', ['64.02', '2025-10', '2026-11', '2025-11', '2026-10']),
      engine.run('kecamatan_profile_latest', ['64.02', 2026]),
    ]);
    // Assess
    expect(results.map((r) => r.length)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('kode kabupaten 33.10 tetap teks, tanggal jadi YYYY-MM-DD, waktu jadi milidetik UTC / partition code stays text, DATE and TIMESTAMP convert', async () => {
    // Prepare
    await lake.write('activity_log', [
      {
        activity_id: 'A1', facilitator_id: 'F1', activity_date: '2026-10-05', kabupaten_code: '33.10',
        kecamatan_code: '33.10.01', activity_type: 'administrasi', kpm_reached: 0,
        submitted_at: '2026-10-05T03:04:05.678Z',
      },
    ]);
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    // Act
    const rows = await engine.run('activity_days', [...Array<string>(8).fill('33.10'), '2026-09', '2026-11', NOW, '2026-10-01', '2026-10-31']);
    // Assess
    expect(rows).toEqual([
      { facilitator_id: 'F1', kabupaten_code: '33.10', activity_date: '2026-10-05', first_submitted_at: Date.UTC(2026, 9, 5, 3, 4, 5, 678) },
    ]);
  });

  it('baris terbaru per kunci: submitted_at terbesar lalu _ingested_at, _source, _row / latest row per key wins in order', async () => {
    // Prepare: three rows of one report; the second file is ingested later but submitted earlier.
    const base = { period: '2026-10', facilitator_id: 'F1', kabupaten_code: '64.02', kecamatan_code: '64.02.01', kpm_assigned: 10, kpm_verified: 1, p2k2_groups: 0, p2k2_sessions: 0, p2k2_kpm_attended: 0, dtks_updates: 0, complaints_received: 0, complaints_resolved: 0, graduations: 0, coord_meetings_kecamatan: 0, coord_meetings_desa: 0 };
    await lake.write('monthly_report', [{ ...base, submitted_at: '2026-11-06T00:00:00Z', kpm_verified: 7 }], { file: 'a', ingestedAt: '2026-11-06T00:00:00Z' });
    await lake.write('monthly_report', [{ ...base, submitted_at: '2026-11-01T00:00:00Z', kpm_verified: 3 }], { file: 'b', ingestedAt: '2026-11-20T00:00:00Z' });
    await lake.write('monthly_report', [{ ...base, submitted_at: '2026-11-06T00:00:00Z', kpm_verified: 9 }], { file: 'c', ingestedAt: '2026-11-06T00:00:00Z' });
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    // Act
    const rows = await engine.run('monthly_report_latest', ['2026-10', '2026-10', '2026-10', NOW, '64.02', '64.02']);
    // Assess: 'c' ties 'a' on submitted_at and _ingested_at, wins on _source; the earliest submission is 'b'.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kpm_verified: 9, kpm_assigned: 10, first_submitted_at: Date.UTC(2026, 10, 1) });
  });

  it('jumlah HUGEINT jadi number / integer sums come back as numbers', async () => {
    // Prepare
    const row = { disbursement_id: 'D1', kpm_id: 'KPM-0001', program: 'PKH', period: '2026-10', tahap: 4, kabupaten_code: '64.02', kecamatan_code: '64.02.01', desa_code: '64.02.01.2001', channel: 'BRI', amount_allocated: 9_000_000_000, amount_disbursed: 750_000, status: 'salur', disbursed_at: '2026-10-10', reconciled: true, field_verified: false, card_held_by_third_party: true };
    await lake.write('disbursement', [row, { ...row, disbursement_id: 'D2' }]);
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    // Act
    const rows = await engine.run('disbursement_kecamatan_month', ['64.02', '2026-09', '2026-11', '2026-10', '2026-10']);
    // Assess
    expect(rows).toEqual([
      { period: '2026-10', kecamatan_code: '64.02.01', amount_allocated: 18_000_000_000, amount_disbursed: 1_500_000, salur_rows: 2, reconciled_rows: 2, field_verified_rows: 0, card_custody_rows: 2 },
    ]);
  });
  it('kueri yang berjalan bersamaan masing-masing mendapat jawabannya / overlapping queries each get their own answer', async () => {
    // Prepare: one roster row in each of 12 kabupaten, so each answer names its own kabupaten.
    const codes = ['11.08', '33.01', '33.10', '34.01', '35.01', '51.01', '61.01', '63.01', '64.02', '71.01', '73.01', '94.01'];
    await lake.write(
      'roster',
      codes.map((k, i) => ({
        facilitator_id: `F${i}`, full_name: `Pendamping ${i}`, role: 'pendamping', kabupaten_code: k,
        kecamatan_code: `${k}.01`, supervisor_id: null, active_from: '2026-01-01', active_to: null,
      })),
    );
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    // Act: more reads at once than the engine has connections, one of them failing.
    const reads = codes.map((k) => engine!.run('roster_facilitators', [k]));
    const failing = engine.run('roster_facilitators', []).then(
      () => 'ran',
      () => 'failed',
    );
    const results = await Promise.all(reads);
    // Assess
    expect(results.map((rows) => rows.map((r) => r.kabupaten_code))).toEqual(codes.map((k) => [k]));
    expect(await failing).toBe('failed');
    expect(await engine.run('roster_facilitators', ['64.02'])).toHaveLength(1);
  });
});
