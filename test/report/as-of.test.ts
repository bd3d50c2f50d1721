import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { isUserError } from '../../functions/lib/errors.js';
import {
  asOfJson,
  asOfParam,
  isClosed,
  latestFinalPeriod,
  parseAsOf,
  periodInFuture,
  reportTime,
} from '../../functions/report/reports/as-of.js';
import { wib, wita } from './fixtures/rows.js';

const cfg = structuredClone(DEFAULT_CONFIG) as PkhConfig;

describe('reportTime — REPORTS.md "Time of a report"', () => {
  it('tepat pada tenggat 23:59:59.000 belum jatuh tempo; sesudahnya jatuh tempo / exactly at the deadline is not yet due', () => {
    const deadline = wita('2026-11-05T23:59:59');
    expect(reportTime('2026-10', deadline, 'WITA', cfg)).toMatchObject({ due: false, final: false, deadline, today: '2026-11-05' });
    expect(reportTime('2026-10', deadline + 1, 'WITA', cfg)).toMatchObject({ due: true, final: true });
  });

  it('tenggat dalam waktu setempat: WIB satu jam setelah WITA / the deadline is local: WIB an hour after WITA', () => {
    const a = wita('2026-11-06T00:30'); // 23:30 WIB on the 5th
    expect(reportTime('2026-10', a, 'WITA', cfg).due).toBe(true);
    expect(reportTime('2026-10', a, 'WIB', cfg).due).toBe(false);
    expect(reportTime('2026-10', wib('2026-11-06T00:00'), 'WIB', cfg).due).toBe(true);
  });

  it('final: jatuh tempo dan semua hari kerja tertutup / final needs due and every working day closed', () => {
    // December 2026: last working day Dec 31 (Thu); deadline Jan 5; Dec 31 + 2 = Jan 2 < Jan 6.
    expect(reportTime('2026-12', wita('2027-01-06T08:00'), 'WITA', cfg)).toMatchObject({ due: true, final: true });
    // A report deadline before the grace of the last day ends: due but not final.
    const early = { ...cfg, report_deadline_day: 1 };
    expect(reportTime('2026-12', wita('2027-01-02T08:00'), 'WITA', early)).toMatchObject({ due: true, final: false });
    expect(reportTime('2026-12', wita('2027-01-03T00:00'), 'WITA', early)).toMatchObject({ due: true, final: true });
    // Mid-month: neither.
    expect(reportTime('2026-11', wita('2026-11-15T10:00'), 'WITA', cfg)).toMatchObject({ due: false, final: false, today: '2026-11-15' });
  });

  it('hari tertutup: d + grace_days < hari ini / a closed day', () => {
    expect(isClosed('2026-11-13', '2026-11-15', cfg)).toBe(false);
    expect(isClosed('2026-11-12', '2026-11-15', cfg)).toBe(true);
  });

  it('periode yang dimulai setelah hari ini (waktu setempat) ditolak / a period starting after today is refused', () => {
    // 2026-11-30T16:30Z is Dec 1 00:30 WITA but Nov 30 23:30 WIB.
    const a = Date.parse('2026-11-30T16:30:00Z');
    expect(periodInFuture('2026-12', a, 'WITA')).toBe(false);
    expect(periodInFuture('2026-12', a, 'WIB')).toBe(true);
    expect(periodInFuture('2026-11', a, 'WIB')).toBe(false);
  });

  it('bulan final terakhir / the latest final month', () => {
    expect(latestFinalPeriod(wita('2026-12-03T10:00'), 'WITA', cfg)).toBe('2026-10');
    expect(latestFinalPeriod(wita('2026-12-05T23:59:59'), 'WITA', cfg)).toBe('2026-10');
    expect(latestFinalPeriod(wita('2026-12-06T00:00'), 'WITA', cfg)).toBe('2026-11');
  });
});

describe('as-of text', () => {
  it('tanpa zona = waktu setempat kabupaten; dengan zona = instan itu / no offset is local time', () => {
    expect(parseAsOf('2026-11-05T23:59:59', 'WITA')).toBe(wita('2026-11-05T23:59:59'));
    expect(parseAsOf('2026-11-05 23:59:59.000', 'WIB')).toBe(wib('2026-11-05T23:59:59'));
    expect(parseAsOf('2026-11-05T16:00:00Z', 'WITA')).toBe(Date.parse('2026-11-05T16:00:00Z'));
    expect(parseAsOf('2026-11-06T00:00+08:00', 'WIB')).toBe(wita('2026-11-06T00:00'));
  });

  it('teks salah: satu baris UserError / a bad value is a one-line UserError', () => {
    for (const bad of ['kemarin', '2026-11-05', '2026-13-01T00:00', '2026-11-05T25:00']) {
      let err: unknown;
      try {
        parseAsOf(bad, 'WIB');
      } catch (e) {
        err = e;
      }
      expect(isUserError(err)).toBe(true);
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('JSON dan parameter SQL dalam UTC / JSON and the SQL parameter are UTC', () => {
    const a = wita('2026-11-05T23:59:59');
    expect(asOfJson(a)).toBe('2026-11-05T15:59:59.000Z');
    expect(asOfParam(a)).toBe('2026-11-05 15:59:59.000 UTC');
  });
});
