import { describe, expect, it } from 'vitest';
import {
  isWorkingDay,
  NO_EXTRA_DAYS,
  publicHolidays,
  workingDays,
  workingDaysBetween,
} from '../../functions/lib/calendar.js';
import { computePublicHolidays, holidayTable } from '../../functions/lib/public-holidays.js';

describe('publicHolidays', () => {
  it('lists Indonesian public holidays of 2026 by local date', () => {
    const h = publicHolidays(2026);
    expect(h.get('2026-08-17')).toMatch(/Kemerdekaan/);
    expect(h.get('2026-01-01')).toBeDefined();
    expect(h.get('2026-12-25')).toBeDefined();
    // Holidays that date-holidays stamps with an offset ("2026-03-20 00:00:00 -0600") keep their date.
    expect(h.get('2026-03-20')).toMatch(/Idul Fitri/);
    expect([...h.keys()].every((d) => /^2026-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect([...h.keys()]).toEqual([...h.keys()].sort());
  });

  it('keeps two holidays on one date as one entry with both names', () => {
    const h = publicHolidays(2027);
    expect(h.get('2027-12-25')).toContain(' / ');
  });

  it('returns a copy so callers cannot change the cache', () => {
    publicHolidays(2026).delete('2026-08-17');
    expect(publicHolidays(2026).has('2026-08-17')).toBe(true);
  });
});

describe('holidayTable (what the compiled CLI carries instead of loading date-holidays)', () => {
  it('holds for each year exactly the holidays computed for it', () => {
    const table = holidayTable(2025, 2028);
    expect(Object.keys(table)).toEqual(['2025', '2026', '2027', '2028']);
    for (const year of [2025, 2026, 2027, 2028]) {
      expect(new Map(table[year])).toEqual(computePublicHolidays(year));
      expect(new Map(table[year])).toEqual(publicHolidays(year));
    }
  });

  it('survives the JSON the build writes into the bundle', () => {
    const table = holidayTable(2026, 2026);
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
  });
});

describe('isWorkingDay', () => {
  it('treats Independence Day 2026-08-17 (a Monday) as a holiday', () => {
    expect(isWorkingDay('2026-08-17', NO_EXTRA_DAYS)).toBe(false);
    expect(isWorkingDay('2026-08-18', NO_EXTRA_DAYS)).toBe(true);
  });

  it('treats Saturdays and Sundays as non-working days', () => {
    expect(isWorkingDay('2026-08-15', NO_EXTRA_DAYS)).toBe(false);
    expect(isWorkingDay('2026-08-16', NO_EXTRA_DAYS)).toBe(false);
    expect(isWorkingDay('2026-08-14', NO_EXTRA_DAYS)).toBe(true);
  });

  it('applies extra holidays (cuti bersama) and extra working days (a Saturday)', () => {
    const cfg = { extra_holidays: ['2026-08-18'], extra_working_days: ['2026-08-22'] };
    expect(isWorkingDay('2026-08-18', cfg)).toBe(false);
    expect(isWorkingDay('2026-08-22', cfg)).toBe(true);
  });

  it('lets an extra working day override a public holiday and an extra holiday', () => {
    const cfg = { extra_holidays: ['2026-08-17'], extra_working_days: ['2026-08-17'] };
    expect(isWorkingDay('2026-08-17', cfg)).toBe(true);
  });

  it('rejects a malformed or impossible date', () => {
    expect(() => isWorkingDay('2026-02-30', NO_EXTRA_DAYS)).toThrow();
    expect(() => isWorkingDay('17/08/2026', NO_EXTRA_DAYS)).toThrow();
  });
});

describe('workingDays', () => {
  it('counts 19 working days in August 2026 (21 weekdays minus 17 and 25 August)', () => {
    // Aug 2026 starts on a Saturday: weekdays 3–7, 10–14, 17–21, 24–28, 31 = 21;
    // public holidays on weekdays: 17 (Kemerdekaan), 25 (Maulid Nabi per date-holidays).
    const days = workingDays('2026-08', NO_EXTRA_DAYS);
    expect(days).toHaveLength(19);
    expect(days[0]).toBe('2026-08-03');
    expect(days.at(-1)).toBe('2026-08-31');
    expect(days).not.toContain('2026-08-17');
    expect(days).not.toContain('2026-08-25');
    expect(days).toEqual([...days].sort());
  });

  it('counts 22 working days in a month with no weekday holiday (October 2026)', () => {
    // Oct 2026 starts on a Thursday: 22 weekdays, no public holiday.
    expect(workingDays('2026-10', NO_EXTRA_DAYS)).toHaveLength(22);
  });

  it('adds an extra Saturday and removes a cuti bersama day', () => {
    const cfg = { extra_holidays: ['2026-10-02'], extra_working_days: ['2026-10-03'] };
    const days = workingDays('2026-10', cfg);
    expect(days).toHaveLength(22);
    expect(days).toContain('2026-10-03');
    expect(days).not.toContain('2026-10-02');
  });

  it('lists working days across a month boundary', () => {
    expect(workingDaysBetween('2026-07-30', '2026-08-04', NO_EXTRA_DAYS)).toEqual([
      '2026-07-30',
      '2026-07-31',
      '2026-08-03',
      '2026-08-04',
    ]);
    expect(workingDaysBetween('2026-08-04', '2026-08-03', NO_EXTRA_DAYS)).toEqual([]);
  });
});
