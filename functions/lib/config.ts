/**
 * The JSON configuration file (`--config FILE`): schema, defaults and merge rule.
 *
 * Every key is optional. Top-level keys replace the defaults, except `thresholds` and `weights`
 * (and `limits`), which merge per indicator / component / limit (REPORTS.md "JSON layout").
 * Any mistake becomes one UserError line naming the file, the key path and what to do.
 */
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { UserError } from './errors.js';
import { isValidDate } from './localtime.js';
import { getKabupaten } from './wilayah.js';
import { COMPONENTS, COUNTS, INDICATORS } from './report-registry.js';
import { ROLES, type Role } from './roles.js';

/** Scorecard rate indicators, in the order of REPORTS.md's scorecard table (from the registry). */
export type RateIndicator = (typeof INDICATORS)[number]['name'];
export const RATE_INDICATORS: readonly RateIndicator[] = INDICATORS.map((i) => i.name);

/** Rate indicators whose thresholds the config may set: all with a default threshold (not desa_coordination_coverage). */
export type ThresholdIndicator = Exclude<RateIndicator, 'desa_coordination_coverage'>;
export const THRESHOLD_INDICATORS: readonly ThresholdIndicator[] = INDICATORS.filter((i) => i.threshold !== null).map((i) => i.name as ThresholdIndicator);

/** Scorecard counts, in REPORTS.md order. */
export type CountName = (typeof COUNTS)[number]['name'];
export const COUNT_NAMES: readonly CountName[] = COUNTS.map((c) => c.name);

/** Ranking components, in REPORTS.md order. */
export type RankingComponent = (typeof COMPONENTS)[number]['name'];
export const RANKING_COMPONENTS: readonly RankingComponent[] = COMPONENTS.map((c) => c.name);

/** Roster roles a config may list as expected: the roster schema's own enum (roles.ts). */
export { ROLES, type Role };

/** The report keys of the config, in SYSTEM.md order (what reports print as `config`). */
export const REPORT_CONFIG_KEYS = [
  'expected_roles',
  'grace_days',
  'report_deadline_day',
  'low_threshold',
  'min_working_days',
  'sanction_ladder',
  'thresholds',
  'weights',
  'tiers',
  'extra_holidays',
  'extra_working_days',
  'regions',
] as const;

export interface Threshold {
  green: number;
  amber: number;
}

export interface Limits {
  /** Largest input file accepted, bytes. */
  max_file_bytes: number;
  /** Most data rows accepted in one file. */
  max_rows: number;
  /** Largest total uncompressed size of an XLSX's zip entries (zip-bomb guard), bytes. */
  max_xlsx_uncompressed_bytes: number;
}

/** The effective configuration. */
export interface PkhConfig {
  expected_roles: Role[];
  grace_days: number;
  report_deadline_day: number;
  low_threshold: number;
  min_working_days: number;
  sanction_ladder: string[];
  thresholds: Record<ThresholdIndicator, Threshold>;
  weights: Record<RankingComponent, number>;
  /** [size of prioritas_1, size of prioritas_2]. */
  tiers: [number, number];
  extra_holidays: string[];
  extra_working_days: string[];
  /** Named lists of kabupaten codes (a Korwil's area), for `--region <name>`. */
  regions: Record<string, string[]>;
  limits: Limits;
}

/** The 12 report keys only (no `limits`). */
export type ReportConfig = Omit<PkhConfig, 'limits'>;

function defaultThresholds(): Record<ThresholdIndicator, Threshold> {
  const out = {} as Record<ThresholdIndicator, Threshold>;
  for (const i of INDICATORS) if (i.threshold !== null) out[i.name as ThresholdIndicator] = { ...i.threshold };
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Defaults of REPORTS.md and SYSTEM.md (deep-frozen; use `structuredClone` to get a mutable copy). */
export const DEFAULT_CONFIG: Readonly<PkhConfig> = deepFreeze<PkhConfig>({
  expected_roles: ['pendamping', 'apd'],
  grace_days: 2,
  report_deadline_day: 5,
  low_threshold: 0.8,
  min_working_days: 5,
  sanction_ladder: ['teguran_lisan', 'sp1', 'sp2', 'sp3'],
  thresholds: defaultThresholds(),
  weights: Object.fromEntries(COMPONENTS.map((c) => [c.name, c.defaultWeight])) as Record<RankingComponent, number>,
  tiers: [4, 6],
  extra_holidays: [],
  extra_working_days: [],
  regions: {},
  limits: {
    max_file_bytes: 1024 ** 3,
    max_rows: 5_000_000,
    max_xlsx_uncompressed_bytes: 512 * 1024 ** 2,
  },
});

// ---- schema of the file (everything optional) ----

const date = z.string().refine(isValidDate);
const positiveInt = z.number().int().min(1);
const pair = z.strictObject({ green: z.number().min(0), amber: z.number().min(0) });

const fileSchema = z.strictObject({
  expected_roles: z.array(z.enum(ROLES)).min(1).optional(),
  grace_days: z.number().int().min(0).max(31).optional(),
  report_deadline_day: z.number().int().min(1).max(28).optional(),
  low_threshold: z.number().min(0).max(1).optional(),
  min_working_days: z.number().int().min(0).max(31).optional(),
  sanction_ladder: z.array(z.string().min(1)).min(1).optional(),
  thresholds: z
    .strictObject(Object.fromEntries(THRESHOLD_INDICATORS.map((i) => [i, pair.optional()])) as Record<
      ThresholdIndicator,
      z.ZodOptional<typeof pair>
    >)
    .optional(),
  weights: z
    .strictObject(Object.fromEntries(RANKING_COMPONENTS.map((c) => [c, z.number().min(0).optional()])) as Record<
      RankingComponent,
      z.ZodOptional<z.ZodNumber>
    >)
    .optional(),
  tiers: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
  extra_holidays: z.array(date).optional(),
  extra_working_days: z.array(date).optional(),
  regions: z.record(z.string(), z.array(z.string()).min(1)).optional(),
  limits: z
    .strictObject({
      max_file_bytes: positiveInt.optional(),
      max_rows: positiveInt.optional(),
      max_xlsx_uncompressed_bytes: positiveInt.optional(),
    })
    .optional(),
});
type FileConfig = z.infer<typeof fileSchema>;

// ---- what each key expects, for the error line: [Indonesian, English] ----

const EXPECT: Record<string, [string, string]> = {
  '': ['objek JSON {…}', 'a JSON object {…}'],
  expected_roles: [
    `daftar tak kosong berisi ${ROLES.join('/')}, mis. ["pendamping","apd"]`,
    `a non-empty list of ${ROLES.join('/')}, e.g. ["pendamping","apd"]`,
  ],
  'expected_roles.*': [`salah satu dari ${ROLES.join(', ')}`, `one of ${ROLES.join(', ')}`],
  grace_days: ['bilangan bulat 0–31 (hari kalender)', 'an integer 0–31 (calendar days)'],
  report_deadline_day: ['bilangan bulat 1–28 (tanggal bulan berikutnya)', 'an integer 1–28 (day of the next month)'],
  low_threshold: ['angka 0–1, mis. 0.8', 'a number 0–1, e.g. 0.8'],
  min_working_days: ['bilangan bulat 0–31', 'an integer 0–31'],
  sanction_ladder: [
    'daftar tak kosong berisi teks, mis. ["teguran_lisan","sp1","sp2","sp3"]',
    'a non-empty list of texts, e.g. ["teguran_lisan","sp1","sp2","sp3"]',
  ],
  'sanction_ladder.*': ['teks tidak kosong', 'a non-empty text'],
  thresholds: ['objek {"<indikator>": {"green": x, "amber": y}}', 'an object {"<indicator>": {"green": x, "amber": y}}'],
  'thresholds.*': ['objek {"green": x, "amber": y} dengan angka ≥ 0', 'an object {"green": x, "amber": y} with numbers ≥ 0'],
  'thresholds.*.*': ['angka ≥ 0, mis. 0.9', 'a number ≥ 0, e.g. 0.9'],
  weights: ['objek {"<komponen>": bobot}', 'an object {"<component>": weight}'],
  'weights.*': ['angka ≥ 0, mis. 0.25', 'a number ≥ 0, e.g. 0.25'],
  tiers: ['dua bilangan bulat ≥ 0, mis. [4, 6]', 'two integers ≥ 0, e.g. [4, 6]'],
  'tiers.*': ['bilangan bulat ≥ 0', 'an integer ≥ 0'],
  extra_holidays: ['daftar tanggal "YYYY-MM-DD"', 'a list of dates "YYYY-MM-DD"'],
  'extra_holidays.*': ['tanggal yang ada, "YYYY-MM-DD"', 'a real date "YYYY-MM-DD"'],
  extra_working_days: ['daftar tanggal "YYYY-MM-DD"', 'a list of dates "YYYY-MM-DD"'],
  'extra_working_days.*': ['tanggal yang ada, "YYYY-MM-DD"', 'a real date "YYYY-MM-DD"'],
  regions: [
    'objek {"<nama>": ["NN.NN", …]}, mis. {"jateng-2": ["33.07","33.08"]}',
    'an object {"<name>": ["NN.NN", …]}, e.g. {"jateng-2": ["33.07","33.08"]}',
  ],
  'regions.*': ['daftar tak kosong kode kabupaten "NN.NN"', 'a non-empty list of kabupaten codes "NN.NN"'],
  'regions.*.*': ['kode kabupaten "NN.NN" sebagai teks, mis. "33.07"', 'a kabupaten code "NN.NN" as text, e.g. "33.07"'],
  limits: [
    'objek {"max_file_bytes", "max_rows", "max_xlsx_uncompressed_bytes"}',
    'an object {"max_file_bytes", "max_rows", "max_xlsx_uncompressed_bytes"}',
  ],
  'limits.*': ['bilangan bulat ≥ 1', 'an integer ≥ 1'],
};

const ALLOWED_KEYS: Record<string, readonly string[]> = {
  '': [...REPORT_CONFIG_KEYS, 'limits'],
  thresholds: THRESHOLD_INDICATORS,
  'thresholds.*': ['green', 'amber'],
  weights: RANKING_COMPONENTS,
  limits: ['max_file_bytes', 'max_rows', 'max_xlsx_uncompressed_bytes'],
};

/** 'thresholds.daily_reporting_rate.green' → 'thresholds.*.*' (the EXPECT key). */
function pattern(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (i === 0 ? String(p) : '*')).join('.');
}

function show(value: unknown): string {
  if (value === undefined) return 'kosong/missing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function configError(source: string, id: string, en: string): UserError {
  return new UserError(`Konfigurasi ${source}: ${id} / Config ${source}: ${en}`, 'invalid_config');
}

function issueToError(source: string, json: unknown, issue: z.core.$ZodIssue, more: number): UserError {
  const path = issue.path;
  const where = path.map(String).join('.');
  const tail = more > 0 ? [` (+${more} masalah lain)`, ` (+${more} more problems)`] : ['', ''];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const full = where ? `${where}.${key}` : key;
    if (where === 'thresholds' && key === 'desa_coordination_coverage') {
      return configError(
        source,
        `"${full}" tidak dapat diatur (targetnya bulan/12, tetap); hapus kunci itu${tail[0]}`,
        `"${full}" is not configurable (its target is month/12, fixed); remove that key${tail[1]}`,
      );
    }
    const allowed = (ALLOWED_KEYS[pattern(path)] ?? []).join(', ');
    return configError(
      source,
      `kunci "${full}" tidak dikenal; hapus atau perbaiki ejaannya (boleh: ${allowed})${tail[0]}`,
      `unknown key "${full}"; remove it or fix its spelling (allowed: ${allowed})${tail[1]}`,
    );
  }
  const [expectId, expectEn] = EXPECT[pattern(path)] ?? ['nilai yang benar', 'a valid value'];
  const value = valueAt(json, path);
  if (value === undefined && path.length > 0) {
    return configError(
      source,
      `kunci "${where}" wajib ada; isi dengan ${expectId}${tail[0]}`,
      `key "${where}" is required; set it to ${expectEn}${tail[1]}`,
    );
  }
  if (path.length === 0) {
    return configError(
      source,
      `isi berkas harus ${expectId} (sekarang ${show(value)}); perbaiki isinya`,
      `the file content must be ${expectEn} (got ${show(value)}); fix its content`,
    );
  }
  const at = `"${where}"`;
  const atEn = at;
  return configError(
    source,
    `nilai ${at} tidak valid (${show(value)}); isi dengan ${expectId}${tail[0]}`,
    `invalid value at ${atEn} (${show(value)}); use ${expectEn}${tail[1]}`,
  );
}

/** A region name: a plain identifier (letter first, then letters, digits, `-`, `_`), so it never reads as a code or a list. */
export const REGION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * `regions`: every name a plain identifier other than `all`, every code a kabupaten of the
 * wilayah reference, each once per region. Names keep the file's order; codes as written.
 */
function checkRegions(source: string, regions: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, codes] of Object.entries(regions)) {
    if (!REGION_NAME.test(name) || name.toLowerCase() === 'all') {
      throw configError(
        source,
        `nama wilayah "regions.${name}" tidak sah; pakai huruf, angka, - atau _ diawali huruf, bukan "all" (mis. "jateng-2")`,
        `region name "regions.${name}" is not valid; use letters, digits, - or _ starting with a letter, not "all" (e.g. "jateng-2")`,
      );
    }
    const seen = new Set<string>();
    for (const code of codes) {
      if (!getKabupaten(code)) {
        throw configError(
          source,
          `"regions.${name}": kabupaten "${code}" tidak ada di referensi wilayah; pakai kode Kemendagri NN.NN, mis. 33.07`,
          `"regions.${name}": kabupaten "${code}" is not in the wilayah reference; use a Kemendagri code NN.NN, e.g. 33.07`,
        );
      }
      if (seen.has(code)) {
        throw configError(
          source,
          `"regions.${name}": kabupaten "${code}" tertulis dua kali; hapus salah satunya`,
          `"regions.${name}": kabupaten "${code}" is listed twice; remove one of them`,
        );
      }
      seen.add(code);
    }
    out[name] = [...codes];
  }
  return out;
}

/**
 * Validates a parsed JSON config and merges it over the defaults.
 * `source` names the file in error messages. Throws UserError (code `invalid_config`).
 */
export function parseConfig(json: unknown, source: string): PkhConfig {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    throw issueToError(source, json, issues[0], issues.length - 1);
  }
  const file: FileConfig = parsed.data;
  const d = DEFAULT_CONFIG;

  const thresholds = {} as Record<ThresholdIndicator, Threshold>;
  for (const i of THRESHOLD_INDICATORS) {
    const t = file.thresholds?.[i] ?? d.thresholds[i];
    if (t.amber > t.green) {
      throw configError(
        source,
        `"thresholds.${i}": amber (${t.amber}) lebih besar dari green (${t.green}); buat amber ≤ green`,
        `"thresholds.${i}": amber (${t.amber}) is greater than green (${t.green}); make amber ≤ green`,
      );
    }
    thresholds[i] = { green: t.green, amber: t.amber };
  }

  const weights = {} as Record<RankingComponent, number>;
  for (const c of RANKING_COMPONENTS) weights[c] = file.weights?.[c] ?? d.weights[c];
  if (RANKING_COMPONENTS.every((c) => weights[c] === 0)) {
    throw configError(
      source,
      '"weights": semua bobot 0, indeks tidak dapat dihitung; beri minimal satu bobot > 0',
      '"weights": every weight is 0, so no index can be computed; give at least one weight > 0',
    );
  }

  const regions = checkRegions(source, file.regions ?? {});

  // Canonical key order, so the printed config does not depend on the file's key order.
  return {
    expected_roles: [...(file.expected_roles ?? d.expected_roles)],
    grace_days: file.grace_days ?? d.grace_days,
    report_deadline_day: file.report_deadline_day ?? d.report_deadline_day,
    low_threshold: file.low_threshold ?? d.low_threshold,
    min_working_days: file.min_working_days ?? d.min_working_days,
    sanction_ladder: [...(file.sanction_ladder ?? d.sanction_ladder)],
    thresholds,
    weights,
    tiers: [...(file.tiers ?? d.tiers)] as [number, number],
    extra_holidays: [...(file.extra_holidays ?? d.extra_holidays)],
    extra_working_days: [...(file.extra_working_days ?? d.extra_working_days)],
    regions,
    limits: {
      max_file_bytes: file.limits?.max_file_bytes ?? d.limits.max_file_bytes,
      max_rows: file.limits?.max_rows ?? d.limits.max_rows,
      max_xlsx_uncompressed_bytes: file.limits?.max_xlsx_uncompressed_bytes ?? d.limits.max_xlsx_uncompressed_bytes,
    },
  };
}

/** A config file larger than this is surely not a config file. */
const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/**
 * Reads and validates the config file; without a file, returns a fresh copy of the defaults.
 * Throws UserError for a missing/unreadable file, invalid JSON, or a bad value.
 */
export async function loadConfig(file?: string): Promise<PkhConfig> {
  if (file === undefined) return structuredClone(DEFAULT_CONFIG) as PkhConfig;
  let text: string;
  try {
    const info = await stat(file);
    if (info.isDirectory()) {
      throw new UserError(
        `Berkas konfigurasi ${file} adalah folder; berikan path berkas JSON di --config / Config file ${file} is a folder; pass a JSON file path to --config`,
        'config_unreadable',
      );
    }
    if (info.size > MAX_CONFIG_FILE_BYTES) {
      throw new UserError(
        `Berkas konfigurasi ${file} terlalu besar (${info.size} byte, maks. 1 MiB); periksa path --config / Config file ${file} is too large (${info.size} bytes, max 1 MiB); check the --config path`,
        'config_unreadable',
      );
    }
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError(
        `Berkas konfigurasi ${file} tidak ditemukan; periksa path --config / Config file ${file} not found; check the --config path`,
        'config_not_found',
      );
    }
    throw new UserError(
      `Berkas konfigurasi ${file} tidak dapat dibaca (${code ?? 'error'}); periksa izin berkas / Config file ${file} cannot be read (${code ?? 'error'}); check its permissions`,
      'config_unreadable',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // Notepad writes a BOM
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const reason = (err as Error).message.replace(/\s+/g, ' ').slice(0, 120);
    throw new UserError(
      `Berkas konfigurasi ${file} bukan JSON yang valid (${reason}); perbaiki sintaksnya / Config file ${file} is not valid JSON (${reason}); fix its syntax`,
      'invalid_config_json',
    );
  }
  return parseConfig(json, file);
}

/** The 12 report keys of a config (no `limits`), as reports print it under `config`. */
export function reportConfig(cfg: PkhConfig): ReportConfig {
  const out = {} as Record<string, unknown>;
  for (const k of REPORT_CONFIG_KEYS) out[k] = structuredClone(cfg[k]);
  return out as unknown as ReportConfig;
}
