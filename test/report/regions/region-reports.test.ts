/**
 * Region reports on a real lake (DuckDB over Parquet): every kabupaten row equals that
 * kabupaten's own scorecard `total` field by field, the region sanctions list is the union of
 * the kabupaten lists in REPORTS.md §4's order, and the files land under <report>/<region>/<P>/.
 */
import { reportFileKey } from '../../../functions/report/output-names.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PkhConfig } from '../../../functions/lib/config.js';
import { FolderStore } from '../../../functions/lib/object-store/index.js';
import { DuckDbEngine } from '../../../functions/lib/query-engine/index.js';
import { kecamatanOf } from '../../../functions/lib/wilayah.js';
import { figuresOf, regionTotal } from '../../../functions/report/regions/region-scorecard.js';
import { runRegionReport } from '../../../functions/report/regions/run-region.js';
import type { RegionSanctionsReport, RegionScorecardReport } from '../../../functions/report/regions/types.js';
import { buildSanctions, buildScorecard, type ScorecardReport, type ScorecardTotal } from '../../../functions/report/reports/index.js';
import { periodAdd } from '../../../functions/lib/localtime.js';
import { KLATEN, KUKAR, dailyActivities, monthlyRow, rosterRow, wib } from '../fixtures/rows.js';
import { OCT, SEP, writeSanctionsScenario, writeScorecardScenario } from '../fixtures/scenarios.js';
import { TestLake } from '../fixtures/test-lake.js';
import { DUCKDB_TABLES } from '../../../schemas/index.js';

const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
const NOW = Date.parse('2026-12-05T03:00:00.000Z');
const GENERATED = new Date(NOW).toISOString();
const BERAU = '64.03';
const KLATEN_KEC = `${KLATEN}.01`;
const klaten = { kabupaten_code: KLATEN, kecamatan_code: KLATEN_KEC };

describe('region scorecard: Klaten (WIB), Kutai Kartanegara and Berau (WITA), Oktober 2026', () => {
  let lake: TestLake;
  let engine: DuckDbEngine;
  let region: RegionScorecardReport;
  let keys: string[];
  const own = new Map<string, ScorecardReport>();
  const ownPrev = new Map<string, ScorecardReport>();

  beforeAll(async () => {
    lake = await TestLake.create();
    await writeScorecardScenario(lake);
    // Klaten: C1 reports every October working day and sends an on-time monthly report; C2 reports half, late.
    await lake.write('roster', [rosterRow('C1', klaten), rosterRow('C2', klaten)], { file: 'klaten' });
    await lake.write(
      'activity_log',
      [...dailyActivities('C1', [...SEP, ...OCT], klaten), ...dailyActivities('C2', OCT.filter((_, i) => i % 2 === 0), klaten)],
      { file: 'klaten' },
    );
    await lake.write(
      'monthly_report',
      [
        monthlyRow('C1', '2026-10', wib('2026-11-04T10:00'), { ...klaten, kpm_assigned: 40, kpm_verified: 40 }),
        monthlyRow('C2', '2026-10', wib('2026-11-09T10:00'), { ...klaten, kpm_assigned: 60, kpm_verified: 30 }),
        monthlyRow('C1', '2026-09', wib('2026-10-04T10:00'), { ...klaten, kpm_assigned: 40, kpm_verified: 20 }),
      ],
      { file: 'klaten' },
    );
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    const out = new FolderStore(path.join(lake.root, 'out'));
    const result = await runRegionReport({ report: 'scorecard', region: `${KUKAR},${BERAU},${KLATEN}`, period: '2026-10', engine, config, out, now: NOW, formats: ['json', 'csv', 'xlsx', 'html'] });
    region = result.report as RegionScorecardReport;
    keys = result.keys;
    for (const code of [KLATEN, KUKAR, BERAU]) {
      const opts = { kabupaten: code, config, asOf: NOW, generatedAt: GENERATED };
      own.set(code, await buildScorecard(engine, { ...opts, period: '2026-10' }));
      ownPrev.set(code, await buildScorecard(engine, { ...opts, period: '2026-09' }));
    }
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    await lake?.dispose();
  });

  it('tata letak JSON wilayah / the region JSON layout', () => {
    expect(Object.keys(region)).toEqual(['report', 'region', 'region_name', 'kabupaten_codes', 'period', 'as_of', 'final', 'generated_at', 'config', 'kabupaten', 'total']);
    expect(region).toMatchObject({ report: 'scorecard', region: '33.10,64.02,64.03', region_name: null, kabupaten_codes: [KLATEN, KUKAR, BERAU], period: '2026-10' });
    expect(region.as_of).toBe(GENERATED);
    expect(region.final).toBe(true);
    expect(Object.keys(region.kabupaten[0])).toEqual([
      'kabupaten_code', 'kabupaten_name', 'rank', 'rank_prev_month', 'score', 'indicators', 'counts', 'kecamatan_count', 'desa_not_covered_count',
    ]);
    expect(Object.keys(region.total)).toEqual(['score', 'indicators', 'counts']);
    expect(region.config.regions).toEqual({});
  });

  it('setiap baris kabupaten = total kartu kinerja kabupaten itu sendiri, field demi field / each row equals its own total', () => {
    expect(region.kabupaten.map((k) => k.kabupaten_code)).toEqual([KLATEN, KUKAR, BERAU]);
    for (const row of region.kabupaten) {
      const mine = own.get(row.kabupaten_code) as ScorecardReport;
      expect(row.kabupaten_name).toBe(mine.kabupaten_name);
      expect(row.score).toEqual(mine.total.score);
      expect(row.indicators).toEqual(mine.total.indicators);
      expect(row.counts).toEqual(mine.total.counts);
      expect(row.kecamatan_count).toBe(kecamatanOf(row.kabupaten_code).length);
      expect(row.desa_not_covered_count).toBe(mine.kecamatan.reduce((n, k) => n + k.desa_not_covered.length, 0));
    }
    // The lake has data that tells the three apart (no vacuous equality).
    expect(new Set(region.kabupaten.map((k) => k.score)).size).toBe(3);
  });

  it('peringkat menurut skor dibulatkan, lalu kode; bulan lalu dari skor P−1 / ranks', () => {
    const rankOf = (scores: Map<string, number | null>) =>
      [...scores].sort(([a, x], [b, y]) => (x === y ? (a < b ? -1 : 1) : x === null ? 1 : y === null ? -1 : y - x)).map(([c]) => c);
    const now = rankOf(new Map([...own].map(([c, r]) => [c, r.total.score])));
    const before = rankOf(new Map([...ownPrev].map(([c, r]) => [c, r.total.score])));
    for (const row of region.kabupaten) {
      expect(row.rank).toBe(now.indexOf(row.kabupaten_code) + 1);
      expect(row.rank_prev_month).toBe(before.indexOf(row.kabupaten_code) + 1);
    }
  });

  it('total wilayah: pembilang, penyebut dan hitungan dijumlahkan / the region total sums', () => {
    const totals = [...own.values()].map((r) => r.total);
    for (const [name, ind] of Object.entries(region.total.indicators)) {
      const key = name as keyof ScorecardTotal['indicators'];
      expect(ind.numerator).toBe(totals.reduce((n, t) => n + t.indicators[key].numerator, 0));
      expect(ind.denominator).toBe(totals.reduce((n, t) => n + t.indicators[key].denominator, 0));
    }
    for (const [name, c] of Object.entries(region.total.counts)) {
      expect(c.value).toBe(totals.reduce((n, t) => n + t.counts[name as keyof ScorecardTotal['counts']].value, 0));
    }
    // Klaten 34/44 daily reported + Kukar's: a rate of the sums, not a mean of rates.
    const daily = region.total.indicators.daily_reporting_rate;
    expect(daily.value).toBe(Math.round((daily.numerator / daily.denominator) * 10_000) / 10_000);
  });

  it('wilayah satu kabupaten: total = total kabupaten itu / a one-kabupaten region has its total', async () => {
    const out = new FolderStore(path.join(lake.root, 'out1'));
    const { report } = await runRegionReport({ report: 'scorecard', region: KLATEN, period: '2026-10', engine, config, out, now: NOW, formats: ['json'] });
    expect((report as RegionScorecardReport).total).toEqual(own.get(KLATEN)?.total);
  }, 60_000);

  it('WIB dan WITA per waktu yang sama: final di Kutai Kartanegara, sementara di Klaten / each kabupaten in its own local time', async () => {
    const region2 = `${KUKAR},${KLATEN}`;
    const at = async (asOf: string) => {
      const out = new FolderStore(path.join(lake.root, 'out-asof'));
      const report = (await runRegionReport({ report: 'scorecard', region: region2, period: '2026-10', asOf, engine, config, out, now: NOW, formats: ['json'] })).report as RegionScorecardReport;
      const ms = Date.parse(asOf);
      for (const row of report.kabupaten) {
        const mine = await buildScorecard(engine, { kabupaten: row.kabupaten_code, period: '2026-10', config, asOf: ms, generatedAt: GENERATED });
        expect({ score: row.score, indicators: row.indicators, counts: row.counts }).toEqual(mine.total);
      }
      const row = (k: string) => report.kabupaten.find((r) => r.kabupaten_code === k)!;
      return { report, klaten: row(KLATEN), kukar: row(KUKAR) };
    };
    // 5 Nov 23:30 WIB = 6 Nov 00:30 WITA: the deadline (5 Nov 23:59:59 local) has passed in Kutai Kartanegara only.
    const mid = await at('2026-11-05T23:30:00+07:00');
    expect(mid.report.as_of).toBe('2026-11-05T16:30:00.000Z');
    expect(mid.kukar.indicators.monthly_report_rate.status).not.toBe('not_due');
    expect(mid.klaten.indicators.monthly_report_rate.status).toBe('not_due');
    expect(mid.report.final).toBe(false);
    // Due in one kabupaten: the region total judges the monthly indicators (REPORTS.md §4, literally).
    expect(mid.report.total.indicators.monthly_report_rate.status).not.toBe('not_due');
    // C2's Klaten report of 9 November is after A: left out.
    expect(mid.klaten.indicators.monthly_report_rate).toMatchObject({ numerator: 1, denominator: 2 });

    // 5 Nov 22:30 WIB = 23:30 WITA: due nowhere yet, so the total's monthly indicators are not_due.
    const early = await at('2026-11-05T15:30:00Z');
    expect(early.kukar.indicators.monthly_report_rate.status).toBe('not_due');
    expect(early.report.total.indicators.monthly_report_rate.status).toBe('not_due');
    expect(early.report.total.indicators.monthly_report_on_time_rate.status).toBe('not_due');

    // 6 Nov 00:00:00 WIB: final in both.
    const late = await at('2026-11-05T17:00:00Z');
    expect(late.klaten.indicators.monthly_report_rate.status).not.toBe('not_due');
    expect(late.report.final).toBe(true);
  }, 120_000);

  it('berkas di scorecard/<wilayah>/<P>/ dan JSON-nya sama / files under <report>/<region>/<P>/', async () => {
    expect(keys).toEqual(['json', 'csv', 'xlsx', 'html'].map((f) => reportFileKey(region, f, 'id')));
    expect(keys[0]).toMatch(/^scorecard\/33\.10,64\.02,64\.03\/2026-10\/kartu-kinerja-33\.10\+64\.02\+64\.03-2026-10(-sementara-\d{4}-\d{2}-\d{2})?\.json$/);
    const json = JSON.parse(await readFile(path.join(lake.root, 'out', keys[0]), 'utf8'));
    expect(json).toEqual(region);
    const csv = (await readFile(path.join(lake.root, 'out', keys[1]), 'utf8')).split('\r\n');
    expect(csv[0].startsWith('\uFEFFKode kabupaten/kota,Nama kabupaten/kota,Peringkat')).toBe(true);
    expect(csv.filter((l) => l !== '')).toHaveLength(1 + 3 + 1); // header, 3 kabupaten, TOTAL
    const html = await readFile(path.join(lake.root, 'out', keys[3]), 'utf8');
    expect(html).toContain('KABUPATEN KLATEN');
    expect(html).toContain('Total wilayah');
  });
});

describe('region sanctions: Klaten and Kutai Kartanegara, Oktober 2026', () => {
  let lake: TestLake;
  let engine: DuckDbEngine;
  let region: RegionSanctionsReport;

  beforeAll(async () => {
    lake = await TestLake.create();
    await writeSanctionsScenario(lake);
    // Klaten, by hand (ids T… sort after Kutai Kartanegara's S…, so only the kabupaten code can put
    // them first): T1 rostered since 2025, nothing ever → streak 12, rate 0 (ties with S5);
    // T2 starts Oct 26, 3/5 days, on-time report → streak 1, rate 0.6 (ties with S4, S8);
    // T3 starts Sat Oct 31 → 0 working days, null rate, no report → streak 1 (ties with S7).
    await lake.write(
      'roster',
      [rosterRow('T1', klaten), rosterRow('T2', { ...klaten, active_from: '2026-10-26' }), rosterRow('T3', { ...klaten, active_from: '2026-10-31' })],
      { file: 'klaten' },
    );
    await lake.write('activity_log', dailyActivities('T2', ['2026-10-26', '2026-10-28', '2026-10-30'], klaten), { file: 'klaten' });
    await lake.write('monthly_report', [monthlyRow('T2', '2026-10', wib('2026-11-02T10:00'), klaten)], { file: 'klaten' });
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    const out = new FolderStore(path.join(lake.root, 'out'));
    region = (await runRegionReport({ report: 'sanctions', region: `${KUKAR},${KLATEN}`, period: '2026-10', engine, config, out, now: NOW })).report as RegionSanctionsReport;
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    await lake?.dispose();
  });

  it('gabungan daftar kabupaten dalam urutan REPORTS.md §4 / the union, in the specified order', async () => {
    const own = await Promise.all([KLATEN, KUKAR].map((k) => buildSanctions(engine, { kabupaten: k, period: '2026-10', config, asOf: NOW, generatedAt: GENERATED })));
    // Streak desc, rate asc (null first), kabupaten code, facilitator id.
    expect(region.facilitators.map((f) => `${f.kabupaten_code}/${f.facilitator_id}`)).toEqual([
      '33.10/T1', '64.02/S5', // 12 months, rate 0: Klaten before Kutai Kartanegara
      '64.02/S1', // 2 months
      '33.10/T3', '64.02/S7', // 1 month, rate null
      '33.10/T2', '64.02/S4', '64.02/S8', // 1 month, rate 0.6
      '64.02/S2', // 1 month, 15/22
    ]);
    // Every row is its kabupaten's own entry, field by field, with the kabupaten named first.
    for (const list of own) {
      const rows = region.facilitators.filter((f) => f.kabupaten_code === list.kabupaten_code);
      expect(rows.map(({ kabupaten_code: _c, kabupaten_name: _n, ...entry }) => entry)).toEqual(list.facilitators);
      expect(rows.every((r) => r.kabupaten_name === list.kabupaten_name)).toBe(true);
    }
    expect(Object.keys(region.facilitators[0]).slice(0, 3)).toEqual(['kabupaten_code', 'kabupaten_name', 'facilitator_id']);
    expect(region.expected_count).toBe(own[0].expected_count + own[1].expected_count);
    expect(region.low_count).toBe(region.facilitators.length);
    expect(Object.keys(region)).toEqual([
      'report', 'region', 'region_name', 'kabupaten_codes', 'period', 'as_of', 'final', 'generated_at', 'config',
      'low_threshold', 'min_working_days', 'expected_count', 'low_count', 'facilitators',
    ]);
  });
});

describe('regionTotal: not_due', () => {
  /** A total whose two monthly indicators are not due (as a builder as of an early instant makes it). */
  const notDue = (t: ScorecardTotal): ScorecardTotal => {
    const c = structuredClone(t);
    c.indicators.monthly_report_rate.status = 'not_due' as never;
    c.indicators.monthly_report_on_time_rate.status = 'not_due' as never;
    return c;
  };
  /** The same total with the monthly indicators' data gone: the score without them. */
  const withoutMonthly = (t: ScorecardTotal): ScorecardTotal => {
    const c = structuredClone(t);
    for (const i of ['monthly_report_rate', 'monthly_report_on_time_rate'] as const) c.indicators[i] = { ...c.indicators[i], numerator: 0, denominator: 0 };
    return c;
  };
  let a: ScorecardTotal;
  let b: ScorecardTotal;
  let lake: TestLake;
  let engine: DuckDbEngine;

  beforeAll(async () => {
    lake = await TestLake.create();
    await writeScorecardScenario(lake);
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: lake.root });
    a = (await buildScorecard(engine, { kabupaten: KUKAR, period: '2026-10', config, asOf: NOW, generatedAt: GENERATED })).total;
    b = structuredClone(a);
  }, 60_000);
  afterAll(async () => {
    await engine?.close();
    await lake?.dispose();
  });

  it('not_due hanya bila tidak jatuh tempo di kabupaten mana pun / not_due while due in no kabupaten', () => {
    const P = '2026-10';
    const prev = [a, b].map(figuresOf);
    const judged = regionTotal([notDue(a), b], prev, prev, P, config);
    expect(judged.indicators.monthly_report_rate.status).toBe(regionTotal([a, b], prev, prev, P, config).indicators.monthly_report_rate.status);
    expect(judged.indicators.monthly_report_rate.status).not.toBe('not_due');
    expect(judged.score).toBe(regionTotal([a, b], prev, prev, P, config).score);

    const waiting = regionTotal([notDue(a), notDue(b)], prev, prev, P, config);
    expect(waiting.indicators.monthly_report_rate.status).toBe('not_due');
    expect(waiting.indicators.monthly_report_on_time_rate.status).toBe('not_due');
    // Shown, not judged: the value stays, the score leaves them out.
    expect(waiting.indicators.monthly_report_rate.value).toBe(judged.indicators.monthly_report_rate.value);
    expect(waiting.score).toBe(regionTotal([withoutMonthly(a), withoutMonthly(b)], prev, prev, P, config).score);
    expect(waiting.score).not.toBe(judged.score);
    expect(periodAdd(P, -1)).toBe('2026-09');
  });
});
