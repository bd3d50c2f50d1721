/**
 * Options of the generator, their defaults and their checks. Every bad value is a one-line
 * `UserError` (Indonesian / English) saying what to change.
 */
import { UserError } from '../lib/errors.js';
import { localDateOf, periodAdd } from '../lib/localtime.js';
import { getKabupaten, listKabupaten } from '../lib/wilayah.js';

export type OutputFormat = 'csv' | 'jsonl';
/** `none`: one file per dataset; `kabupaten`: one file per dataset and kabupaten. */
export type SplitMode = 'none' | 'kabupaten';

/** What the row generators need to know, after defaults and checks. */
export interface GeneratorContext {
  seed: number;
  /** Months generated, ascending `YYYY-MM`, ending at the end period. */
  periods: string[];
  endPeriod: string;
  /** Share of rows made invalid, 0–1. */
  invalidRate: number;
  /** The real "now" (epoch ms): nothing generated lies after it. */
  now: number;
}

export interface ContextOptions {
  months: number;
  endPeriod?: string;
  seed?: number;
  invalidRate?: number;
  now?: number;
}

const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month before the current one (in WIB), the default end period. */
export function previousMonth(now: number): string {
  return periodAdd(localDateOf(now, 'WIB').slice(0, 7), -1);
}

/** Checks options and expands them into the context the row generators read. */
export function makeContext(opts: ContextOptions): GeneratorContext {
  const now = opts.now ?? Date.now();
  const { months } = opts;
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw usage(`--months harus bilangan bulat 1–120, bukan ${months}`, `--months must be a whole number 1–120, not ${months}`);
  }
  const endPeriod = opts.endPeriod ?? previousMonth(now);
  if (!PERIOD_RE.test(endPeriod)) {
    throw usage(`--end-period harus YYYY-MM, bukan "${endPeriod}"`, `--end-period must be YYYY-MM, not "${endPeriod}"`);
  }
  const current = localDateOf(now, 'WIT').slice(0, 7);
  if (endPeriod > current) {
    throw usage(
      `--end-period ${endPeriod} ada di masa depan (bulan ini ${current}); pilih ${current} atau sebelumnya`,
      `--end-period ${endPeriod} is in the future (this month is ${current}); use ${current} or earlier`,
    );
  }
  const periods = Array.from({ length: months }, (_, i) => periodAdd(endPeriod, i - months + 1));
  if (Number(periods[0].slice(0, 4)) - 1 < 2015) {
    throw usage(
      `rentang ${periods[0]}..${endPeriod} dimulai terlalu awal (profil kecamatan perlu tahun ≥ 2015); kurangi --months atau majukan --end-period`,
      `range ${periods[0]}..${endPeriod} starts too early (kecamatan profiles need years ≥ 2015); lower --months or move --end-period later`,
    );
  }
  const seed = opts.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw usage(`--seed harus bilangan bulat, bukan ${seed}`, `--seed must be a whole number, not ${seed}`);
  const invalidRate = opts.invalidRate ?? 0;
  if (!(invalidRate >= 0 && invalidRate <= 1)) {
    throw usage(`--invalid-rate harus antara 0 dan 1, bukan ${invalidRate}`, `--invalid-rate must be between 0 and 1, not ${invalidRate}`);
  }
  return { seed, periods, endPeriod, invalidRate, now };
}

/**
 * Kabupaten codes from `all` or a comma/space separated list (`64.02,64.03`); a province code
 * (`64`) stands for all its kabupaten. Sorted, without duplicates.
 */
export function resolveKabupaten(spec: string | readonly string[]): string[] {
  const items = (typeof spec === 'string' ? spec.split(/[\s,]+/) : spec.flatMap((s) => s.split(/[\s,]+/))).filter((s) => s !== '');
  if (items.length === 0) {
    throw usage('--kabupaten kosong; beri kode seperti 64.02 atau "all"', '--kabupaten is empty; give codes like 64.02 or "all"');
  }
  const out = new Set<string>();
  for (const item of items) {
    if (item.toLowerCase() === 'all') {
      for (const k of listKabupaten()) out.add(k.code);
    } else if (/^\d{2}$/.test(item)) {
      const inProvince = listKabupaten().filter((k) => k.provinceCode === item);
      if (inProvince.length === 0) throw unknownCode(item);
      for (const k of inProvince) out.add(k.code);
    } else if (getKabupaten(item)) {
      out.add(item);
    } else {
      throw unknownCode(item);
    }
  }
  return [...out].sort();
}

function unknownCode(code: string): UserError {
  return new UserError(
    `Kode kabupaten "${code}" tidak ada dalam referensi Kemendagri; gunakan kode NN.NN seperti 64.02, kode provinsi NN, atau "all" / Kabupaten code "${code}" is not in the Kemendagri reference; use an NN.NN code like 64.02, a province code NN, or "all"`,
    'unknown_kabupaten',
  );
}

function usage(id: string, en: string): UserError {
  return new UserError(`${id}; lihat "pkh generate --help" / ${en}; see "pkh generate --help"`, 'usage');
}
