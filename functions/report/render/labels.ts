/**
 * Every word the renderers print, in Bahasa Indonesia and English.
 * Codes from the report JSON (indicator names, statuses, tiers, sanction levels…) map to labels
 * here; a code the dictionary does not know (e.g. a custom sanction ladder entry) is shown as is.
 */

import { COMPONENTS, COUNTS, INDICATORS, labelsOf } from '../../lib/report-registry.js';

export type Lang = 'id' | 'en';

type Pair = { id: string; en: string };

/** Scorecard rate indicators, counts and ranking components: their labels live in the registry. */
export const INDICATOR_LABELS: Record<string, Pair> = labelsOf(INDICATORS);
export const COUNT_LABELS: Record<string, Pair> = labelsOf(COUNTS);
export const COMPONENT_LABELS: Record<string, Pair> = labelsOf(COMPONENTS);

export const STATUS_LABELS: Record<string, Pair> = {
  green: { id: 'hijau', en: 'green' },
  amber: { id: 'kuning', en: 'amber' },
  red: { id: 'merah', en: 'red' },
  none: { id: 'tidak ada data', en: 'no data' },
  not_due: { id: 'belum jatuh tempo', en: 'not yet due' },
};

/** Status of a count that has no thresholds (`none` in the JSON): shown, not judged. */
export const COUNT_STATUS_LABELS: Record<string, Pair> = {
  ...STATUS_LABELS,
  none: { id: 'tidak dinilai', en: 'not judged' },
};

export const MONTHLY_STATUS_LABELS: Record<string, Pair> = {
  on_time: { id: 'Tepat waktu', en: 'On time' },
  late: { id: 'Terlambat', en: 'Late' },
  missing: { id: 'Tidak ada', en: 'Missing' },
  not_due: { id: 'Belum jatuh tempo', en: 'Not yet due' },
};

export const SANCTION_LABELS: Record<string, Pair> = {
  teguran_lisan: { id: 'Teguran lisan', en: 'Verbal warning' },
  sp1: { id: 'SP1', en: 'SP1' },
  sp2: { id: 'SP2', en: 'SP2' },
  sp3: { id: 'SP3', en: 'SP3' },
};

export const ROLE_LABELS: Record<string, Pair> = {
  pendamping: { id: 'Pendamping', en: 'Facilitator' },
  apd: { id: 'APD', en: 'Data administrator (APD)' },
  korkab: { id: 'Koordinator kabupaten', en: 'District coordinator' },
  korwil: { id: 'Koordinator wilayah', en: 'Regional coordinator' },
};

const MONTHS: Record<Lang, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** Fixed words of the documents (titles, column headers, notes). */
export const TEXT = {
  app: { id: 'Pantau PKH', en: 'Pantau PKH' },
  scorecard_title: { id: 'Kartu Kinerja Koordinasi PKH', en: 'PKH Coordination Scorecard' },
  sanctions_title: { id: 'Daftar Sanksi Pelaporan Pendamping PKH', en: 'PKH Facilitator Reporting Sanctions List' },
  ranking_title: { id: 'Prioritas Kecamatan Penanggulangan Kemiskinan', en: 'Poverty-Focus Sub-district Ranking' },
  kabupaten: { id: 'Kabupaten/Kota', en: 'District/City' },
  period: { id: 'Periode', en: 'Period' },
  generated_at: { id: 'Dibuat', en: 'Generated' },
  kecamatan: { id: 'Kecamatan', en: 'Sub-district' },
  kecamatan_code: { id: 'Kode kecamatan', en: 'Sub-district code' },
  kecamatan_name: { id: 'Nama kecamatan', en: 'Sub-district name' },
  rank: { id: 'Peringkat', en: 'Rank' },
  rank_prev_month: { id: 'Peringkat bulan lalu', en: 'Rank last month' },
  score: { id: 'Skor', en: 'Score' },
  value: { id: 'nilai', en: 'value' },
  numerator: { id: 'pembilang', en: 'numerator' },
  denominator: { id: 'penyebut', en: 'denominator' },
  status: { id: 'status', en: 'status' },
  delta_prev_month: { id: 'selisih bulan lalu', en: 'change vs last month' },
  delta_prev_year: { id: 'selisih tahun lalu', en: 'change vs last year' },
  desa_not_covered: { id: 'Desa belum dikoordinasi', en: 'Villages not yet coordinated' },
  total_row: { id: 'Total kabupaten', en: 'District total' },
  facilitator_id: { id: 'ID pendamping', en: 'Facilitator ID' },
  full_name: { id: 'Nama lengkap', en: 'Full name' },
  role: { id: 'Peran', en: 'Role' },
  supervisor_id: { id: 'ID atasan', en: 'Supervisor ID' },
  working_days: { id: 'Hari kerja', en: 'Working days' },
  reported_days: { id: 'Hari melapor', en: 'Days reported' },
  daily_reporting_rate: { id: 'Pelaporan harian', en: 'Daily reporting' },
  monthly_report_status: { id: 'Laporan bulanan', en: 'Monthly report' },
  consecutive_low_months: { id: 'Bulan rendah berturut-turut', en: 'Consecutive low months' },
  sanction_level: { id: 'Tingkat sanksi', en: 'Sanction level' },
  missing_dates: { id: 'Tanggal tanpa laporan', en: 'Dates without a report' },
  index: { id: 'Indeks', en: 'Index' },
  tier: { id: 'Kelompok', en: 'Tier' },
  extreme_poor_households: { id: 'RT miskin ekstrem', en: 'Extremely poor households' },
  pkh_families: { id: 'Keluarga PKH', en: 'PKH families' },
  uncovered_households: { id: 'RT belum tercakup', en: 'Households not covered' },
  component_score: { id: 'skor', en: 'score' },
  allocation_households: { id: 'Alokasi (RT)', en: 'Allocation (households)' },
  allocation_rupiah: { id: 'Alokasi (Rp)', en: 'Allocation (Rp)' },
  budget: { id: 'Anggaran', en: 'Budget' },
  unit_cost: { id: 'Biaya per RT', en: 'Cost per household' },
  households_funded: { id: 'RT terdanai', en: 'Households funded' },
  rupiah_used: { id: 'Anggaran terpakai', en: 'Budget used' },
  csr_households: { id: 'RT untuk CSR/TJSP', en: 'Households for CSR/TJSP' },
  legend: { id: 'Legenda', en: 'Legend' },
  thresholds: { id: 'Ambang status', en: 'Status thresholds' },
  indicator: { id: 'Indikator', en: 'Indicator' },
  green_from: { id: 'hijau jika ≥', en: 'green if ≥' },
  amber_from: { id: 'kuning jika ≥', en: 'amber if ≥' },
  red_below: { id: 'merah jika <', en: 'red if <' },
  coverage_rule: {
    id: 'Cakupan koordinasi desa dinilai terhadap target tahun berjalan bulan/12',
    en: 'Village coordination coverage is judged against the year-to-date target month/12',
  },
  card_rule: { id: 'Kartu dipegang pihak ketiga: hijau jika 0, merah jika lebih', en: 'Cards held by third parties: green at 0, red above' },
  score_rule: {
    id: 'Skor = 100 × rata-rata nilai indikator (maks. 1) yang ada datanya',
    en: 'Score = 100 × mean of the indicator values (capped at 1) that have data',
  },
  arrows_rule: {
    id: '▲ naik, ▼ turun, ▶ tetap: perubahan dari bulan lalu (poin persen untuk tingkat)',
    en: '▲ up, ▼ down, ▶ unchanged: change from last month (percentage points for rates)',
  },
  unrostered: { id: 'Pendamping tidak terdaftar di roster', en: 'Facilitators not on the roster' },
  unrostered_note: {
    id: 'Ada aktivitas atau laporan bulanan tanpa baris roster aktif di kabupaten ini',
    en: 'Activity or monthly reports without an active roster row in this district',
  },
  none_listed: { id: 'Tidak ada', en: 'None' },
  all_desa_covered: { id: 'Semua desa sudah dikoordinasi', en: 'Every village has been coordinated' },
  score_by_kecamatan: { id: 'Skor per kecamatan', en: 'Score by sub-district' },
  index_by_kecamatan: { id: 'Indeks prioritas per kecamatan', en: 'Priority index by sub-district' },
  rate_histogram: {
    id: 'Sebaran tingkat pelaporan harian pendamping dalam daftar',
    en: 'Daily reporting rate of listed facilitators',
  },
  facilitators_count: { id: 'pendamping', en: 'facilitators' },
  expected_count: { id: 'Pendamping wajib lapor', en: 'Expected facilitators' },
  low_count: { id: 'Pendamping kinerja rendah', en: 'Low-performing facilitators' },
  low_share: { id: 'Porsi rendah', en: 'Low share' },
  low_rule: {
    id: 'Rendah: laporan bulanan tidak ada, atau hari kerja ≥ {min} dan pelaporan harian < {thr}',
    en: 'Low: monthly report missing, or working days ≥ {min} and daily reporting < {thr}',
  },
  ladder_rule: { id: 'Tangga sanksi menurut bulan rendah berturut-turut', en: 'Sanction ladder by consecutive low months' },
  no: { id: 'No.', en: 'No.' },
  no_rows: { id: 'Tidak ada pendamping dengan kinerja rendah bulan ini', en: 'No low-performing facilitator this month' },
  profile_year: { id: 'Tahun profil', en: 'Profile year' },
  window: { id: 'Jendela data penyaluran', en: 'Disbursement data window' },
  weights: { id: 'Bobot komponen', en: 'Component weights' },
  weight: { id: 'Bobot', en: 'Weight' },
  component: { id: 'Komponen', en: 'Component' },
  tiers_rule: {
    id: 'Kelompok menurut peringkat; indeks kosong = tanpa data',
    en: 'Tiers by rank; an empty index = no data',
  },
  minmax_rule: {
    id: 'Skor komponen 0–100 (min–maks antar kecamatan); indeks = rata-rata berbobot skor',
    en: 'Component score 0–100 (min–max across sub-districts); index = weighted mean of scores',
  },
  allocation: { id: 'Alokasi anggaran', en: 'Budget allocation' },
  kecamatan_count: { id: 'Jumlah kecamatan', en: 'Sub-districts' },
  red_indicators: { id: 'Indikator merah (kabupaten)', en: 'Red indicators (district)' },
  kabupaten_score: { id: 'Skor kabupaten', en: 'District score' },
  info: { id: 'Info', en: 'Info' },
  report: { id: 'Laporan', en: 'Report' },
  rank_new: { id: 'baru', en: 'new' },
  uncovered_total: { id: 'RT miskin ekstrem belum tercakup', en: 'Extremely poor households not covered' },
  rule: { id: 'Aturan', en: 'Rule' },
  item: { id: 'Butir', en: 'Item' },
  no_data: { id: 'tidak ada data', en: 'no data' },
  none_rule: {
    id: 'penyebutnya 0, tidak ada yang dapat dinilai',
    en: 'the denominator is 0, nothing to judge',
  },
  sp_note: { id: 'SP = Surat Peringatan', en: 'SP = Surat Peringatan (written warning letter)' },
  below_threshold: { id: 'di bawah ambang', en: 'below threshold' },
  too_few_days: { id: 'hari kerja terlalu sedikit untuk dinilai', en: 'too few working days to judge' },
  missing_monthly: { id: 'Laporan bulanan tidak ada', en: 'Monthly report missing' },
  by_level: { id: 'Per tingkat sanksi', en: 'By sanction level' },
  rate_bin_none: { id: 'tanpa data', en: 'no data' },
  monthly_status_legend: { id: 'Status laporan bulanan', en: 'Monthly report status' },
  footer: {
    id: 'Dihasilkan otomatis oleh Pantau PKH dari data roster, laporan, aktivitas dan penyaluran.',
    en: 'Generated automatically by Pantau PKH from roster, report, activity and disbursement data.',
  },
} satisfies Record<string, Pair>;

export type TextKey = keyof typeof TEXT;

/** A fixed word in the language. */
export function t(key: TextKey, lang: Lang): string {
  return TEXT[key][lang];
}

/** Label of a code in one of the dictionaries; an unknown code is returned unchanged. */
export function labelOf(dict: Record<string, Pair>, code: string, lang: Lang): string {
  return Object.hasOwn(dict, code) ? dict[code][lang] : code;
}

/** `prioritas_1` → "Prioritas 1" / "Priority 1"; `reguler`, `tanpa_data` likewise. */
export function tierLabel(tier: string, lang: Lang): string {
  const m = /^prioritas_(\d+)$/.exec(tier);
  if (m) return lang === 'id' ? `Prioritas ${m[1]}` : `Priority ${m[1]}`;
  if (tier === 'reguler') return lang === 'id' ? 'Reguler' : 'Regular';
  if (tier === 'tanpa_data') return lang === 'id' ? 'Tanpa data' : 'No data';
  return tier;
}

/** 'YYYY-MM' → "Oktober 2026" / "October 2026". */
export function periodLabel(period: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  const name = MONTHS[lang][Number(m[2]) - 1];
  return name ? `${name} ${m[1]}` : period;
}

/** Month name (1-based) in the language. */
export function monthName(month: number, lang: Lang): string {
  return MONTHS[lang][month - 1] ?? String(month);
}
