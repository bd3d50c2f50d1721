import { describe, expect, it } from 'vitest';
import * as Q from '../../functions/report/reports/rational.js';

describe('pembulatan setengah menjauhi nol / rounding half away from zero', () => {
  it.each([
    [0.00005, 4, 0.0001],
    [-0.00005, 4, -0.0001],
    [0.12345, 4, 0.1235],
    [-0.12345, 4, -0.1235],
    [0.00004999, 4, 0],
    [1.005, 2, 1.01],
    [72.225, 2, 72.23],
    [0.05, 1, 0.1],
    [2.675, 2, 2.68],
    [-0.00001, 4, 0],
  ])('roundNumber(%d, %d) = %d', (x, d, out) => {
    expect(Object.is(Q.roundNumber(x, d), out)).toBe(true);
  });

  it('pecahan eksak: 1/20000 → 0.0001, 2/3 → 0.6667, -1/3 → -0.3333', () => {
    expect(Q.round(Q.ratio(1, 20000)!, 4)).toBe(0.0001);
    expect(Q.round(Q.ratio(2, 3)!, 4)).toBe(0.6667);
    expect(Q.round(Q.ratio(-1, 3)!, 4)).toBe(-0.3333);
    expect(Q.round(Q.ratio(9_000_000_000_000, 7)!, 4)).toBe(1285714285714.2857);
  });

  it('penyebut 0 memberi null / zero denominator is null', () => {
    expect(Q.ratio(5, 0)).toBeNull();
    expect(Q.roundOrNull(null, 4)).toBeNull();
  });

  it('angka desimal dibaca sebagaimana ditulis / decimals read as written', () => {
    expect(Q.fromNumber(0.35)).toEqual({ n: 7n, d: 20n });
    expect(Q.fromNumber(1e-7)).toEqual({ n: 1n, d: 10_000_000n });
    expect(Q.fromNumber(1.5e21)).toEqual({ n: 1_500_000_000_000_000_000_000n, d: 1n });
    expect(Q.cmp(Q.ratio(9, 10)!, Q.fromNumber(0.9))).toBe(0);
    // In binary, 0.1 + 0.2 > 0.3; as fractions they are equal.
    expect(Q.cmp(Q.add(Q.fromNumber(0.1), Q.fromNumber(0.2)), Q.fromNumber(0.3))).toBe(0);
  });

  it('selisih dua rasio dibulatkan sekali / a delta is rounded once, from unrounded values', () => {
    // 1/3 − 1/6 = 0.16666… → 0.1667, while rounding each side first would give 0.3333 − 0.1667 = 0.1666.
    expect(Q.round(Q.sub(Q.ratio(1, 3)!, Q.ratio(1, 6)!), 4)).toBe(0.1667);
  });
});
