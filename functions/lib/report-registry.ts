/**
 * One home for the figures of the reports (REPORTS.md §1 and §3): every scorecard indicator and
 * count and every ranking component, with what it counts, its default threshold, its labels
 * (Bahasa Indonesia / English) and which way is good. The config (names, default thresholds),
 * the report builders and the renderers' labels and legend all read this list; adding an
 * indicator means an entry here, its SQL and its compute.
 */

type Pair = { readonly id: string; readonly en: string };

export interface IndicatorSpec {
  readonly name: string;
  readonly label: Pair;
  readonly numerator: string;
  readonly denominator: string;
  /** Default green/amber lower bounds; null: judged against a fixed target (coverage: month/12). */
  readonly threshold: { readonly green: number; readonly amber: number } | null;
  /** `not_due` while the monthly report of P is not yet due. */
  readonly monthly: boolean;
  readonly good: 'higher' | 'lower';
}

/** Scorecard rate indicators, in the order of REPORTS.md's table. */
export const INDICATORS = [
  { name: 'monthly_report_rate', label: { id: 'Laporan bulanan masuk', en: 'Monthly reports received' }, numerator: 'expected facilitators with status on_time or late', denominator: 'expected facilitators', threshold: { green: 0.9, amber: 0.75 }, monthly: true, good: 'higher' },
  { name: 'monthly_report_on_time_rate', label: { id: 'Laporan bulanan tepat waktu', en: 'Monthly reports on time' }, numerator: 'expected facilitators with status on_time', denominator: 'expected facilitators', threshold: { green: 0.9, amber: 0.75 }, monthly: true, good: 'higher' },
  { name: 'daily_reporting_rate', label: { id: 'Pelaporan harian', en: 'Daily reporting' }, numerator: 'Σ reported days', denominator: 'Σ closed working days', threshold: { green: 0.9, amber: 0.8 }, monthly: false, good: 'higher' },
  { name: 'daily_reporting_on_time_rate', label: { id: 'Pelaporan harian tepat waktu', en: 'Daily reporting on time' }, numerator: 'Σ on-time reported days', denominator: 'Σ closed working days', threshold: { green: 0.9, amber: 0.8 }, monthly: false, good: 'higher' },
  { name: 'kpm_verification_rate', label: { id: 'Verifikasi KPM', en: 'KPM verification' }, numerator: 'Σ kpm_verified', denominator: 'Σ kpm_assigned', threshold: { green: 0.9, amber: 0.75 }, monthly: false, good: 'higher' },
  { name: 'p2k2_attendance_rate', label: { id: 'Kehadiran P2K2', en: 'P2K2 attendance' }, numerator: 'Σ p2k2_kpm_attended', denominator: 'Σ kpm_assigned', threshold: { green: 0.9, amber: 0.75 }, monthly: false, good: 'higher' },
  { name: 'complaint_resolution_rate', label: { id: 'Pengaduan terselesaikan', en: 'Complaints resolved' }, numerator: 'Σ complaints_resolved', denominator: 'Σ complaints_received', threshold: { green: 0.8, amber: 0.6 }, monthly: false, good: 'higher' },
  { name: 'desa_coordination_coverage', label: { id: 'Cakupan koordinasi desa', en: 'Village coordination coverage' }, numerator: 'desa with a koordinasi_desa activity this year', denominator: 'desa of the kecamatan', threshold: null, monthly: false, good: 'higher' },
  { name: 'disbursement_rate', label: { id: 'Realisasi penyaluran', en: 'Disbursement realised' }, numerator: 'Σ amount_disbursed', denominator: 'Σ amount_allocated', threshold: { green: 0.9, amber: 0.75 }, monthly: false, good: 'higher' },
  { name: 'reconciliation_rate', label: { id: 'Rekonsiliasi', en: 'Reconciliation' }, numerator: 'salur rows reconciled', denominator: 'salur rows', threshold: { green: 0.9, amber: 0.75 }, monthly: false, good: 'higher' },
  { name: 'field_verification_rate', label: { id: 'Verifikasi lapangan', en: 'Field verification' }, numerator: 'salur rows field-verified', denominator: 'salur rows', threshold: { green: 0.9, amber: 0.75 }, monthly: false, good: 'higher' },
] as const satisfies readonly IndicatorSpec[];

export interface CountSpec {
  readonly name: string;
  readonly label: Pair;
  readonly counts: string;
  /** `zero_green`: green at 0, red above; `none`: no status. */
  readonly status: 'zero_green' | 'none';
}

/** Scorecard counts, in REPORTS.md order. */
export const COUNTS = [
  { name: 'card_custody_flags', label: { id: 'Kartu dipegang pihak ketiga', en: 'Cards held by third parties' }, counts: 'disbursement rows with card_held_by_third_party', status: 'zero_green' },
  { name: 'dtks_updates', label: { id: 'Pemutakhiran DTKS/DTSEN', en: 'DTKS/DTSEN updates' }, counts: 'Σ dtks_updates', status: 'none' },
  { name: 'graduations', label: { id: 'Graduasi', en: 'Graduations' }, counts: 'Σ graduations', status: 'none' },
  { name: 'kecamatan_meeting_days', label: { id: 'Hari rapat koordinasi kecamatan', en: 'Sub-district coordination meeting days' }, counts: 'distinct dates with a koordinasi_kecamatan activity', status: 'none' },
] as const satisfies readonly CountSpec[];

export interface ComponentSpec {
  readonly name: string;
  readonly label: Pair;
  readonly value: string;
  readonly defaultWeight: number;
  /** Which way a higher value points: more need for the poverty focus. */
  readonly good: 'higher' | 'lower';
}

/** Ranking components, in REPORTS.md order. A higher value means more need (a higher priority). */
export const COMPONENTS = [
  { name: 'dtks_share', label: { id: 'Porsi rumah tangga DTKS/DTSEN', en: 'DTKS/DTSEN household share' }, value: 'dtks_households / households', defaultWeight: 0.25, good: 'lower' },
  { name: 'extreme_poverty_share', label: { id: 'Porsi miskin ekstrem', en: 'Extreme poverty share' }, value: 'extreme_poor_households / households', defaultWeight: 0.35, good: 'lower' },
  { name: 'coverage_gap', label: { id: 'Kesenjangan cakupan PKH', en: 'PKH coverage gap' }, value: 'max(0, extreme poor − PKH families) / households', defaultWeight: 0.3, good: 'lower' },
  { name: 'disbursement_failure_rate', label: { id: 'Kegagalan penyaluran', en: 'Disbursement failure rate' }, value: 'allocated of gagal/retur rows / allocated of all rows', defaultWeight: 0.1, good: 'lower' },
] as const satisfies readonly ComponentSpec[];

/** name → label, for the renderers' dictionaries. */
export function labelsOf(specs: readonly { name: string; label: Pair }[]): Record<string, { id: string; en: string }> {
  return Object.fromEntries(specs.map((s) => [s.name, { id: s.label.id, en: s.label.en }]));
}
