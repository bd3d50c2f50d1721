import { describe, expect, it } from 'vitest';
import {
  addDays,
  datesOf,
  dayOfWeek,
  daysInMonth,
  deadlineUtcMs,
  firstDay,
  isValidDate,
  lastDay,
  localDateOf,
  localToUtcMs,
  monthOf,
  offsetMinutes,
  periodAdd,
  zoneOfProvince,
} from '../../functions/lib/localtime.js';

describe('zoneOfProvince', () => {
  it('maps every WITA and WIT province of DATA.md, everything else to WIB', () => {
    for (const p of ['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76']) {
      expect(zoneOfProvince(p)).toBe('WITA');
    }
    for (const p of ['81', '82', '91', '92', '93', '94', '95', '96', '97']) {
      expect(zoneOfProvince(p)).toBe('WIT');
    }
    for (const p of ['11', '31', '33', '36', '61', '62']) expect(zoneOfProvince(p)).toBe('WIB');
  });

  it('uses the first two digits of longer codes', () => {
    expect(zoneOfProvince('64.02')).toBe('WITA');
    expect(zoneOfProvince('64.02.01.2001')).toBe('WITA');
    expect(zoneOfProvince('94.01')).toBe('WIT');
    expect(zoneOfProvince('33.10')).toBe('WIB');
  });
});

describe('offsets and conversions', () => {
  it('gives fixed offsets 7, 8, 9 hours', () => {
    expect(offsetMinutes('WIB')).toBe(420);
    expect(offsetMinutes('WITA')).toBe(480);
    expect(offsetMinutes('WIT')).toBe(540);
  });

  it('puts the deadline 2026-11-05 23:59:59 WITA at 15:59:59Z', () => {
    expect(new Date(deadlineUtcMs('2026-11-05', 'WITA')).toISOString()).toBe('2026-11-05T15:59:59.000Z');
    expect(new Date(deadlineUtcMs('2026-11-05', 'WIB')).toISOString()).toBe('2026-11-05T16:59:59.000Z');
    expect(new Date(deadlineUtcMs('2026-11-05', 'WIT')).toISOString()).toBe('2026-11-05T14:59:59.000Z');
  });

  it('counts 00:01 WITA on day 6 as after the day-5 deadline', () => {
    const submitted = localToUtcMs('2026-11-06T00:01', 'WITA');
    expect(submitted).toBeGreaterThan(deadlineUtcMs('2026-11-05', 'WITA'));
    expect(localToUtcMs('2026-11-05T23:59:59', 'WITA')).toBe(deadlineUtcMs('2026-11-05', 'WITA'));
  });

  it('finds the local date on both sides of local midnight in each zone', () => {
    // 16:59:59Z is still 23:59:59 on the 5th in WIB; 17:00Z is the 6th in WIB.
    expect(localDateOf(Date.parse('2026-11-05T16:59:59Z'), 'WIB')).toBe('2026-11-05');
    expect(localDateOf(Date.parse('2026-11-05T17:00:00Z'), 'WIB')).toBe('2026-11-06');
    expect(localDateOf(Date.parse('2026-11-05T15:59:59Z'), 'WITA')).toBe('2026-11-05');
    expect(localDateOf(Date.parse('2026-11-05T16:00:00Z'), 'WITA')).toBe('2026-11-06');
    expect(localDateOf(Date.parse('2026-11-05T14:59:59Z'), 'WIT')).toBe('2026-11-05');
    expect(localDateOf(Date.parse('2026-11-05T15:00:00Z'), 'WIT')).toBe('2026-11-06');
  });

  it('crosses a year boundary', () => {
    expect(localDateOf(Date.parse('2025-12-31T15:00:00Z'), 'WIT')).toBe('2026-01-01');
    expect(new Date(localToUtcMs('2026-01-01T00:00', 'WIT')).toISOString()).toBe('2025-12-31T15:00:00.000Z');
  });

  it('accepts seconds, fractions, a space separator and a bare date', () => {
    expect(localToUtcMs('2026-03-01T08:30:15.250', 'WIB')).toBe(Date.parse('2026-03-01T01:30:15.250Z'));
    expect(localToUtcMs('2026-03-01 08:30', 'WIB')).toBe(Date.parse('2026-03-01T01:30:00Z'));
    expect(localToUtcMs('2026-03-01', 'WIB')).toBe(Date.parse('2026-02-28T17:00:00Z'));
  });

  it('rejects impossible or malformed local times', () => {
    expect(() => localToUtcMs('2026-02-30T10:00', 'WIB')).toThrow(/Impossible/);
    expect(() => localToUtcMs('2026-01-01T24:00', 'WIB')).toThrow(/Impossible/);
    expect(() => localToUtcMs('2026-13-01T10:00', 'WIB')).toThrow(/Impossible/);
    expect(() => localToUtcMs('01/02/2026', 'WIB')).toThrow(/Not a local/);
  });
});

describe('date arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 2)).toBe('2027-01-02');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-10', 0)).toBe('2026-03-10');
  });

  it('gives the day of week with Sunday 0', () => {
    expect(dayOfWeek('2026-08-17')).toBe(1); // Monday
    expect(dayOfWeek('2026-08-15')).toBe(6);
    expect(dayOfWeek('2026-08-16')).toBe(0);
  });

  it('moves periods forward and back across years', () => {
    expect(periodAdd('2026-01', -1)).toBe('2025-12');
    expect(periodAdd('2026-03', -12)).toBe('2025-03');
    expect(periodAdd('2026-12', 1)).toBe('2027-01');
    expect(periodAdd('2026-05', -11)).toBe('2025-06');
    expect(periodAdd('2026-05', -29)).toBe('2023-12');
    expect(periodAdd('2026-05', 0)).toBe('2026-05');
  });

  it('gives first and last days and lengths of months', () => {
    expect(monthOf('2026-08-17')).toBe('2026-08');
    expect(firstDay('2026-02')).toBe('2026-02-01');
    expect(lastDay('2026-02')).toBe('2026-02-28');
    expect(lastDay('2024-02')).toBe('2024-02-29');
    expect(lastDay('2026-04')).toBe('2026-04-30');
    expect(daysInMonth('2026-12')).toBe(31);
    expect(datesOf('2026-02')).toHaveLength(28);
    expect(datesOf('2026-02')[27]).toBe('2026-02-28');
  });

  it('validates dates and rejects malformed periods', () => {
    expect(isValidDate('2026-02-28')).toBe(true);
    expect(isValidDate('2026-02-30')).toBe(false);
    expect(isValidDate('2026-2-3')).toBe(false);
    expect(() => periodAdd('2026-13', 1)).toThrow();
    expect(() => daysInMonth('2026')).toThrow();
  });
});
