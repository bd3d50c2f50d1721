/**
 * The one-pass region reads (regions/region-reads.ts) against the reads one kabupaten at a time:
 * on a lake with WIB and WITA kabupaten in two provinces, a facilitator rostered in one
 * province whose reports name another, corrected reports and late submissions, the region JSON
 * built both ways is identical, for the scorecard and the sanctions list, at several as-of
 * instants (including one that is a different calendar day in WIB and WITA).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PkhConfig } from '../../../functions/lib/config.js';
import { DuckDbEngine } from '../../../functions/lib/query-engine/index.js';
import { desaOf } from '../../../functions/lib/wilayah.js';
import { kabupatenReports, kabupatenReportsOneByOne } from '../../../functions/report/regions/kabupaten-reports.js';
import { regionPatterns, smallReadPatterns } from '../../../functions/report/regions/region-reads.js';
import { resolveRegion } from '../../../functions/report/regions/resolve.js';
import { buildRegionReport } from '../../../functions/report/regions/run-region.js';
import { buildScorecard } from '../../../functions/report/reports/index.js';
import type { KabupatenScorecards } from '../../../functions/report/regions/region-scorecard.js';
import { KLATEN, KUKAR, activityRow, dailyActivities, monthlyRow, rosterRow, wib, wita } from '../fixtures/rows.js';
import { OCT, SEP, writeSanctionsScenario, writeScorecardScenario } from '../fixtures/scenarios.js';
import { TestLake } from '../fixtures/test-lake.js';
import { DUCKDB_TABLES } from '../../../schemas/index.js';

const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
const NOW = Date.parse('2026-12-05T03:00:00.000Z');
const BERAU = '64.03';
const klaten = { kabupaten_code: KLATEN, kecamatan_code: `${KLATEN}.01` };
const INSTANTS = [
  ['5 Desember', NOW],
  ['10 November 23.30 WIB = 11 November 00.30 WITA', wib('2026-11-10T23:30')],
  ['5 November WITA', wita('2026-11-05T09:00')],
] as const;

/**
 * Klaten (WIB): C1 on time, C2 half and late and corrected, X1 rostered in Klaten reporting as
 * Kukar, M1 moved from Klaten to Berau in October (both read each other's partitions), an
 * activity of C1 corrected into Kukar's partition and a coordination of Kukar corrected into
 * Berau's (each kabupaten dedupes what it reads, as its own query does).
 */
async function writeKlaten(lake: TestLake): Promise<void> {
  const berau = { kabupaten_code: BERAU, kecamatan_code: `${BERAU}.01` };
  await lake.write(
    'roster',
    [
      rosterRow('C1', klaten), rosterRow('C2', klaten), rosterRow('X1', klaten),
      rosterRow('M1', { ...klaten, active_to: '2026-09-30' }), rosterRow('M1', { ...berau, active_from: '2026-10-01' }),
    ],
    { file: 'klaten' },
  );
  await lake.write(
    'activity_log',
    [
      ...dailyActivities('C1', [...SEP, ...OCT], klaten),
      ...dailyActivities('C2', OCT.filter((_, i) => i % 2 === 0), klaten),
      ...dailyActivities('M1', SEP, klaten),
      ...dailyActivities('M1', OCT, berau),
      activityRow('MV-1', 'C1', '2026-10-12', wib('2026-10-12T18:00'), klaten),
      activityRow('MV-1', 'C1', '2026-10-13', wib('2026-10-14T08:00'), { kabupaten_code: KUKAR, kecamatan_code: `${KUKAR}.01` }),
      // A desa coordination in Kukar, later corrected into Berau (same province, one pass).
      activityRow('MV-2', 'M1', '2026-10-12', wita('2026-10-12T18:00'), { kabupaten_code: KUKAR, kecamatan_code: `${KUKAR}.10`, desa_code: desaOf(`${KUKAR}.10`).at(-1)?.code, activity_type: 'koordinasi_desa' }),
      activityRow('MV-2', 'M1', '2026-10-12', wita('2026-10-13T08:00'), { ...berau, desa_code: desaOf(`${BERAU}.01`)[0].code, activity_type: 'koordinasi_desa' }),
    ],
    { file: 'klaten' },
  );
  await lake.write(
    'monthly_report',
    [
      monthlyRow('C1', '2026-10', wib('2026-11-04T10:00'), { ...klaten, kpm_assigned: 40, kpm_verified: 40 }),
      monthlyRow('C2', '2026-10', wib('2026-11-09T10:00'), { ...klaten, kpm_assigned: 60, kpm_verified: 30 }),
      monthlyRow('C2', '2026-10', wib('2026-11-20T10:00'), { ...klaten, kpm_assigned: 60, kpm_verified: 45 }),
      monthlyRow('C1', '2026-09', wib('2026-10-04T10:00'), { ...klaten, kpm_assigned: 40, kpm_verified: 20 }),
      monthlyRow('X1', '2026-10', wib('2026-11-05T10:00'), { kpm_assigned: 10, kpm_verified: 9 }),
      monthlyRow('X1', '2026-09', wib('2026-10-05T10:00'), { kpm_assigned: 10, kpm_verified: 5 }),
      monthlyRow('M1', '2026-09', wib('2026-10-05T10:00'), { ...klaten, kpm_assigned: 20, kpm_verified: 5 }),
      monthlyRow('M1', '2026-10', wita('2026-11-05T10:00'), { ...berau, kpm_assigned: 20, kpm_verified: 15 }),
    ],
    { file: 'klaten' },
  );
}

describe('regionPatterns', () => {
  it('satu pola per provinsi, juga untuk seluruh negeri / one pattern per province, the country too', () => {
    expect(regionPatterns(['64.03', '33.10', '64.02'])).toEqual(['33.%', '64.%']);
    expect(regionPatterns(['11.01', '12.01', '13.01', '14.01', '15.01'])).toEqual(['11.%', '12.%', '13.%', '14.%', '15.%']);
  });
  it('roster dan laporan bulanan: satu bacaan nasional bila lebih dari satu provinsi / small reads: one national pass across provinces', () => {
    expect(smallReadPatterns(['33.10', '33.01'])).toEqual(['33.%']);
    expect(smallReadPatterns(['64.03', '33.10'])).toEqual(['%']);
  });
});

/** A lake of `scenario` plus Klaten's rows and a DuckDB engine on it, for the tests of a describe block. */
function klatenLake(scenario: (lake: TestLake) => Promise<void>): { readonly engine: DuckDbEngine } {
  let lake: TestLake | undefined;
  const state = {} as { engine: DuckDbEngine };
  beforeAll(async () => {
    lake = await TestLake.create();
    await scenario(lake);
    await writeKlaten(lake);
    state.engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
  }, 120_000);
  afterAll(async () => {
    await state.engine?.close();
    await lake?.dispose();
  });
  return state;
}

describe.each([
  ['scorecard', writeScorecardScenario],
  ['sanctions', writeSanctionsScenario],
] as const)('satu bacaan = per kabupaten / one pass equals one by one: %s', (report, scenario) => {
  const lake = klatenLake(scenario);

  it.each(INSTANTS)('per %s', async (_label, asOfMs) => {
    // Prepare
    const region = resolveRegion(`${KUKAR},${BERAU},${KLATEN}`, config);
    const req = { report, region, period: '2026-10', asOfMs };
    // Every kabupaten's own reports too (the scorecards of P−1 and P−12 included), not only what
    // the region JSON keeps: what each reader returned to the region report, kept as it passes.
    const own = new Map<string, unknown>();
    const keep = (name: string, reader: typeof kabupatenReports): typeof kabupatenReports => {
      const read = reader as (...args: unknown[]) => Promise<unknown>;
      return (async (...args: unknown[]) => {
        const result = await read(...args);
        own.set(name, result);
        return result;
      }) as typeof kabupatenReports;
    };
    // Act
    const onePass = await buildRegionReport(lake.engine, req, config, NOW, keep('onePass', kabupatenReports));
    const oneByOne = await buildRegionReport(lake.engine, req, config, NOW, keep('oneByOne', kabupatenReportsOneByOne));
    const ownOnePass = own.get('onePass');
    const ownOneByOne = own.get('oneByOne');
    // Assess
    expect(JSON.stringify(onePass)).toBe(JSON.stringify(oneByOne));
    expect(JSON.stringify(ownOnePass)).toBe(JSON.stringify(ownOneByOne));
    // The cross-province facilitator is read: X1, rostered in Klaten, files under Kukar. Once
    // its October report is in, Klaten's scorecard counts three monthly reports (C1, C2, X1)
    // and the sanctions list names X1.
    if (asOfMs === NOW && report === 'scorecard') {
      const klatenNow = (ownOnePass as KabupatenScorecards[]).find((k) => k.now.kabupaten_code === KLATEN);
      expect(klatenNow?.now.total.indicators.monthly_report_rate).toMatchObject({ numerator: 3, denominator: 3 });
    }
    if (asOfMs === NOW && report === 'sanctions') expect(JSON.stringify(ownOnePass)).toContain('"X1"');
  }, 120_000);
});

describe('selisih bulan lalu = nilai kartu kinerja bulan lalu sendiri / delta_prev_month against P−1\'s own scorecard', () => {
  const lake = klatenLake(writeScorecardScenario);

  it('X1 (terdaftar di Klaten, melapor atas nama Kukar) terhitung di P−1 juga / X1\'s September report, filed under Kukar, counts in P−1 too', async () => {
    const opts = { kabupaten: KLATEN, config, asOf: NOW, generatedAt: 'x' };
    const oct = await buildScorecard(lake.engine, { ...opts, period: '2026-10' });
    const sep = await buildScorecard(lake.engine, { ...opts, period: '2026-09' });
    // Klaten's September: C1, X1 and M1 sent reports (X1's names Kukar, where it is not rostered).
    expect(sep.total.indicators.monthly_report_rate).toMatchObject({ numerator: 3 });
    for (const [name, now] of Object.entries(oct.total.indicators)) {
      const before = sep.total.indicators[name as keyof typeof sep.total.indicators];
      if (now.denominator === 0 || before.denominator === 0) continue;
      const expected = Math.round((now.numerator / now.denominator - before.numerator / before.denominator) * 10_000) / 10_000;
      expect(now.delta_prev_month, name).toBeCloseTo(expected, 4);
    }
  }, 60_000);
});
