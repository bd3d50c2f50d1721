/**
 * What every human format (html, pdf, txt) says about a report's time and data (REPORTS.md
 * "Time of a report"): provisional (*sementara*) until final, the instant A it was computed as of,
 * and "no data" when the period has no rows at all. Reads `as_of`, `final` and
 * `data_quality.rows_in_period` as optional, so a report JSON without them (older files) renders
 * as a final report as of its `generated_at`.
 */
import { formatGeneratedAt } from './format.js';
import { periodLabel, type Lang } from './labels.js';

type Pair = { id: string; en: string };

/** The fields this module reads; every report layout (kabupaten or region) has them or lacks them alike. */
export interface TimedReport {
  report: string;
  period: string;
  generated_at: string;
  as_of?: string;
  final?: boolean;
  kabupaten_code?: string;
  kabupaten_name?: string;
  region?: string;
  region_name?: string;
  data_quality?: { rows_in_period?: { monthly_report?: number; activity_log?: number; disbursement?: number }; unrostered_facilitators?: unknown };
}

/** The facts the renderers print. */
export interface ReportTime {
  /** A, ISO UTC. */
  asOf: string;
  final: boolean;
  /** rows_in_period is present and every count is 0. */
  noData: boolean;
}

export function reportTime(report: TimedReport): ReportTime {
  const rows = report.data_quality?.rows_in_period;
  const counts = rows ? Object.values(rows) : [];
  return {
    asOf: report.as_of ?? report.generated_at,
    final: report.final ?? true,
    noData: counts.length > 0 && counts.every((n) => n === 0),
  };
}

/** Where a report is about: the kabupaten code, or the region as given. */
export function placeCode(report: TimedReport): string {
  return report.kabupaten_code ?? report.region ?? '';
}

export function placeName(report: TimedReport): string {
  return report.kabupaten_name ?? report.region_name ?? placeCode(report);
}

/**
 * Time zone of a place: a kabupaten's own; a region's first kabupaten's (a region code is a
 * province `NN` or a list `NN.NN,…`, which `formatGeneratedAt` reads by its first two digits).
 */
function zoneCode(report: TimedReport): string {
  return placeCode(report).split(',')[0];
}

/** "3 Desember 2026 08.00 WITA" for A in the place's local time. */
export function asOfText(report: TimedReport, lang: Lang): string {
  return formatGeneratedAt(reportTime(report).asOf, zoneCode(report), lang);
}

const TEXT = {
  provisional_word: { id: 'SEMENTARA', en: 'PROVISIONAL' },
  as_of: { id: 'per', en: 'as of' },
  provisional_note: {
    id: 'Bulan ini belum selesai atau laporan bulanannya belum jatuh tempo: angka masih bisa berubah dan belum menjadi dasar sanksi.',
    en: 'The month is not over or its monthly report is not yet due: figures may still change and are not a basis for sanctions.',
  },
  no_data: { id: 'Tidak ada data untuk', en: 'No data for' },
  no_data_note: {
    id: 'Belum ada laporan bulanan, log kegiatan maupun penyaluran untuk periode ini; nilai kosong bukan berarti nol.',
    en: 'No monthly reports, activity logs or disbursements for this period yet; empty values do not mean zero.',
  },
  early_warning: { id: 'Peringatan Dini Pelaporan Pendamping PKH', en: 'PKH Facilitator Reporting Early Warning' },
  over_100: {
    id: 'Di atas 100% (ditandai *): pembilang dapat memuat kejadian yang tidak ada di penyebut, mis. pengaduan bulan-bulan sebelumnya yang diselesaikan bulan ini; skor memakai paling tinggi 100%',
    en: 'Above 100% (marked *): the numerator can count events the denominator does not, e.g. complaints from earlier months resolved this month; the score counts at most 100%',
  },
  page: { id: 'Halaman', en: 'Page' },
  of: { id: 'dari', en: 'of' },
  early_warning_only: { id: 'Hanya peringatan dini', en: 'Early warning only' },
  early_warning_note: {
    id: 'Selama bulan belum final, daftar ini hanya peringatan dini: jangan terbitkan teguran atau SP berdasarkan daftar ini.',
    en: 'While the month is not final this list is an early warning only: issue no warning or SP letter from it.',
  },
} satisfies Record<string, Pair>;

export type NoticeKey = keyof typeof TEXT;

export function noticeText(key: NoticeKey, lang: Lang): string {
  return TEXT[key][lang];
}

/** "SEMENTARA per 3 Desember 2026 08.00 WITA" / "PROVISIONAL as of 3 December 2026 08:00 WITA". */
export function provisionalBanner(report: TimedReport, lang: Lang): string {
  return `${TEXT.provisional_word[lang]} ${TEXT.as_of[lang]} ${asOfText(report, lang)}`;
}

/** "Tidak ada data untuk Kutai Kartanegara, Oktober 2026". */
export function noDataBanner(report: TimedReport, lang: Lang): string {
  return `${TEXT.no_data[lang]} ${placeName(report)}, ${periodLabel(report.period, lang)}`;
}

/** The lines a human format shows above everything else (empty for a final report with data). */
export function notices(report: TimedReport, lang: Lang): { kind: 'provisional' | 'no_data' | 'early_warning'; title: string; note: string }[] {
  const time = reportTime(report);
  const out: { kind: 'provisional' | 'no_data' | 'early_warning'; title: string; note: string }[] = [];
  if (time.noData) out.push({ kind: 'no_data', title: noDataBanner(report, lang), note: TEXT.no_data_note[lang] });
  if (!time.final) {
    out.push({ kind: 'provisional', title: provisionalBanner(report, lang), note: TEXT.provisional_note[lang] });
    if (report.report === 'sanctions') out.push({ kind: 'early_warning', title: TEXT.early_warning_only[lang], note: TEXT.early_warning_note[lang] });
  }
  return out;
}
