/**
 * Run one region report (scorecard or sanctions over several kabupaten) and write its files:
 * the core shared by `pkh report --region` and the report Lambda. Same rules as runReport:
 * a wrong request is a one-line UserError before any query, and nothing is written unless
 * every format rendered.
 */
import type { PkhConfig } from '../../lib/config.js';
import { UserError } from '../../lib/errors.js';
import type { ObjectStore } from '../../lib/object-store/types.js';
import type { QueryEngine } from '../../lib/query-engine/types.js';
import { timeZoneOf } from '../../lib/wilayah.js';
import type { Lang, ReportFormat } from '../render/index.js';
import { renderRegionReport } from '../render/region.js';
import { reportFileKey, reportFileName } from '../output-names.js';
import type { TimedReport } from '../render/notices.js';
import { writeReportIndex } from '../report-index.js';
import { checkReportRequest, CONTENT_TYPES } from '../run-report.js';
import { kabupatenReports } from './kabupaten-reports.js';
import { assembleRegionScorecard } from './region-scorecard.js';
import { assembleRegionSanctions } from './region-sanctions.js';
import { resolveRegion, type ResolvedRegion } from './resolve.js';
import type { AnyRegionReport, RegionReportName } from './types.js';

export { REGION_REPORTS, type RegionReportName } from './types.js';

export interface RegionRequest {
  report: string;
  region: string;
  period: string;
  /** ISO timestamp with an offset; default: `now`. */
  asOf?: string;
  formats?: readonly string[];
  lang?: string;
}

export interface CheckedRegionRequest {
  report: RegionReportName;
  region: ResolvedRegion;
  period: string;
  /** `A`, epoch ms. */
  asOfMs: number;
  formats: ReportFormat[];
  lang: Lang;
}

const usage = (id: string, en: string, code: string) => new UserError(`${id} / ${en}`, code);

/** An instant with its offset: date, time, and `Z` or `±HH:MM`. */
const WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$/;

/**
 * `--as-of` of a region: its kabupaten may lie in different time zones, so a local time
 * without an offset is refused (REPORTS.md §4). Returns epoch ms.
 *
 * @example parseRegionAsOf('2026-11-05T23:30:00+07:00') // Date.UTC(2026, 10, 5, 16, 30)
 */
export function parseRegionAsOf(text: string): number {
  const t = text.trim();
  if (LOCAL.test(t)) {
    throw usage(
      `--as-of "${t}" untuk wilayah harus memuat zona waktu (mis. ${t.slice(0, 10)}T23:59:59+07:00 atau Z), karena kabupatennya bisa di WIB, WITA dan WIT`,
      `--as-of "${t}" for a region needs an offset (e.g. ${t.slice(0, 10)}T23:59:59+07:00 or Z), because its kabupaten may lie in WIB, WITA and WIT`,
      'invalid_as_of',
    );
  }
  const m = WITH_OFFSET.exec(t);
  const ms = m ? Date.parse(t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : Number.NaN;
  // Date.parse rolls 2026-02-30 over to March: the date part must survive the round trip.
  const real = m && !Number.isNaN(ms) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4] ?? 0) < 60 && new Date(Date.parse(`${m[1]}T00:00:00Z`)).toISOString().slice(0, 10) === m[1];
  if (!real) {
    throw usage(
      `--as-of "${t}" bukan waktu yang sah; tulis ISO dengan zona waktu, mis. 2026-11-05T23:59:59+07:00`,
      `--as-of "${t}" is not a valid instant; write ISO with an offset, e.g. 2026-11-05T23:59:59+07:00`,
      'invalid_as_of',
    );
  }
  return ms;
}

/**
 * Checks a region request without querying: report (ranking refused), region, period (valid,
 * not after today in any of the region's time zones), `as_of`, formats, language.
 */
export function checkRegionRequest(req: RegionRequest, now: number, config: Pick<PkhConfig, 'regions'>): CheckedRegionRequest {
  const report = String(req.report);
  if (report === 'ranking') {
    throw usage(
      'ranking hanya untuk satu kabupaten (anggarannya milik kabupaten); pakai --kabupaten NN.NN',
      'a ranking covers one kabupaten only (its budget is the kabupaten\'s); use --kabupaten NN.NN',
      'ranking_region',
    );
  }
  const region = resolveRegion(String(req.region), config);
  const asOfMs = req.asOf === undefined ? now : parseRegionAsOf(String(req.asOf));
  // Period, future check, formats and language as for a single report, once per time zone of the region.
  const byZone = new Map(region.kabupaten_codes.map((code) => [timeZoneOf(code), code]));
  let checked: ReturnType<typeof checkReportRequest> | undefined;
  for (const code of byZone.values()) {
    checked = checkReportRequest({ report, kabupaten: code, period: req.period, formats: req.formats, lang: req.lang }, asOfMs);
  }
  if (!checked) throw new Error(`region ${region.region} has no kabupaten`);
  return { report: report as RegionReportName, region, period: checked.period, asOfMs, formats: checked.formats, lang: checked.lang };
}

/** A region request from JSON (SQS body or Lambda event): `{report, region, period, as_of?, formats?, lang?}`. */
export function parseRegionRequest(json: unknown): RegionRequest {
  const bad = (what: string) => new UserError(`Permintaan laporan tidak sah: ${what} / Invalid report request: ${what}`, 'invalid_report_request');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('bukan objek JSON / not a JSON object');
  const o = json as Record<string, unknown>;
  for (const field of ['report', 'region', 'period'] as const) {
    if (typeof o[field] !== 'string') throw bad(`"${field}" wajib berupa teks / "${field}" must be a string`);
  }
  if (o.kabupaten !== undefined) throw bad('"kabupaten" dan "region" tidak bisa bersama / "kabupaten" and "region" cannot come together');
  for (const field of ['as_of', 'lang'] as const) {
    if (o[field] !== undefined && typeof o[field] !== 'string') throw bad(`"${field}" wajib berupa teks / "${field}" must be a string`);
  }
  const formats = typeof o.formats === 'string' ? o.formats.split(',').map((f) => f.trim()) : o.formats;
  if (formats !== undefined && !(Array.isArray(formats) && formats.every((f) => typeof f === 'string'))) {
    throw bad('"formats" berupa daftar teks / "formats" must be a list of strings');
  }
  return {
    report: o.report as string,
    region: o.region as string,
    period: o.period as string,
    asOf: o.as_of as string | undefined,
    formats: formats as string[] | undefined,
    lang: o.lang as string | undefined,
  };
}

export interface RunRegionOptions extends RegionRequest {
  engine: QueryEngine;
  config: PkhConfig;
  out: ObjectStore;
  /** Epoch ms: `generated_at`, and `A` when no `asOf` is given. */
  now: number;
}

export interface RunRegionResult {
  keys: string[];
  report: AnyRegionReport;
}

/**
 * The region report of a checked request, as of its instant (queries and assembly; nothing
 * written). `reader` is there for the test that compares the one-pass reads with the reads one
 * kabupaten at a time.
 */
export async function buildRegionReport(
  engine: QueryEngine,
  req: Pick<CheckedRegionRequest, 'report' | 'region' | 'period' | 'asOfMs'>,
  config: PkhConfig,
  now: number,
  reader: typeof kabupatenReports = kabupatenReports,
): Promise<AnyRegionReport> {
  const options = { period: req.period, config, asOfMs: req.asOfMs, generatedAt: new Date(now).toISOString() };
  const assembly = { ...options, asOf: new Date(req.asOfMs).toISOString() };
  const codes = req.region.kabupaten_codes;
  return req.report === 'scorecard'
    ? assembleRegionScorecard(req.region, await reader('scorecard', engine, codes, options), assembly)
    : assembleRegionSanctions(req.region, await reader('sanctions', engine, codes, options), assembly);
}

/**
 * Builds a region report and writes every format to `<report>/<region>/<P>/<name>.<ext>` (output-names.ts), then index.html.
 *
 * @example
 * await runRegionReport({ report: 'scorecard', region: '33', period: '2026-10', engine, config, out, now: Date.now() });
 */
export async function runRegionReport(opts: RunRegionOptions): Promise<RunRegionResult> {
  const req = checkRegionRequest(opts, opts.now, opts.config);
  const report = await buildRegionReport(opts.engine, req, opts.config, opts.now);

  const timed = report as unknown as TimedReport;
  const main = (['pdf', 'html', 'xlsx', 'csv', 'json'] as const).find((f) => req.formats.includes(f)) ?? 'pdf';
  const fullReport = reportFileName(timed, main, req.lang);
  const files: { key: string; body: Uint8Array; contentType: string }[] = [];
  for (const format of req.formats) {
    files.push({
      key: reportFileKey(timed, format, req.lang),
      body: await renderRegionReport(report, format, { lang: req.lang, fullReport }),
      contentType: CONTENT_TYPES[format],
    });
  }
  for (const f of files) await opts.out.put(f.key, f.body, { contentType: f.contentType });
  await writeReportIndex(opts.out, req.lang);
  return { keys: files.map((f) => f.key), report };
}
