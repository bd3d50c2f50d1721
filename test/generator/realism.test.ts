import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, generateRows, toRawCells } from '../../functions/generator/index.js';
import { workingDays, NO_EXTRA_DAYS } from '../../functions/lib/calendar.js';
import { addDays, deadlineUtcMs, localDateOf } from '../../functions/lib/localtime.js';
import { desaOf, kecamatanOf } from '../../functions/lib/wilayah.js';
import { ACTIVITY_TYPES } from '../../schemas/activity-log.js';
import { getDataset, type Row } from '../../schemas/index.js';
import { KUTAI_KARTANEGARA as K, NOW, readCsv, typed } from './helpers.js';

const PERIODS = ['2026-08', '2026-09', '2026-10'];
let dir: string;
const raw: Record<string, Record<string, string>[]> = {};
const rows: Record<string, Row[]> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pkh-gen-real-'));
  const r = await generate({ kabupaten: K, months: 3, endPeriod: '2026-10', now: NOW, seed: 5, outDir: dir });
  for (const d of ['roster', 'monthly_report', 'activity_log', 'disbursement', 'kecamatan_profile'] as const) {
    raw[d] = await readCsv(r.files[d]);
    rows[d] = typed(d, raw[d]);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const share = (n: number, d: number) => n / d;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

describe('roster', () => {
  it('has pendamping in all 20 kecamatan of Kutai Kartanegara, one korkab, and APD per ~10 pendamping', () => {
    const pendamping = rows.roster.filter((r) => r.role === 'pendamping');
    const apd = rows.roster.filter((r) => r.role === 'apd');
    const korkab = rows.roster.filter((r) => r.role === 'korkab');
    expect(new Set(pendamping.map((r) => r.kecamatan_code))).toEqual(new Set(kecamatanOf(K).map((k) => k.code)));
    expect(kecamatanOf(K)).toHaveLength(20);
    expect(korkab).toEqual([expect.objectContaining({ facilitator_id: 'KK-6402-01', kecamatan_code: null, supervisor_id: null })]);
    expect([...pendamping, ...apd].every((r) => r.supervisor_id === 'KK-6402-01')).toBe(true);
    expect(pendamping.every((r) => /^PD-6402-\d{4}$/.test(r.facilitator_id as string))).toBe(true);
    expect(apd.every((r) => /^APD-6402-\d{3}$/.test(r.facilitator_id as string))).toBe(true);
    const ids = new Set(pendamping.map((r) => r.facilitator_id));
    expect(apd.length).toBe(Math.round(ids.size / 10));
  });

  it('holds a mid-month move (old row ends on X, new row starts X + 1 elsewhere), an arrival and a departure', () => {
    const byId = groupBy(rows.roster, (r) => r.facilitator_id as string);
    const moves = [...byId.values()].filter((list) => {
      if (list.length !== 2) return false;
      const [a, b] = [...list].sort((x, y) => ((x.active_from as string) < (y.active_from as string) ? -1 : 1));
      return addDays(a.active_to as string, 1) === b.active_from && a.kecamatan_code !== b.kecamatan_code;
    });
    const inRange = (d: unknown) => typeof d === 'string' && d >= '2026-08-01' && d <= '2026-10-31';
    const arrivals = rows.roster.filter((r) => inRange(r.active_from) && (r.active_from as string).slice(8) !== '01' && byId.get(r.facilitator_id as string)!.length === 1);
    const departures = [...byId.values()].filter((list) => list.length === 1 && inRange(list[0].active_to));
    expect(moves.length).toBeGreaterThanOrEqual(1);
    expect(arrivals.length).toBeGreaterThanOrEqual(1);
    expect(departures.length).toBeGreaterThanOrEqual(1);
  });

  it('gives each pendamping about 250 families', () => {
    const sept = rows.monthly_report.filter((r) => r.period === '2026-09' && (r.facilitator_id as string).startsWith('PD-'));
    const mean = sept.reduce((s, r) => s + (r.kpm_assigned as number), 0) / sept.length;
    expect(mean).toBeGreaterThan(180);
    expect(mean).toBeLessThan(320);
  });
});

describe('monthly_report', () => {
  it('is mostly on time, with late, missing and corrected (resubmitted) reports', () => {
    const expected = rows.roster.filter((r) => r.role === 'pendamping' || r.role === 'apd');
    const status = { on_time: 0, late: 0, missing: 0 };
    for (const period of PERIODS) {
      const [y, m] = period.split('-').map(Number);
      const deadline = deadlineUtcMs(`${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-05`, 'WITA');
      const active = new Set(
        expected
          .filter((r) => (r.active_from as string) <= `${period}-31` && (r.active_to === null || (r.active_to as string) >= `${period}-01`))
          .map((r) => r.facilitator_id),
      );
      for (const id of active) {
        const sent = rows.monthly_report.filter((r) => r.facilitator_id === id && r.period === period).map((r) => r.submitted_at as number);
        if (sent.length === 0) status.missing++;
        else if (Math.min(...sent) <= deadline) status.on_time++;
        else status.late++;
      }
    }
    const total = status.on_time + status.late + status.missing;
    expect(share(status.on_time, total)).toBeGreaterThan(0.75);
    expect(status.late).toBeGreaterThan(0);
    expect(status.missing).toBeGreaterThan(0);
    const keys = groupBy(rows.monthly_report, (r) => `${r.facilitator_id}|${r.period}`);
    const corrected = [...keys.values()].filter((l) => l.length > 1);
    expect(corrected.length).toBeGreaterThan(0);
  });

  it('writes submitted_at in local time mostly, and some with +08:00 or Z', () => {
    const cells = raw.monthly_report.map((r) => r.submitted_at);
    expect(cells.filter((c) => /^\d{4}-\d{2}-\d{2}[ T][\d:]+$/.test(c)).length).toBeGreaterThan(cells.length * 0.6);
    expect(cells.some((c) => c.endsWith('+08:00'))).toBe(true);
    expect(cells.some((c) => c.endsWith('Z'))).toBe(true);
  });
});

describe('activity_log', () => {
  it('uses all 13 activity types, with a desa wherever the type needs one', () => {
    expect(new Set(rows.activity_log.map((r) => r.activity_type))).toEqual(new Set(ACTIVITY_TYPES));
    const needsDesa = rows.activity_log.filter((r) => ['koordinasi_desa', 'p2k2', 'kunjungan_rumah'].includes(r.activity_type as string));
    expect(needsDesa.every((r) => typeof r.desa_code === 'string')).toBe(true);
  });

  it('shows most facilitators reporting on 90%+ of working days and a minority far below', () => {
    const full = rows.roster.filter((r) => r.role === 'pendamping' && r.active_to === null && (r.active_from as string) < '2026-08-01');
    const rates: number[] = [];
    for (const period of PERIODS) {
      const days = new Set(workingDays(period, NO_EXTRA_DAYS));
      for (const f of full) {
        const reported = new Set(rows.activity_log.filter((a) => a.facilitator_id === f.facilitator_id && days.has(a.activity_date as string)).map((a) => a.activity_date));
        rates.push(reported.size / days.size);
      }
    }
    rates.sort((a, b) => a - b);
    expect(rates[Math.floor(rates.length / 2)]).toBeGreaterThanOrEqual(0.9);
    const low = rates.filter((r) => r < 0.8).length;
    expect(low).toBeGreaterThan(0);
    expect(share(low, rates.length)).toBeLessThan(0.2);
  });

  it('is sent the same day or within two days mostly, some later, and some activities are corrected', () => {
    const first = new Map<string, Row>();
    for (const r of rows.activity_log) {
      const seen = first.get(r.activity_id as string);
      if (!seen || (r.submitted_at as number) < (seen.submitted_at as number)) first.set(r.activity_id as string, r);
    }
    const lag = [...first.values()].map((r) => (Date.parse(localDateOf(r.submitted_at as number, 'WITA')) - Date.parse(r.activity_date as string)) / 86_400_000);
    expect(share(lag.filter((d) => d <= 2).length, lag.length)).toBeGreaterThan(0.85);
    expect(lag.some((d) => d >= 3)).toBe(true);
    expect(first.size).toBeLessThan(rows.activity_log.length);
  });

  it('holds kecamatan meetings on a few shared days a month', () => {
    const meetings = groupBy(
      rows.activity_log.filter((r) => r.activity_type === 'koordinasi_kecamatan' && (r.facilitator_id as string).startsWith('PD-')),
      (r) => `${r.kecamatan_code}|${(r.activity_date as string).slice(0, 7)}`,
    );
    const dayCounts = [...meetings.values()].map((l) => new Set(l.map((r) => r.activity_date)).size);
    const median = dayCounts.sort((a, b) => a - b)[Math.floor(dayCounts.length / 2)];
    expect(median).toBeGreaterThanOrEqual(2);
    expect(median).toBeLessThanOrEqual(6);
  });

  it('reaches more desa with village coordination as the year goes on', () => {
    const opts = { kabupaten: K, months: 10, endPeriod: '2026-10', now: NOW, seed: 5 };
    const covered = new Map<string, Set<string>>();
    const dataset = getDataset('activity_log');
    for (const g of generateRows('activity_log', opts)) {
      const res = dataset.validate(toRawCells('activity_log', g.cells), { now: NOW });
      if (!res.ok || res.row.activity_type !== 'koordinasi_desa') continue;
      const month = (res.row.activity_date as string).slice(0, 7);
      if (!covered.has(month)) covered.set(month, new Set());
      covered.get(month)!.add(res.row.desa_code as string);
    }
    const allDesa = kecamatanOf(K).flatMap((k) => desaOf(k.code)).length;
    const upTo = (month: string) => new Set([...covered].filter(([m]) => m <= month).flatMap(([, s]) => [...s])).size / allDesa;
    expect(upTo('2026-03')).toBeLessThan(upTo('2026-10'));
    expect(upTo('2026-03')).toBeLessThan(0.5);
    expect(upTo('2026-10')).toBeGreaterThan(0.6);
  });
});

describe('disbursement', () => {
  it('has every status, program and channel, PKH stage in October and monthly BPNT', () => {
    const d = rows.disbursement;
    expect(new Set(d.map((r) => r.status))).toEqual(new Set(['salur', 'proses', 'gagal', 'retur']));
    expect(new Set(d.map((r) => r.program))).toEqual(new Set(['PKH', 'BPNT', 'PERMAKANAN']));
    expect(new Set(d.map((r) => r.channel))).toEqual(new Set(['BRI', 'BNI', 'MANDIRI', 'BSI', 'BTN', 'POS']));
    const pkh = d.filter((r) => r.program === 'PKH');
    expect(new Set(pkh.map((r) => `${r.period}/${r.tahap}`))).toEqual(new Set(['2026-10/4']));
    expect(pkh.every((r) => (r.amount_allocated as number) % 25_000 === 0 && (r.amount_allocated as number) >= 225_000)).toBe(true);
    expect(d.filter((r) => r.program === 'BPNT').every((r) => r.amount_allocated === 200_000 && r.tahap === Number((r.period as string).slice(5)))).toBe(true);
  });

  it('is mostly reconciled, far less often verified in the field, with ~3% cards held by others', () => {
    const salur = rows.disbursement.filter((r) => r.status === 'salur');
    const reconciled = share(salur.filter((r) => r.reconciled).length, salur.length);
    const field = share(salur.filter((r) => r.field_verified).length, salur.length);
    const pkh = rows.disbursement.filter((r) => r.program === 'PKH');
    const cards = share(pkh.filter((r) => r.card_held_by_third_party).length, pkh.length);
    expect(share(salur.length, rows.disbursement.length)).toBeGreaterThan(0.85);
    expect(reconciled).toBeGreaterThan(0.7);
    expect(field).toBeLessThan(reconciled - 0.2);
    expect(field).toBeGreaterThan(0.05);
    expect(cards).toBeGreaterThan(0.01);
    expect(cards).toBeLessThan(0.06);
  });

  it('uses pseudonymous KPM ids and writes some amounts with thousands separators and some dates as DD/MM/YYYY', () => {
    expect(rows.disbursement.every((r) => /^KPM-6402-\d{6}$/.test(r.kpm_id as string))).toBe(true);
    expect(raw.disbursement.some((r) => /^\d{1,3}(\.\d{3})+$/.test(r.amount_allocated))).toBe(true);
    expect(raw.disbursement.some((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r.disbursed_at))).toBe(true);
    expect(raw.disbursement.some((r) => ['ya', 'tidak', 'Y', 'N', '1', '0'].includes(r.reconciled))).toBe(true);
  });
});

describe('kecamatan_profile', () => {
  it('has one row per kecamatan for the year before the range and each year of it, consistent and growing', () => {
    const p = rows.kecamatan_profile;
    expect(p).toHaveLength(20 * 2);
    for (const r of p) {
      expect(r.extreme_poor_households as number).toBeLessThanOrEqual(r.dtks_households as number);
      expect(r.dtks_households as number).toBeLessThanOrEqual(r.households as number);
      expect(r.households as number).toBeLessThan(r.population as number);
    }
    for (const k of kecamatanOf(K)) {
      const [a, b] = [2025, 2026].map((y) => p.find((r) => r.kecamatan_code === k.code && r.year === y)!);
      expect(b.population as number).toBeGreaterThan(a.population as number);
    }
  });
});

describe('free text', () => {
  it('carries formula and script payloads and NIK-like numbers in valid rows, stored as text (NIK masked)', () => {
    const texts = [
      ...rows.activity_log.map((r) => r.description),
      ...rows.monthly_report.map((r) => r.notes),
      ...rows.roster.map((r) => r.full_name),
    ].filter((t): t is string => typeof t === 'string');
    expect(texts.some((t) => t.startsWith('=HYPERLINK(') || t.includes('<script>') || t.startsWith('<img'))).toBe(true);
    expect(texts.some((t) => t.includes('************'))).toBe(true);
  });
});

describe('nothing after now', () => {
  it('leaves out reports not yet sent and keeps unpaid stages in proses when now is 3 November', async () => {
    // Prepare
    const now = Date.parse('2026-11-03T03:00:00Z');
    const today = localDateOf(now, 'WITA');
    const opts = { kabupaten: K, months: 2, endPeriod: '2026-10', now, seed: 5 };
    const validate = (d: 'monthly_report' | 'activity_log' | 'disbursement') =>
      [...generateRows(d, opts)].map((g) => {
        const res = getDataset(d).validate(toRawCells(d, g.cells), { now });
        if (!res.ok) throw new Error(JSON.stringify(res.errors));
        return res.row;
      });
    // Act
    const monthly = validate('monthly_report');
    const activity = validate('activity_log');
    const disb = validate('disbursement');
    // Assess
    expect(monthly.every((r) => (r.submitted_at as number) <= now)).toBe(true);
    expect(activity.every((r) => (r.submitted_at as number) <= now && (r.activity_date as string) <= today)).toBe(true);
    expect(disb.every((r) => r.disbursed_at === null || (r.disbursed_at as string) <= today)).toBe(true);
    const oct = monthly.filter((r) => r.period === '2026-10').length;
    const sep = monthly.filter((r) => r.period === '2026-09').length;
    expect(oct).toBeGreaterThan(0);
    expect(oct).toBeLessThan(sep * 0.8);
    const octPkh = disb.filter((r) => r.period === '2026-10' && r.program === 'PKH');
    // The October stage pays from 5 October to 10 November: the days after today are still proses.
    expect(share(octPkh.filter((r) => r.status === 'proses').length, octPkh.length)).toBeGreaterThan(0.1);
  });
});
