/**
 * On generated data (the demo's generator, Kutai Kartanegara, WITA), the report of a month whose
 * monthly report is not yet due warns nobody merely for lacking that report: the new user's
 * 3 December of issue 10.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../functions/generator/index.js';
import { ingestFile } from '../../functions/ingest/index.js';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { DATASET_NAMES } from '../../functions/lib/lake-layout.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { DuckDbEngine } from '../../functions/lib/query-engine/index.js';
import { buildSanctions, buildScorecard } from '../../functions/report/reports/index.js';
import { getDataset, DUCKDB_TABLES } from '../../schemas/index.js';
import { KUKAR, wita } from './fixtures/rows.js';

const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;
const P = '2026-11';
/** The data is generated up to this instant: 3 December 2026, 10:00 WITA, before November's deadline. */
const NOW = wita('2026-12-03T10:00');
const opts = (asOf: number) => ({ kabupaten: KUKAR, period: P, config, asOf, generatedAt: 'x' });

describe('data sintetis sebelum tenggat / generated data before the deadline', () => {
  let root: string;
  let engine: DuckDbEngine;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'pkh-asof-gen-'));
    const gen = await generate({ kabupaten: KUKAR, months: 2, endPeriod: P, outDir: join(root, 'gen'), now: NOW });
    const store = new FolderStore(root);
    for (const d of DATASET_NAMES) {
      const file = gen.files[d];
      const { size } = await stat(file);
      await ingestFile({ dataset: getDataset(d), source: { key: `gen/${d}.csv`, size, open: () => createReadStream(file) }, store, now: NOW, limits: config.limits });
    }
    engine = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: root });
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('tak seorang pun rendah hanya karena laporan bulanan yang belum jatuh tempo / nobody is low merely for a monthly report not yet due', async () => {
    // Act
    const sanctions = await buildSanctions(engine, opts(NOW));
    const scorecard = await buildScorecard(engine, opts(NOW));
    // Assess: many have not sent November's report yet, and none of them is listed for it.
    const monthly = scorecard.total.indicators.monthly_report_rate;
    expect(monthly.status).toBe('not_due');
    expect(monthly.numerator).toBeLessThan(monthly.denominator);
    expect(sanctions.final).toBe(false);
    for (const f of sanctions.facilitators) {
      expect(f.monthly_report_status).not.toBe('missing');
      expect(f.working_days).toBeGreaterThanOrEqual(config.min_working_days);
      expect(f.daily_reporting_rate).toBeLessThan(config.low_threshold);
    }
    // After the deadline the same rows make those without a report low: the rule has teeth.
    const due = await buildSanctions(engine, opts(wita('2026-12-06T00:00')));
    expect(due.final).toBe(true);
    expect(due.facilitators.filter((f) => f.monthly_report_status === 'missing').length).toBe(monthly.denominator - monthly.numerator);
    expect(due.low_count).toBeGreaterThan(sanctions.low_count);
  });
});
