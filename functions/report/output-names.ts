/**
 * Names of the report files (REPORTS.md "Outputs"): each says what, where and when when it
 * arrives alone in a WhatsApp chat — `kartu-kinerja-64.02-2026-11.pdf`,
 * `daftar-sanksi-33-2026-11-sementara-2026-11-20.xlsx` — under `<report>/<K or region>/<P>/`.
 * The name is the one place that knows this pattern; `parseReportKey` reads it back (the index
 * page, `pkh status`).
 */
import { localDateOf, zoneOfProvince } from '../lib/localtime.js';
import type { Lang } from './render/labels.js';
import { placeCode, reportTime, type TimedReport } from './render/notices.js';

/** What each report is called in a file name, per language. */
const FILE_STEMS: Record<string, Record<Lang, string>> = {
  scorecard: { id: 'kartu-kinerja', en: 'scorecard' },
  sanctions: { id: 'daftar-sanksi', en: 'sanctions-list' },
  ranking: { id: 'prioritas-kecamatan', en: 'priority-ranking' },
};

const PROVISIONAL_WORD: Record<Lang, string> = { id: 'sementara', en: 'provisional' };

/** `scorecard/64.02/2026-11/`: the folder of one report's files. */
export function reportFolderKey(report: string, place: string, period: string): string {
  return `${report}/${place}/${period}/`;
}

/** A place in a file name: a region list `64.01,64.02` becomes `64.01+64.02` (no comma in a chat file name). */
function placeInName(place: string): string {
  return place.replace(/,/g, '+').replace(/[^A-Za-z0-9.+_-]/g, '-');
}

/**
 * The file name (without folder) of one report in one format.
 *
 * @example reportFileName(scorecard, 'pdf', 'id') // 'kartu-kinerja-64.02-2026-11.pdf'
 * // not final, as of 20 Nov: 'kartu-kinerja-64.02-2026-11-sementara-2026-11-20.pdf'
 */
export function reportFileName(report: TimedReport, ext: string, lang: Lang): string {
  const stem = FILE_STEMS[report.report]?.[lang] ?? report.report;
  const time = reportTime(report);
  const place = placeCode(report);
  // The date of A as the place's people read it (its own time zone).
  const when = time.final ? '' : `-${PROVISIONAL_WORD[lang]}-${localDateOf(Date.parse(time.asOf), zoneOfProvince(place.split(',')[0]))}`;
  return `${stem}-${placeInName(place)}-${report.period}${when}.${ext}`;
}

/** Key of one output file: folder plus name. */
export function reportFileKey(report: TimedReport, ext: string, lang: Lang): string {
  return `${reportFolderKey(report.report, placeCode(report), report.period)}${reportFileName(report, ext, lang)}`;
}

/** A report file found in the output root. */
export interface ReportFileKey {
  report: string;
  place: string;
  period: string;
  /** The name without its extension: the files of one run share it. */
  base: string;
  ext: string;
  provisional: boolean;
  /** Date of A for a provisional file, `YYYY-MM-DD`. */
  asOfDate?: string;
}

const KEY = /^([a-z]+)\/([^/]+)\/(\d{4}-\d{2})\/([^/]+)\.([a-z]+)$/;

/** Reads a key written by {@link reportFileKey}; undefined for anything else (index.html, stray files). */
export function parseReportKey(key: string): ReportFileKey | undefined {
  const m = KEY.exec(key);
  if (!m || !FILE_STEMS[m[1]]) return undefined;
  const [, report, place, period, base, ext] = m;
  const provisional = /-(sementara|provisional)-(\d{4}-\d{2}-\d{2})$/.exec(base);
  return { report, place, period, base, ext, provisional: provisional !== null, asOfDate: provisional?.[2] };
}
