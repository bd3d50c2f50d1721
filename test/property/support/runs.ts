/**
 * Run counts: modest by default so the whole folder stays well under a minute on a busy
 * two-core machine; `PKH_PROPERTY_SCALE=20 npx vitest run test/property` digs deeper.
 * Seeds are random; fast-check prints the seed and path of any failure to replay it.
 */
const scale = Number(process.env.PKH_PROPERTY_SCALE ?? '1');

export function runs(n: number): number {
  return Math.max(1, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
