import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  COUNT_NAMES,
  DEFAULT_CONFIG,
  loadConfig,
  parseConfig,
  RANKING_COMPONENTS,
  RATE_INDICATORS,
  REPORT_CONFIG_KEYS,
  reportConfig,
  THRESHOLD_INDICATORS,
} from '../../functions/lib/config.js';
import { UserError } from '../../functions/lib/errors.js';

/** Runs parseConfig and returns the UserError it throws (fails the test if none). */
function errorOf(json: unknown, source = 'pkh.json'): UserError {
  try {
    parseConfig(json, source);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    const e = err as UserError;
    expect(e.message).not.toContain('\n');
    expect(e.message).toContain(' / ');
    return e;
  }
  throw new Error('expected parseConfig to throw');
}

describe('defaults', () => {
  it('match REPORTS.md and SYSTEM.md', () => {
    const cfg = parseConfig({}, 'pkh.json');
    expect(cfg.expected_roles).toEqual(['pendamping', 'apd']);
    expect(cfg.grace_days).toBe(2);
    expect(cfg.report_deadline_day).toBe(5);
    expect(cfg.low_threshold).toBe(0.8);
    expect(cfg.min_working_days).toBe(5);
    expect(cfg.sanction_ladder).toEqual(['teguran_lisan', 'sp1', 'sp2', 'sp3']);
    expect(cfg.tiers).toEqual([4, 6]);
    expect(cfg.extra_holidays).toEqual([]);
    expect(cfg.extra_working_days).toEqual([]);
    expect(cfg.weights).toEqual({
      dtks_share: 0.25,
      extreme_poverty_share: 0.35,
      coverage_gap: 0.3,
      disbursement_failure_rate: 0.1,
    });
    expect(cfg.limits).toEqual({
      max_file_bytes: 1073741824,
      max_rows: 5000000,
      max_xlsx_uncompressed_bytes: 536870912,
    });
    expect(cfg).toEqual(DEFAULT_CONFIG);
  });

  it('give every configurable indicator its default pair', () => {
    const t = DEFAULT_CONFIG.thresholds;
    expect(Object.keys(t)).toEqual(THRESHOLD_INDICATORS);
    expect(t.daily_reporting_rate).toEqual({ green: 0.9, amber: 0.8 });
    expect(t.daily_reporting_on_time_rate).toEqual({ green: 0.9, amber: 0.8 });
    expect(t.complaint_resolution_rate).toEqual({ green: 0.8, amber: 0.6 });
    for (const i of [
      'monthly_report_rate',
      'monthly_report_on_time_rate',
      'kpm_verification_rate',
      'p2k2_attendance_rate',
      'disbursement_rate',
      'reconciliation_rate',
      'field_verification_rate',
    ] as const) {
      expect(t[i]).toEqual({ green: 0.9, amber: 0.75 });
    }
    expect('desa_coordination_coverage' in t).toBe(false);
  });

  it('are frozen, and loadConfig() without a file returns a mutable copy', async () => {
    expect(Object.isFrozen(DEFAULT_CONFIG.thresholds.disbursement_rate)).toBe(true);
    const cfg = await loadConfig();
    cfg.grace_days = 9;
    cfg.thresholds.disbursement_rate.green = 0.5;
    expect(DEFAULT_CONFIG.grace_days).toBe(2);
    expect(DEFAULT_CONFIG.thresholds.disbursement_rate.green).toBe(0.9);
  });

  it('export indicator, count and component names in REPORTS.md order', () => {
    expect(RATE_INDICATORS).toHaveLength(11);
    expect(RATE_INDICATORS[0]).toBe('monthly_report_rate');
    expect(RATE_INDICATORS[7]).toBe('desa_coordination_coverage');
    expect(RATE_INDICATORS[10]).toBe('field_verification_rate');
    expect(THRESHOLD_INDICATORS).toHaveLength(10);
    expect(COUNT_NAMES).toEqual(['card_custody_flags', 'dtks_updates', 'graduations', 'kecamatan_meeting_days']);
    expect(RANKING_COMPONENTS).toEqual(['dtks_share', 'extreme_poverty_share', 'coverage_gap', 'disbursement_failure_rate']);
  });
});

describe('merging a file over the defaults', () => {
  it('replaces top-level keys whole', () => {
    const cfg = parseConfig(
      { expected_roles: ['korkab'], sanction_ladder: ['sp1'], tiers: [2, 3], extra_holidays: ['2026-08-18'] },
      'pkh.json',
    );
    expect(cfg.expected_roles).toEqual(['korkab']);
    expect(cfg.sanction_ladder).toEqual(['sp1']);
    expect(cfg.tiers).toEqual([2, 3]);
    expect(cfg.extra_holidays).toEqual(['2026-08-18']);
    expect(cfg.grace_days).toBe(2);
  });

  it('merges thresholds per indicator, the given pair replacing the default pair', () => {
    const cfg = parseConfig({ thresholds: { disbursement_rate: { green: 0.95, amber: 0.5 } } }, 'pkh.json');
    expect(cfg.thresholds.disbursement_rate).toEqual({ green: 0.95, amber: 0.5 });
    expect(cfg.thresholds.daily_reporting_rate).toEqual({ green: 0.9, amber: 0.8 });
    expect(Object.keys(cfg.thresholds)).toEqual(THRESHOLD_INDICATORS);
  });

  it('merges weights per component', () => {
    const cfg = parseConfig({ weights: { coverage_gap: 0.5, dtks_share: 0 } }, 'pkh.json');
    expect(cfg.weights).toEqual({
      dtks_share: 0,
      extreme_poverty_share: 0.35,
      coverage_gap: 0.5,
      disbursement_failure_rate: 0.1,
    });
  });

  it('merges limits per limit', () => {
    const cfg = parseConfig({ limits: { max_rows: 10 } }, 'pkh.json');
    expect(cfg.limits).toEqual({ ...DEFAULT_CONFIG.limits, max_rows: 10 });
  });

  it('accepts an extra working day that is also an extra holiday (working day wins in the calendar)', () => {
    const cfg = parseConfig({ extra_holidays: ['2026-08-22'], extra_working_days: ['2026-08-22'] }, 'pkh.json');
    expect(cfg.extra_working_days).toEqual(['2026-08-22']);
  });
});

describe('reportConfig', () => {
  it('returns the 12 report keys in SYSTEM.md order without limits', () => {
    const rc = reportConfig(parseConfig({ limits: { max_rows: 3 }, grace_days: 1 }, 'pkh.json'));
    expect(Object.keys(rc)).toEqual([...REPORT_CONFIG_KEYS]);
    expect(Object.keys(rc)).toHaveLength(12);
    expect('limits' in rc).toBe(false);
    expect(rc.grace_days).toBe(1);
  });

  it('prints the same JSON whatever the key order of the file', () => {
    const a = parseConfig({ grace_days: 3, weights: { coverage_gap: 0.2, dtks_share: 0.1 } }, 'a.json');
    const b = parseConfig({ weights: { dtks_share: 0.1, coverage_gap: 0.2 }, grace_days: 3 }, 'b.json');
    expect(JSON.stringify(reportConfig(a))).toBe(JSON.stringify(reportConfig(b)));
  });
});

describe('bad config values, each one clear line with file and key path', () => {
  it('rejects an unknown top-level key and lists the allowed keys', () => {
    const e = errorOf({ grace_day: 2 }, 'conf/pkh.json');
    expect(e.message).toMatch(/^Konfigurasi conf\/pkh\.json: kunci "grace_day" tidak dikenal/);
    expect(e.message).toContain('unknown key "grace_day"');
    expect(e.message).toContain('grace_days');
    expect(e.code).toBe('invalid_config');
  });

  it('rejects desa_coordination_coverage thresholds as not configurable', () => {
    const e = errorOf({ thresholds: { desa_coordination_coverage: { green: 0.5, amber: 0.3 } } });
    expect(e.message).toContain('"thresholds.desa_coordination_coverage"');
    expect(e.message).toContain('not configurable');
    expect(e.message).toContain('tidak dapat diatur');
  });

  it('rejects an unknown indicator, component or limit', () => {
    expect(errorOf({ thresholds: { daily_rate: { green: 1, amber: 1 } } }).message).toContain('"thresholds.daily_rate"');
    expect(errorOf({ weights: { poverty: 1 } }).message).toContain('unknown key "weights.poverty"');
    expect(errorOf({ limits: { max_bytes: 1 } }).message).toContain('unknown key "limits.max_bytes"');
    expect(errorOf({ thresholds: { disbursement_rate: { green: 1, amber: 0.5, red: 0 } } }).message).toContain(
      '"thresholds.disbursement_rate.red"',
    );
  });

  it('rejects a role outside pendamping/apd/korkab/korwil', () => {
    const e = errorOf({ expected_roles: ['pendamping', 'kepala'] });
    expect(e.message).toContain('"expected_roles.1"');
    expect(e.message).toContain('"kepala"');
    expect(e.message).toContain('pendamping, apd, korkab, korwil');
  });

  it('rejects an empty role list and an empty sanction ladder', () => {
    expect(errorOf({ expected_roles: [] }).message).toContain('"expected_roles"');
    expect(errorOf({ sanction_ladder: [] }).message).toContain('non-empty list');
    expect(errorOf({ sanction_ladder: ['sp1', ''] }).message).toContain('"sanction_ladder.1"');
  });

  it('rejects amber above green', () => {
    const e = errorOf({ thresholds: { kpm_verification_rate: { green: 0.7, amber: 0.8 } } });
    expect(e.message).toContain('"thresholds.kpm_verification_rate"');
    expect(e.message).toContain('amber (0.8) is greater than green (0.7)');
  });

  it('rejects a threshold pair with a key missing or not a number', () => {
    expect(errorOf({ thresholds: { disbursement_rate: { green: 0.9 } } }).message).toContain(
      'key "thresholds.disbursement_rate.amber" is required',
    );
    expect(errorOf({ thresholds: { disbursement_rate: { green: '90%', amber: 0.7 } } }).message).toContain(
      'invalid value at "thresholds.disbursement_rate.green" ("90%")',
    );
    expect(errorOf({ thresholds: { disbursement_rate: 0.9 } }).message).toContain(
      '"thresholds.disbursement_rate" (0.9)',
    );
  });

  it('rejects negative weights and all-zero weights', () => {
    expect(errorOf({ weights: { coverage_gap: -0.1 } }).message).toContain('"weights.coverage_gap" (-0.1)');
    const e = errorOf({
      weights: { dtks_share: 0, extreme_poverty_share: 0, coverage_gap: 0, disbursement_failure_rate: 0 },
    });
    expect(e.message).toContain('every weight is 0');
  });

  it('rejects tiers that are negative, fractional or not two numbers', () => {
    expect(errorOf({ tiers: [4, -1] }).message).toContain('"tiers.1" (-1)');
    expect(errorOf({ tiers: [4.5, 6] }).message).toContain('"tiers.0" (4.5)');
    expect(errorOf({ tiers: [4] }).message).toContain('"tiers"');
    expect(errorOf({ tiers: '4,6' }).message).toContain('two integers');
  });

  it('rejects out-of-range numbers', () => {
    expect(errorOf({ low_threshold: 1.5 }).message).toContain('"low_threshold" (1.5)');
    expect(errorOf({ grace_days: -1 }).message).toContain('"grace_days" (-1)');
    expect(errorOf({ grace_days: 1.5 }).message).toContain('"grace_days"');
    expect(errorOf({ report_deadline_day: 31 }).message).toContain('1–28');
    expect(errorOf({ min_working_days: null }).message).toContain('"min_working_days" (null)');
    expect(errorOf({ limits: { max_rows: 0 } }).message).toContain('"limits.max_rows" (0)');
  });

  it('rejects impossible or malformed dates', () => {
    expect(errorOf({ extra_holidays: ['2026-02-30'] }).message).toContain('"extra_holidays.0" ("2026-02-30")');
    expect(errorOf({ extra_working_days: ['2026-8-22'] }).message).toContain('"extra_working_days.0"');
    expect(errorOf({ extra_holidays: '2026-08-18' }).message).toContain('"extra_holidays"');
  });

  it('rejects a file that is not a JSON object', () => {
    expect(errorOf([1, 2]).message).toContain('a JSON object');
    expect(errorOf(null).message).toContain('the file content must be a JSON object {…} (got null)');
  });

  it('mentions how many more problems there are', () => {
    expect(errorOf({ grace_days: -1, low_threshold: 2 }).message).toContain('(+1 more problems)');
  });
});

describe('loadConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pkh-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and merges a valid file, with or without a BOM', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, '\uFEFF{"grace_days": 3, "weights": {"coverage_gap": 0.4}}');
    const cfg = await loadConfig(file);
    expect(cfg.grace_days).toBe(3);
    expect(cfg.weights.coverage_gap).toBe(0.4);
    expect(cfg.weights.dtks_share).toBe(0.25);
  });

  it('names the file when it does not exist', async () => {
    const file = join(dir, 'missing.json');
    await expect(loadConfig(file)).rejects.toThrow(`Berkas konfigurasi ${file} tidak ditemukan`);
    await expect(loadConfig(file)).rejects.toMatchObject({ code: 'config_not_found' });
  });

  it('names the file when it is not valid JSON', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"grace_days": 3,}');
    const err = await loadConfig(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain(`Config file ${file} is not valid JSON`);
    expect((err as UserError).message).not.toContain('\n');
  });

  it('rejects an empty file and a folder', async () => {
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    await expect(loadConfig(empty)).rejects.toThrow(/not valid JSON/);
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    await expect(loadConfig(folder)).rejects.toThrow(/is a folder/);
  });

  it('reports a bad value with the file name', async () => {
    const file = join(dir, 'roles.json');
    writeFileSync(file, '{"expected_roles": ["kader"]}');
    await expect(loadConfig(file)).rejects.toThrow(`Config ${file}: invalid value at "expected_roles.0" ("kader")`);
  });
});
