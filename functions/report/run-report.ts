/**
 * Run one report and write its files: the core shared by the report Lambda and `pkh report`.
 * Engine-agnostic (DuckDB or Athena come in as a QueryEngine), store-agnostic (folder or S3).
 */
import type { PkhConfig } from '../lib/config.js';
import { UserError } from '../lib/errors.js';
import type { ObjectStore } from '../lib/object-store/types.js';
import type { QueryEngine } from '../lib/query-engine/types.js';
import { getKabupaten, timeZoneOf } from '../lib/wilayah.js';
import { reportFileKey, reportFileName } from './output-names.js';
import { renderReport, REPORT_FORMATS, type Lang, type ReportFormat } from './render/index.js';
import type { TimedReport } from './render/notices.js';
import { writeReportIndex } from './report-index.js';
import { futurePeriodError, parseAsOf, periodInFuture } from './reports/as-of.js';
import { buildRanking, buildSanctions, buildScorecard } from './reports/index.js';
import { readRowsInPeriod } from './reports/queries.js';
import { REPORT_NAMES, type AnyReport, type ReportName, type RowsInPeriod } from './reports/types.js';

export { REPORT_NAMES, type AnyReport, type ReportName, type RowsInPeriod };

/** Content type of each output format (what S3 serves and browsers open). */
export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = Object.freeze({
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
});

/** The file a txt summary points to: the first of these the run writes (else the PDF's name). */
const FULL_REPORT_ORDER: readonly ReportFormat[] = ['pdf', 'html', 'xlsx', 'csv', 'json'];

/** One report request, before any query runs. */
export interface ReportRequest {
  report: string;
  kabupaten: string;
  period: string;
  /** Default: every format (json, csv, xlsx, html, pdf, txt). */
  formats?: readonly string[];
  /** Default 'id'. */
  lang?: string;
  /** Ranking only: both or neither. */
  budget?: number;
  unitCost?: number;
  /**
   * The instant A the report is computed as of: an ISO timestamp (without an offset, the
   * kabupaten's local time) or epoch ms. Default: `now`.
   */
  asOf?: string | number;
}

export interface RunReportOptions extends ReportRequest {
  engine: QueryEngine;
  config: PkhConfig;
  /** Output root: files go to `<report>/<K>/<P>/<name>.<ext>` in it (output-names.ts), and `index.html` at its root. */
  out: ObjectStore;
  /** Epoch ms: the report's `generated_at`, and its as-of instant unless `asOf` is given. */
  now: number;
}

export interface RunReportResult {
  /** Keys written, in the order of the formats asked. */
  keys: string[];
  report: AnyReport;
  /** Rows of K for P the report read (the scorecard's data_quality.rows_in_period; read for every report). */
  rowsInPeriod: RowsInPeriod;
  /** All three of rowsInPeriod are 0: no data for K in P (the command says so on stderr). */
  noData: boolean;
}

/** A request whose fields are known good. */
export interface CheckedRequest {
  report: ReportName;
  kabupaten: string;
  period: string;
  formats: ReportFormat[];
  lang: Lang;
  /** A, epoch ms. */
  asOf: number;
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * A request from JSON (an SQS message body or a direct Lambda event):
 * `{report, kabupaten, period, as_of?, formats?, lang?, budget?, unitCost?}`; `formats` may be an array
 * or a comma-separated string. Throws a one-line UserError when the shape is wrong; the values
 * are checked by {@link checkReportRequest}.
 */
export function parseReportRequest(json: unknown): ReportRequest {
  const bad = (what: string) =>
    new UserError(`Permintaan laporan tidak sah: ${what} / Invalid report request: ${what}`, 'invalid_report_request');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('bukan objek JSON / not a JSON object');
  const o = json as Record<string, unknown>;
  for (const field of ['report', 'kabupaten', 'period'] as const) {
    if (typeof o[field] !== 'string') throw bad(`"${field}" wajib berupa teks / "${field}" must be a string`);
  }
  const formats = typeof o.formats === 'string' ? o.formats.split(',').map((f) => f.trim()) : o.formats;
  if (formats !== undefined && !(Array.isArray(formats) && formats.every((f) => typeof f === 'string'))) {
    throw bad('"formats" berupa daftar teks / "formats" must be a list of strings');
  }
  if (o.lang !== undefined && typeof o.lang !== 'string') throw bad('"lang" wajib berupa teks / "lang" must be a string');
  for (const field of ['budget', 'unitCost'] as const) {
    if (o[field] !== undefined && typeof o[field] !== 'number') throw bad(`"${field}" wajib berupa angka / "${field}" must be a number`);
  }
  if (o.as_of !== undefined && typeof o.as_of !== 'string') throw bad('"as_of" wajib berupa teks waktu ISO / "as_of" must be an ISO timestamp string');
  return {
    report: o.report as string,
    kabupaten: o.kabupaten as string,
    period: o.period as string,
    formats: formats as string[] | undefined,
    lang: o.lang as string | undefined,
    budget: o.budget as number | undefined,
    unitCost: o.unitCost as number | undefined,
    asOf: o.as_of as string | undefined,
  };
}

/**
 * Checks a request without querying anything: report name, kabupaten in the wilayah reference,
 * period `YYYY-MM`, the as-of instant A (default `now`), the period starting on or before A's
 * date (kabupaten's local time), formats and language. Each problem is a one-line UserError. Callers that must tell a bad request from
 * a failing query (the report Lambda) call this first.
 *
 * @example checkReportRequest({ report: 'scorecard', kabupaten: '64.02', period: '2026-10' }, Date.now())
 */
export function checkReportRequest(req: ReportRequest, now: number): CheckedRequest {
  const report = String(req.report);
  if (!(REPORT_NAMES as readonly string[]).includes(report)) {
    throw new UserError(
      `Laporan "${report}" tidak dikenal; pilih scorecard, sanctions atau ranking / Unknown report "${report}"; choose scorecard, sanctions or ranking`,
      'unknown_report',
    );
  }
  const kabupaten = String(req.kabupaten);
  if (!getKabupaten(kabupaten)) {
    throw new UserError(
      `Kabupaten "${kabupaten}" tidak ada di referensi wilayah; gunakan kode Kemendagri NN.NN, mis. 64.02 / Kabupaten "${kabupaten}" is not in the wilayah reference; use a Kemendagri code NN.NN, e.g. 64.02`,
      'unknown_kabupaten',
    );
  }
  const period = String(req.period);
  if (!PERIOD.test(period)) {
    throw new UserError(
      `Periode "${period}" tidak valid; tulis sebagai YYYY-MM, mis. 2026-10 / Invalid period "${period}"; write it as YYYY-MM, e.g. 2026-10`,
      'invalid_period',
    );
  }
  const zone = timeZoneOf(kabupaten);
  const asOf = req.asOf === undefined ? now : typeof req.asOf === 'number' ? req.asOf : parseAsOf(req.asOf, zone);
  if (!Number.isFinite(asOf)) throw new UserError(`Waktu as_of tidak valid / Invalid as_of: ${String(req.asOf)}`, 'invalid_as_of');
  if (periodInFuture(period, asOf, zone)) throw futurePeriodError(period, asOf, zone);
  const formats = [...new Set(req.formats ?? REPORT_FORMATS)] as string[];
  const badFormat = formats.find((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (badFormat !== undefined || formats.length === 0) {
    throw new UserError(
      `Format "${badFormat ?? ''}" tidak dikenal; pakai json, csv, xlsx, html, pdf atau txt / Unknown format "${badFormat ?? ''}"; use json, csv, xlsx, html, pdf or txt`,
      'invalid_format',
    );
  }
  const lang = req.lang ?? 'id';
  if (lang !== 'id' && lang !== 'en') {
    throw new UserError(`Bahasa "${lang}" tidak dikenal; pakai id atau en / Unknown language "${lang}"; use id or en`, 'invalid_lang');
  }
  return { report: report as ReportName, kabupaten, period, formats: formats as ReportFormat[], lang, asOf };
}

/**
 * Builds one report for one kabupaten and period, renders every format asked, and only when all
 * of them rendered writes them to `out` at `<report>/<K>/<P>/<name>.<ext>` (names that say what,
 * where and when: output-names.ts), then rewrites `index.html` at the root. A query that fails or
 * times out, or a renderer that throws, leaves nothing written (no partial report); a request
 * that is wrong is a one-line UserError before any query.
 *
 * @example
 * const { keys } = await runReport({ report: 'scorecard', kabupaten: '64.02', period: '2026-10',
 *   engine, config, out: new FolderStore('out'), formats: ['json', 'html'], now: Date.now() });
 * // keys: ['scorecard/64.02/2026-10/kartu-kinerja-64.02-2026-10.json', 'scorecard/64.02/2026-10/kartu-kinerja-64.02-2026-10.html']
 */
export async function runReport(opts: RunReportOptions): Promise<RunReportResult> {
  const req = checkReportRequest(opts, opts.now);
  const base = { kabupaten: req.kabupaten, period: req.period, config: opts.config, asOf: req.asOf, generatedAt: new Date(opts.now).toISOString() };
  const report: AnyReport =
    req.report === 'scorecard'
      ? await buildScorecard(opts.engine, base)
      : req.report === 'sanctions'
        ? await buildSanctions(opts.engine, base)
        : await buildRanking(opts.engine, base, { budget: opts.budget, unitCost: opts.unitCost });
  // Only the scorecard's JSON carries rows_in_period (REPORTS.md layout); the others read it for the no-data warning.
  const rowsInPeriod =
    report.report === 'scorecard' ? report.data_quality.rows_in_period : await readRowsInPeriod(opts.engine, req.kabupaten, req.period, req.asOf);
  const noData = rowsInPeriod.monthly_report === 0 && rowsInPeriod.activity_log === 0 && rowsInPeriod.disbursement === 0;

  const timed = report as unknown as TimedReport;
  // The human formats say "no data" for every report; only the scorecard's JSON carries the counts.
  const view = { ...report, data_quality: { ...(report as { data_quality?: object }).data_quality, rows_in_period: rowsInPeriod } } as AnyReport;
  const fullReport = reportFileName(timed, FULL_REPORT_ORDER.find((f) => req.formats.includes(f)) ?? 'pdf', req.lang);
  const files: { key: string; body: Uint8Array; contentType: string }[] = [];
  for (const format of req.formats) {
    files.push({
      key: reportFileKey(timed, format, req.lang),
      body: await renderReport(format === 'json' ? report : view, format, { lang: req.lang, fullReport }),
      contentType: CONTENT_TYPES[format],
    });
  }
  // Written one after another: the first failure stops the rest, and a retry rewrites all keys.
  for (const f of files) await opts.out.put(f.key, f.body, { contentType: f.contentType });
  await writeReportIndex(opts.out, req.lang);
  return { keys: files.map((f) => f.key), report, rowsInPeriod, noData };
}
