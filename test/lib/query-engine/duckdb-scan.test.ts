import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PkhConfig } from '../../../functions/lib/config.js';
import { findTableRefs, listScopedFiles } from '../../../functions/lib/query-engine/duckdb-scan.js';
import { DuckDbEngine, loadSql } from '../../../functions/lib/query-engine/index.js';
import { buildRanking, buildSanctions, buildScorecard } from '../../../functions/report/reports/index.js';
import { TestLake } from '../../report/fixtures/test-lake.js';
import { writeRankingScenario, writeSanctionsScenario, writeScorecardScenario } from '../../report/fixtures/scenarios.js';
import { DUCKDB_TABLES } from '../../../schemas/index.js';

const K8 = ['64.02', '64.03', '64.02', '64.02', '64.02', '64.02', '64.02', '64.02'];

describe('findTableRefs', () => {
  it('membaca predikat partisi tiap file SQL / partition predicates of the project queries', () => {
    // Act
    const scopes = (file: string, params: (string | number)[]) => findTableRefs(loadSql(file), params).map((r) => [r.dataset, r.scope]);
    // Assess
    const A = '2026-12-05 00:00:00.000 UTC';
    expect(scopes('activity_days', [...K8, '2026-09', '2026-11', A, '2026-10-01', '2026-10-31'])).toEqual([
      ['activity_log', { kabupaten: ['64.02', '64.03'], period: { from: '2026-09', to: '2026-11' } }],
    ]);
    expect(scopes('roster_facilitators', ['64.02'])).toEqual([['roster', {}], ['roster', { kabupaten: ['64.02'] }]]);
    expect(scopes('monthly_report_latest', ['2026-10', '2026-09', '2025-10', A, '64.02', '64.02'])).toEqual([
      ['monthly_report', { periods: ['2025-10', '2026-09', '2026-10'] }],
      ['roster', { kabupaten: ['64.02'] }],
    ]);
    expect(scopes('monthly_report_first_submission_nearby', [...K8, '2025-11', '2026-09', A, '64.02'])).toEqual([
      ['monthly_report', { kabupaten: ['64.02', '64.03'], period: { from: '2025-11', to: '2026-09' } }],
      ['roster', { kabupaten: ['64.02'] }],
    ]);
    expect(scopes('monthly_report_first_submission', ['2026-10', '2026-10', A, '64.02'])).toEqual([
      ['monthly_report', { period: { from: '2026-10', to: '2026-10' } }],
      ['roster', { kabupaten: ['64.02'] }],
    ]);
    expect(scopes('region_roster_facilitators', ['33.%'])).toEqual([['roster', {}], ['roster', { kabupatenLike: ['33.%'] }]]);
    expect(scopes('region_monthly_report_latest', ['2026-10', '2026-09', '2025-10', A, '33.%', '33.%'])).toEqual([
      ['monthly_report', { periods: ['2025-10', '2026-09', '2026-10'] }],
      ['roster', { kabupatenLike: ['33.%'] }],
    ]);
    expect(scopes('kecamatan_profile_latest', ['64.02', 2026])).toEqual([['kecamatan_profile', { kabupaten: ['64.02'] }]]);
    expect(scopes('rows_in_period', ['2026-10', A, '64.02', '2026-09', '2026-11', A, '64.02', '2026-09', '2026-11', '64.02', '2026-10-01', '2026-10-31', '2026-10'])).toEqual([
      ['monthly_report', { period: { from: '2026-10', to: '2026-10' } }],
      ['activity_log', { kabupaten: ['64.02'], period: { from: '2026-09', to: '2026-11' } }],
      ['disbursement', { kabupaten: ['64.02'], period: { from: '2026-09', to: '2026-11' } }],
    ]);
  });

  it('OR di puncak WHERE, JOIN, tanpa WHERE: semua partisi / anything unrecognised scans everything', () => {
    const refs = findTableRefs(
      `SELECT 1 FROM activity_log WHERE kabupaten_code = ? AND x = 1 OR period = ?;
       SELECT 1 FROM roster r JOIN disbursement d ON r.a = d.b WHERE kabupaten_code = ?;
       SELECT 1 FROM kecamatan_profile;
       SELECT 'FROM monthly_report WHERE period = ?' AS s FROM disbursement AS d WHERE (kabupaten_code = ? OR TRUE)`,
      ['64.02', '2026-10', '64.02', '64.02'],
    );
    expect(refs.map((r) => [r.dataset, r.alias, r.scope])).toEqual([
      ['activity_log', undefined, {}],
      ['roster', 'r', {}],
      ['kecamatan_profile', undefined, {}],
      ['disbursement', 'd', {}],
    ]);
  });

  it('predikat bertingkat dipersempit, parameter dihitung dari awal teks / conjuncts narrow, parameters counted from the start', () => {
    const [ref] = findTableRefs(
      `SELECT ? AS a FROM disbursement WHERE kabupaten_code IN (?, ?) AND kabupaten_code = ? AND period BETWEEN ? AND ? AND period = ? AND status = 'salur'`,
      ['x', '64.02', '33.10', '33.10', '2026-01', '2026-12', '2026-05'],
    );
    expect(ref.scope).toEqual({ kabupaten: ['33.10'], period: { from: '2026-05', to: '2026-05' } });
  });
});

describe('listScopedFiles', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pkh-scan-'));
    for (const rel of [
      'activity_log/kabupaten_code=64.02/period=2026-09/a.parquet',
      'activity_log/kabupaten_code=64.02/period=2026-10/a.parquet',
      'activity_log/kabupaten_code=64.02/period=2026-10/b.parquet',
      'activity_log/kabupaten_code=64.02/period=2026-10/.tmp-c.parquet',
      'activity_log/kabupaten_code=64.02/period=2026-12/a.parquet',
      'activity_log/kabupaten_code=33.10/period=2026-10/a.parquet',
      'roster/a.parquet',
      'roster/compact-b.parquet',
      'monthly_report/period=2026-09/a.parquet',
      'monthly_report/period=2026-10/a.parquet',
      'monthly_report/period=2026-10/b.parquet',
    ]) {
      await mkdir(join(root, 'lake', rel, '..'), { recursive: true });
      await writeFile(join(root, 'lake', rel), '');
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('hanya folder partisi yang dipilih / only the selected partition folders', async () => {
    const rel = (files: string[]) => files.map((f) => f.slice(root.length + '/lake/'.length));
    expect(rel(await listScopedFiles(root, 'activity_log', { kabupaten: ['64.02'], period: { from: '2026-10', to: '2026-11' } }))).toEqual([
      'activity_log/kabupaten_code=64.02/period=2026-10/a.parquet',
      'activity_log/kabupaten_code=64.02/period=2026-10/b.parquet',
    ]);
    expect(rel(await listScopedFiles(root, 'activity_log', { periods: ['2026-10', '2026-12'] }))).toEqual([
      'activity_log/kabupaten_code=33.10/period=2026-10/a.parquet',
      'activity_log/kabupaten_code=64.02/period=2026-10/a.parquet',
      'activity_log/kabupaten_code=64.02/period=2026-10/b.parquet',
      'activity_log/kabupaten_code=64.02/period=2026-12/a.parquet',
    ]);
    expect(rel(await listScopedFiles(root, 'roster', {}))).toHaveLength(2);
    // No kabupaten folders: a kabupaten predicate prunes nothing (it stays a filter in the query).
    expect(rel(await listScopedFiles(root, 'roster', { kabupaten: ['64.02'] }))).toEqual(['roster/a.parquet', 'roster/compact-b.parquet']);
    expect(rel(await listScopedFiles(root, 'monthly_report', { kabupaten: ['64.02'], period: { from: '2026-10', to: '2026-10' } }))).toEqual([
      'monthly_report/period=2026-10/a.parquet',
      'monthly_report/period=2026-10/b.parquet',
    ]);
    expect(rel(await listScopedFiles(root, 'monthly_report', { kabupatenLike: ['33.%'] }))).toHaveLength(3);
    expect(rel(await listScopedFiles(root, 'activity_log', { kabupatenLike: ['64.%'], periods: ['2026-10'] }))).toEqual([
      'activity_log/kabupaten_code=64.02/period=2026-10/a.parquet',
      'activity_log/kabupaten_code=64.02/period=2026-10/b.parquet',
    ]);
    expect(rel(await listScopedFiles(root, 'activity_log', { kabupatenLike: ['%'], periods: ['2026-10'] }))).toHaveLength(3);
    expect(await listScopedFiles(root, 'activity_log', { kabupatenLike: ['6_.0_.%'] })).toEqual([]);
    expect(await listScopedFiles(root, 'activity_log', { kabupaten: ['../roster'] })).toEqual([]);
    expect(await listScopedFiles(root, 'disbursement', {})).toEqual([]);
  });
});

describe('bacaan terbatas = bacaan penuh / scoped scans give the same reports as full scans', () => {
  const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
  const opts = { kabupaten: '64.02', period: '2026-10', config, asOf: Date.parse('2026-12-05T00:00:00Z'), generatedAt: 'x' };

  it.each([
    ['scorecard', writeScorecardScenario, (e: DuckDbEngine) => buildScorecard(e, opts)],
    ['sanctions', writeSanctionsScenario, (e: DuckDbEngine) => buildSanctions(e, opts)],
    ['ranking', writeRankingScenario, (e: DuckDbEngine) => buildRanking(e, opts, { budget: 1_000_000, unitCost: 30_000 })],
  ] as const)('%s', async (_name, write, build) => {
    // Prepare
    const lake = await TestLake.create();
    await write(lake);
    const scoped = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    const full = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root, scopedScans: false });
    try {
      // Act
      const [a, b] = [await build(scoped), await build(full)];
      // Assess
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    } finally {
      await scoped.close();
      await full.close();
      await lake.dispose();
    }
  });
});
