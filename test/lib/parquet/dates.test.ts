import { describe, expect, it } from 'vitest';
import { parseYmdToDays } from '../../../functions/lib/parquet/index.js';

describe('parseYmdToDays', () => {
  it('agrees with Date.UTC on every day from 1899 to 2101', () => {
    // Prepare
    const start = Date.UTC(1899, 0, 1);
    const end = Date.UTC(2101, 11, 31);
    const mismatches: string[] = [];

    // Act
    for (let ms = start; ms <= end; ms += 86_400_000) {
      const ymd = new Date(ms).toISOString().slice(0, 10);
      if (parseYmdToDays(ymd) !== ms / 86_400_000) mismatches.push(ymd);
    }

    // Assess
    expect(mismatches).toEqual([]);
  });

  it.each(['2026-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-01', '26-01-01x', '2026/01/01', ''])(
    'rejects %j',
    (text) => {
      expect(parseYmdToDays(text)).toBeUndefined();
    },
  );

  it('accepts 29 February in a leap year and in 2000', () => {
    expect(parseYmdToDays('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(parseYmdToDays('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / 86_400_000);
  });
});
