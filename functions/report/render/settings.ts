/**
 * A report's settings in words (REPORTS.md "Outputs": "an info sheet with the report's settings
 * in words"): the effective config echoed in the JSON, each key under a label a person reads,
 * never the raw key (`low_threshold`), and the report's time (as of, final or provisional).
 * Values stay typed (number + format) so a spreadsheet can still compute with them.
 */
import type { ReportConfigJson } from '../reports/types.js';
import { formatGeneratedAt } from './format.js';
import { COMPONENT_LABELS, INDICATOR_LABELS, ROLE_LABELS, SANCTION_LABELS, labelOf, type Lang } from './labels.js';

type Pair = Record<Lang, string>;

/** One setting: its label and its value (a number with an Excel format, or words). */
export interface SettingRow {
  label: string;
  value: string | number | null;
  /** Excel number format of a numeric value. */
  fmt?: string;
}

/** Labels of the config keys (SYSTEM.md "Command line", config). */
export const SETTING_LABELS: Record<string, Pair> = {
  expected_roles: { id: 'Peran yang wajib melapor', en: 'Roles expected to report' },
  grace_days: { id: 'Tenggang laporan harian (hari kalender)', en: 'Grace for daily reports (calendar days)' },
  report_deadline_day: {
    id: 'Batas laporan bulanan (tanggal di bulan berikutnya)',
    en: 'Monthly report deadline (day of the next month)',
  },
  low_threshold: { id: 'Ambang pelaporan harian rendah', en: 'Low daily reporting threshold' },
  min_working_days: { id: 'Hari kerja minimum untuk dinilai', en: 'Minimum working days to be judged' },
  sanction_ladder: { id: 'Tangga sanksi', en: 'Sanction ladder' },
  threshold: { id: 'Ambang hijau / kuning', en: 'Green / amber threshold' },
  weight: { id: 'Bobot', en: 'Weight' },
  tiers: { id: 'Jumlah kecamatan Prioritas 1 / Prioritas 2', en: 'Sub-districts in Priority 1 / Priority 2' },
  extra_holidays: { id: 'Libur tambahan (cuti bersama)', en: 'Extra holidays (cuti bersama)' },
  extra_working_days: { id: 'Hari kerja tambahan', en: 'Extra working days' },
  regions: { id: 'Wilayah gabungan', en: 'Regions' },
  as_of: { id: 'Data per', en: 'Data as of' },
  final: { id: 'Status laporan', en: 'Report status' },
  final_yes: { id: 'Final', en: 'Final' },
  final_no: {
    id: 'Sementara (bulan belum selesai atau laporan bulanan belum jatuh tempo)',
    en: 'Provisional (the month is not over or monthly reports are not yet due)',
  },
  none: { id: 'tidak ada', en: 'none' },
};

const w = (key: string, lang: Lang) => SETTING_LABELS[key][lang];

function list(values: readonly string[], lang: Lang): string {
  return values.length ? values.join(', ') : w('none', lang);
}

/** Percent as words, e.g. "90,0%" / "90.0%". */
function pct(value: number, lang: Lang): string {
  const text = (value * 100).toFixed(1);
  return `${lang === 'id' ? text.replace('.', ',') : text}%`;
}

/**
 * The time of a report: when the JSON carries `as_of` and `final` (REPORTS.md "Time of a
 * report"), a row for each; nothing for an older JSON without them.
 */
export function timeRows(report: { as_of?: unknown; final?: unknown; kabupaten_code?: string }, lang: Lang): SettingRow[] {
  const rows: SettingRow[] = [];
  if (typeof report.as_of === 'string') {
    rows.push({ label: w('as_of', lang), value: formatGeneratedAt(report.as_of, report.kabupaten_code ?? '', lang) });
  }
  if (typeof report.final === 'boolean') {
    rows.push({ label: w('final', lang), value: w(report.final ? 'final_yes' : 'final_no', lang) });
  }
  return rows;
}

/** Every key of the effective config, in SYSTEM.md order, as labelled rows. */
export function settingRows(config: ReportConfigJson, lang: Lang): SettingRow[] {
  const rows: SettingRow[] = [
    { label: w('expected_roles', lang), value: list(config.expected_roles.map((r) => labelOf(ROLE_LABELS, r, lang)), lang) },
    { label: w('grace_days', lang), value: config.grace_days, fmt: '0' },
    { label: w('report_deadline_day', lang), value: config.report_deadline_day, fmt: '0' },
    { label: w('low_threshold', lang), value: config.low_threshold, fmt: '0.0%' },
    { label: w('min_working_days', lang), value: config.min_working_days, fmt: '0' },
    { label: w('sanction_ladder', lang), value: config.sanction_ladder.map((s) => labelOf(SANCTION_LABELS, s, lang)).join(' → ') },
  ];
  for (const [indicator, pair] of Object.entries(config.thresholds)) {
    rows.push({
      label: `${w('threshold', lang)}: ${labelOf(INDICATOR_LABELS, indicator, lang)}`,
      value: `${pct(pair.green, lang)} / ${pct(pair.amber, lang)}`,
    });
  }
  for (const [component, weight] of Object.entries(config.weights)) {
    rows.push({ label: `${w('weight', lang)}: ${labelOf(COMPONENT_LABELS, component, lang)}`, value: weight, fmt: '0.00' });
  }
  rows.push(
    { label: w('tiers', lang), value: config.tiers.join(' / ') },
    { label: w('extra_holidays', lang), value: list(config.extra_holidays, lang) },
    { label: w('extra_working_days', lang), value: list(config.extra_working_days, lang) },
  );
  const regions = (config as { regions?: unknown }).regions;
  if (regions && typeof regions === 'object') {
    const named = Object.entries(regions as Record<string, unknown>).map(
      ([name, codes]) => `${name}: ${Array.isArray(codes) ? codes.join(', ') : String(codes)}`,
    );
    rows.push({ label: w('regions', lang), value: list(named, lang) });
  }
  return rows;
}
