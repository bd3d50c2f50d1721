/**
 * Exact fractions on BigInt. Rates, deltas, scores and indexes are computed as exact fractions
 * and rounded once, at the end, half away from zero — so 1/20000 rounds to 0.0001 and a
 * threshold comparison at exactly 0.9 is never decided by a binary floating-point error.
 */

/** n/d with d > 0, reduced. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function make(n: bigint, d: bigint): Rational {
  if (d === 0n) throw new Error('Rational with denominator 0');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

function big(x: number | bigint): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new Error(`Not a safe integer: ${x}`);
  return BigInt(x);
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

/** numerator / denominator, or null when the denominator is 0 (REPORTS.md "rate"). */
export function ratio(numerator: number | bigint, denominator: number | bigint): Rational | null {
  const d = big(denominator);
  return d === 0n ? null : make(big(numerator), d);
}

/** An integer as a fraction. */
export function int(x: number | bigint): Rational {
  return { n: big(x), d: 1n };
}

/**
 * The decimal a number is written as (its shortest round-trip form), exactly: 0.35 → 35/100,
 * not the binary double nearest to it. Config thresholds and weights come in this way.
 */
export function fromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw new Error(`Not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) throw new Error(`Cannot read number ${x}`);
  const digits = BigInt(`${m[2]}${m[3] ?? ''}`);
  const exponent = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
  const signed = m[1] === '-' ? -digits : digits;
  return exponent >= 0 ? make(signed * 10n ** BigInt(exponent), 1n) : make(signed, 10n ** BigInt(-exponent));
}

export function add(a: Rational, b: Rational): Rational {
  return make(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function sub(a: Rational, b: Rational): Rational {
  return make(a.n * b.d - b.n * a.d, a.d * b.d);
}

export function mul(a: Rational, b: Rational): Rational {
  return make(a.n * b.n, a.d * b.d);
}

export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new Error('Division by zero');
  return make(a.n * b.d, a.d * b.n);
}

/** -1, 0 or 1. */
export function cmp(a: Rational, b: Rational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function min(a: Rational, b: Rational): Rational {
  return cmp(a, b) <= 0 ? a : b;
}

export function max(a: Rational, b: Rational): Rational {
  return cmp(a, b) >= 0 ? a : b;
}

export function sum(values: readonly Rational[]): Rational {
  return values.reduce(add, ZERO);
}

/**
 * Rounds half away from zero to `decimals` places and returns the nearest double of that
 * decimal (what JSON prints back exactly): 1/20000 → 0.0001, −1/20000 → −0.0001.
 */
export function round(r: Rational, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const scaled = r.n * scale;
  let q = scaled / r.d; // truncates toward zero
  const rem = scaled % r.d;
  const twice = 2n * (rem < 0n ? -rem : rem);
  if (twice >= r.d) q += scaled < 0n ? -1n : 1n;
  const out = Number(q) / Number(scale);
  return out === 0 ? 0 : out; // no -0 in JSON-bound values
}

/** Rounds a nullable fraction; null stays null. */
export function roundOrNull(r: Rational | null, decimals: number): number | null {
  return r === null ? null : round(r, decimals);
}

/**
 * Rounds a plain number half away from zero, reading it as the decimal it prints as:
 * roundNumber(0.00005, 4) = 0.0001, roundNumber(0.12345, 4) = 0.1235.
 */
export function roundNumber(x: number, decimals: number): number {
  return round(fromNumber(x), decimals);
}
