/**
 * Report Lambda: one report for one kabupaten and period, or (a body with `region`) one region
 * scorecard or sanctions list (REPORTS.md §4), Athena → reports bucket.
 * - From the report queue (SQS, body `{report, kabupaten, period, as_of?, formats?, lang?}`; `as_of`
 *   is the instant the report is computed as of, default the invocation time): a message
 *   whose request is wrong (not JSON, unknown report or kabupaten, bad period) is logged and
 *   dropped — retrying cannot fix it; any other failure (Athena failed or timed out, S3) fails
 *   that message alone, so SQS retries it and then moves it to the DLQ.
 * - Invoked directly with `{report, kabupaten, period, ...}`: returns `{keys}` or throws.
 * Env: REPORTS_BUCKET, ATHENA_WORKGROUP, GLUE_DATABASE; optional PKH_CONFIG (config JSON).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { DEFAULT_CONFIG, parseConfig, type PkhConfig } from '../lib/config.js';
import { isUserError } from '../lib/errors.js';
import { S3Store } from '../lib/object-store/s3-store.js';
// Athena only: the query-engine index would pull in DuckDB, which the Lambda bundle leaves out.
import { AthenaEngine } from '../lib/query-engine/athena-engine.js';
import { checkReportRequest, parseReportRequest, runReport, type CheckedRequest, type ReportRequest, type RunReportResult } from './run-report.js';
import { checkRegionRequest, parseRegionRequest, runRegionReport, type RegionRequest } from './regions/run-region.js';

const logger = new Logger();
const processor = new BatchProcessor(EventType.SQS);
/** Left for the last query to fail cleanly before Lambda's own timeout. */
const MARGIN_MS = 20_000;

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function config(): PkhConfig {
  const text = process.env.PKH_CONFIG;
  return text ? parseConfig(JSON.parse(text), 'PKH_CONFIG') : (structuredClone(DEFAULT_CONFIG) as PkhConfig);
}

/** Runs a checked request on Athena and writes every format to the reports bucket. */
async function run(
  req: CheckedRequest,
  raw: { budget?: number; unitCost?: number },
  context: Context,
  invokedAt: number,
): Promise<RunReportResult> {
  const timeoutMs = Math.max(10_000, (context.getRemainingTimeInMillis?.() ?? 300_000) - MARGIN_MS);
  const engine = new AthenaEngine({ workgroup: env('ATHENA_WORKGROUP'), database: env('GLUE_DATABASE'), timeoutMs });
  const out = new S3Store({ bucket: env('REPORTS_BUCKET') });
  let result: RunReportResult;
  try {
    result = await runReport({ ...req, budget: raw.budget, unitCost: raw.unitCost, engine, config: config(), out, now: invokedAt });
  } catch (err) {
    const e = err as Error & { code?: string };
    logger.error('report failed; nothing was written', { report: req.report, kabupaten: req.kabupaten, period: req.period, error_code: e.code ?? e.name, error_name: e.name });
    throw err;
  } finally {
    await engine.close();
  }
  const meta = { report: req.report, kabupaten: req.kabupaten, period: req.period, as_of: new Date(req.asOf).toISOString(), final: result.report.final };
  if (result.noData) logger.warn('no data for the kabupaten in the period; report written anyway', { ...meta, rows_in_period: result.rowsInPeriod });
  logger.info('report written', { ...meta, keys: result.keys });
  return result;
}

/** A body naming a `region` asks for a region report (REPORTS.md §4). */
const isRegion = (body: unknown): boolean => typeof body === 'object' && body !== null && 'region' in body;

/** Runs a region request on Athena and writes every format to the reports bucket. */
async function runRegion(raw: RegionRequest, context: Context, invokedAt: number): Promise<{ keys: string[] }> {
  const timeoutMs = Math.max(10_000, (context.getRemainingTimeInMillis?.() ?? 900_000) - MARGIN_MS);
  const engine = new AthenaEngine({ workgroup: env('ATHENA_WORKGROUP'), database: env('GLUE_DATABASE'), timeoutMs });
  const out = new S3Store({ bucket: env('REPORTS_BUCKET') });
  try {
    const { keys } = await runRegionReport({ ...raw, engine, config: config(), out, now: invokedAt });
    logger.info('region report written', { report: raw.report, region: raw.region, period: raw.period, keys });
    return { keys };
  } catch (err) {
    const e = err as Error & { code?: string };
    logger.error('region report failed; nothing was written', { report: raw.report, region: raw.region, period: raw.period, error_code: e.code ?? e.name, error_name: e.name });
    throw err;
  } finally {
    await engine.close();
  }
}

function regionRecord(body: unknown, record: SQSRecord, context: Context, invokedAt: number): Promise<void> | undefined {
  let raw: RegionRequest;
  try {
    raw = parseRegionRequest(body);
    checkRegionRequest(raw, invokedAt, config());
  } catch (err) {
    const code = isUserError(err) ? err.code : 'invalid_request';
    logger.warn('report request dropped', { message_id: record.messageId, error_code: code, error: (err as Error).message });
    return undefined;
  }
  return runRegion(raw, context, invokedAt).then(() => undefined);
}

function recordHandler(context: Context, invokedAt: number) {
  return async (record: SQSRecord): Promise<void> => {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      body = undefined;
    }
    if (isRegion(body)) return regionRecord(body, record, context, invokedAt);
    let req: CheckedRequest;
    let raw: ReportRequest;
    try {
      raw = parseReportRequest(JSON.parse(record.body));
      req = checkReportRequest(raw, invokedAt);
    } catch (err) {
      // A wrong request stays wrong: log it and let the message go (not retried, not in the DLQ).
      const code = isUserError(err) ? err.code : 'invalid_json';
      logger.warn('report request dropped', { message_id: record.messageId, error_code: code, error: (err as Error).message });
      return;
    }
    await run(req, raw, context, invokedAt);
  };
}

export const handler = async (
  event: SQSEvent | Record<string, unknown>,
  context: Context,
): Promise<SQSBatchResponse | { keys: string[] }> => {
  logger.addContext(context);
  // The default as-of instant of every report of this invocation.
  const invokedAt = Date.now();
  if (Array.isArray((event as SQSEvent).Records)) {
    return processPartialResponse(event as SQSEvent, recordHandler(context, invokedAt), processor, {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
  }
  if (isRegion(event)) return runRegion(parseRegionRequest(event), context, invokedAt);
  const raw = parseReportRequest(event);
  const { keys } = await run(checkReportRequest(raw, invokedAt), raw, context, invokedAt);
  return { keys };
};
