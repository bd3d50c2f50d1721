/**
 * An Athena query that fails or times out part-way through a report: runReport on AthenaEngine
 * (over an AthenaClient answered from DuckDB, test/lib/query-engine/athena-mock.ts) with the n-th
 * query made to fail, hang or be throttled gives one clear line and writes no file at all.
 *
 * Also proven elsewhere: test/lib/query-engine/athena-engine.test.ts (FAILED, CANCELLED and
 * timeout as one-line UserErrors, StopQueryExecution sent), test/handlers/run-report.test.ts
 * (an engine throwing on its 3rd query leaves the output empty), test/handlers/report-handler.test.ts
 * (the report Lambda: no PutObject and the SQS message fails).
 */
import { readdir } from 'node:fs/promises';
import {
  AthenaClient,
  GetQueryExecutionCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type GetQueryExecutionCommandOutput,
} from '@aws-sdk/client-athena';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKukar, KAB, DATASET_NAMES } from '../integration/generated.js';
import { DEFAULT_CONFIG, type PkhConfig } from '../../functions/lib/config.js';
import { isUserError } from '../../functions/lib/errors.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { AthenaEngine, DuckDbEngine } from '../../functions/lib/query-engine/index.js';
import { runReport } from '../../functions/report/run-report.js';
import { athenaBackedByDuckDb, type AthenaFromDuckDb } from '../lib/query-engine/athena-mock.js';
import { ingestPath, tempDir } from '../ingest/helpers.js';
import { DUCKDB_TABLES } from '../../schemas/index.js';

const NOW = Date.now();
const REPORTS = ['scorecard', 'sanctions', 'ranking'] as const;
const config = structuredClone(DEFAULT_CONFIG) as PkhConfig;

type Fault = { kind: 'failed' | 'hang'; at: number } | { kind: 'throttled'; at: number } | { kind: 'none' };

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: DuckDbEngine;
let athena: AthenaFromDuckDb;
let period: string;
let outCount = 0;

/**
 * An AthenaClient whose `at`-th query fails (State FAILED), never finishes (RUNNING until the
 * engine gives up) or is refused with ThrottlingException; every other call goes to the
 * DuckDB-backed mock.
 */
function faultyClient(fault: Fault) {
  let started = 0;
  const doomed = new Set<string>();
  const stopped: string[] = [];
  const client = {
    send: async (command: unknown) => {
      if (command instanceof StartQueryExecutionCommand) {
        const n = ++started;
        if (fault.kind === 'throttled' && n === fault.at) {
          throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } });
        }
        const out = await athena.client.send(command);
        if ((fault.kind === 'failed' || fault.kind === 'hang') && n === fault.at) doomed.add(out.QueryExecutionId!);
        return out;
      }
      if (command instanceof GetQueryExecutionCommand && doomed.has(command.input.QueryExecutionId!)) {
        const Status =
          fault.kind === 'failed'
            ? { State: 'FAILED', StateChangeReason: 'HIVE_BAD_DATA: Error reading from s3://pkh-lake/lake/activity_log/...\nat line 12' }
            : { State: 'RUNNING' };
        return { QueryExecution: { QueryExecutionId: command.input.QueryExecutionId, Status } } as GetQueryExecutionCommandOutput;
      }
      if (command instanceof StopQueryExecutionCommand) {
        stopped.push(command.input.QueryExecutionId!);
        return {};
      }
      return athena.client.send(command as never);
    },
  };
  return { client: client as unknown as AthenaClient, stopped, started: () => started };
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

async function runWith(report: (typeof REPORTS)[number], fault: Fault) {
  const fc = faultyClient(fault);
  const dir = tmp.path(`out-${++outCount}`);
  const slept: number[] = [];
  const engine = new AthenaEngine({ client: fc.client, workgroup: 'pkh', database: 'pkh_lake', timeoutMs: 30_000, sleep: async (ms) => void slept.push(ms) });
  const result = await runReport({ report, kabupaten: KAB, period, engine, config, out: new FolderStore(dir), now: NOW }).then(
    (r) => ({ ok: true as const, r }),
    (error: unknown) => ({ ok: false as const, error: error as Error & { code?: string } }),
  );
  return { result, files: await filesIn(dir), stopped: fc.stopped, queries: fc.started(), slept };
}

beforeAll(async () => {
  tmp = await tempDir('pkh-faults-athena-');
  const generated = await generateKukar(tmp.path('in'), { months: 2, invalidRate: 0, seed: 8, now: NOW });
  period = generated.periods[1];
  for (const d of DATASET_NAMES) await ingestPath(d, generated.files[d], tmp.path('lake'), { now: NOW });
  duck = await DuckDbEngine.open({ tables: DUCKDB_TABLES, lakeRoot: tmp.path('lake') });
  athena = athenaBackedByDuckDb(duck);
}, 120_000);

afterAll(async () => {
  athena?.restore();
  await duck?.close();
  await tmp?.cleanup();
});

describe.each(REPORTS)('%s on Athena', (report) => {
  let queries = 0;

  it('without a fault: all six files, the same report as DuckDB gives', async () => {
    const run = await runWith(report, { kind: 'none' });
    expect(run.result.ok).toBe(true);
    // Every format, named what-where-when (REPORTS.md "Outputs"); the pdf is printed by Chromium.
    expect(run.files).toContain('index.html');
    const files = run.files.filter((f) => f !== 'index.html');
    expect(files.map((f) => f.replace(/^.*\.([a-z]+)$/, '$1')).sort()).toEqual(['csv', 'html', 'json', 'pdf', 'txt', 'xlsx']);
    expect(new Set(files.map((f) => f.replace(/\.[a-z]+$/, ''))).size).toBe(1);
    const direct = await runReport({ report, kabupaten: KAB, period, formats: ['json'], engine: duck, config, out: new FolderStore(tmp.path(`direct-${report}`)), now: NOW });
    expect(run.result.ok && run.result.r.report).toEqual(direct.report);
    queries = run.queries;
    expect(queries).toBeGreaterThanOrEqual(2);
  });

  it('the 2nd query FAILED: one line naming the query and what to check, no file written', async () => {
    const run = await runWith(report, { kind: 'failed', at: 2 });
    expect(run.result.ok).toBe(false);
    const err = !run.result.ok ? run.result.error : undefined;
    expect(isUserError(err)).toBe(true);
    expect(err?.code).toBe('athena_query_failed');
    expect(err?.message).not.toContain('\n');
    expect(err?.message).toMatch(/^Kueri Athena \S+ \(q-\d+\) gagal: HIVE_BAD_DATA.*periksa workgroup pkh .* \/ Athena query \S+ \(q-\d+\) failed: .*check workgroup pkh/);
    expect(run.files).toEqual([]);
  });

  it('the 3rd query (ranking: the 2nd of 2) never finishes: stopped after the timeout, one line, no file written', async () => {
    const run = await runWith(report, { kind: 'hang', at: Math.min(3, queries) });
    const err = !run.result.ok ? run.result.error : undefined;
    expect(err?.code).toBe('athena_query_timeout');
    expect(err?.message).toMatch(/^Kueri Athena \S+ \(q-\d+\) tidak selesai dalam 30 detik dan dihentikan; coba lagi nanti .* \/ Athena query \S+ \(q-\d+\) did not finish within 30 s and was stopped; retry later/);
    expect(err?.message).not.toContain('\n');
    expect(run.stopped).toHaveLength(1);
    expect(run.slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(30_000);
    expect(run.files).toEqual([]);
  });

  it('the last query fails, after every other succeeded: still no file written', async () => {
    const run = await runWith(report, { kind: 'failed', at: queries });
    expect(run.result.ok).toBe(false);
    expect(run.queries).toBe(queries);
    expect(run.files).toEqual([]);
  });

  it('Athena refuses the 2nd query (ThrottlingException): the error surfaces, no file written', async () => {
    const run = await runWith(report, { kind: 'throttled', at: 2 });
    expect(run.result.ok).toBe(false);
    expect(!run.result.ok && run.result.error.name).toBe('ThrottlingException');
    expect(run.files).toEqual([]);
  });
});
