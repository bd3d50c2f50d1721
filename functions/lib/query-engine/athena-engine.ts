/**
 * The AWS engine: Athena (engine v3, Trino) over the Glue tables of the lake.
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type ColumnInfo,
} from '@aws-sdk/client-athena';
import { UserError } from '../errors.js';
import { fromAthenaValue, toAthenaParameter } from './athena-values.js';
import { loadSql } from './sql-loader.js';
import type { QueryEngine, SqlRow, SqlValue } from './types.js';

export interface AthenaEngineOptions {
  client?: AthenaClient;
  workgroup: string;
  /** Glue database holding the dataset tables. */
  database: string;
  /** First wait between status polls; doubles up to 5 s. Default 200 ms. */
  pollIntervalMs?: number;
  /** Give up (and stop the query) after this long. Default 5 minutes. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Folder of the `.sql` files (default: the repository's `sql/`). */
  sqlDir?: string;
}

const MAX_POLL_MS = 5_000;
const PAGE_SIZE = 1000;

/**
 * Runs the project's `.sql` files on Athena: start, poll with backoff until done or timed out,
 * then read every result page. A failed, cancelled or timed-out query is a one-line UserError
 * and no rows, so no report is ever built from a partial answer.
 *
 * @example
 * const engine = new AthenaEngine({ workgroup: 'pkh', database: 'pkh_lake' });
 * const rows = await engine.run('roster_facilitators', ['64.02']);
 */
export class AthenaEngine implements QueryEngine {
  readonly name = 'athena' as const;
  private readonly client: AthenaClient;
  private readonly pollIntervalMs: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: AthenaEngineOptions) {
    this.client = opts.client ?? new AthenaClient({});
    this.pollIntervalMs = opts.pollIntervalMs ?? 200;
    this.timeoutMs = opts.timeoutMs ?? 300_000;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async run(sqlFile: string, params: SqlValue[]): Promise<SqlRow[]> {
    const text = loadSql(sqlFile, this.opts.sqlDir);
    const started = await this.client.send(
      new StartQueryExecutionCommand({
        QueryString: text,
        QueryExecutionContext: { Database: this.opts.database },
        WorkGroup: this.opts.workgroup,
        ...(params.length > 0 ? { ExecutionParameters: params.map(toAthenaParameter) } : {}),
      }),
    );
    const id = started.QueryExecutionId;
    if (!id) throw new Error(`Athena gave no QueryExecutionId for ${sqlFile}`);
    await this.waitFor(id, sqlFile);
    return this.readResults(id);
  }

  private async waitFor(id: string, sqlFile: string): Promise<void> {
    const start = Date.now();
    let slept = 0;
    let wait = this.pollIntervalMs;
    for (;;) {
      const out = await this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
      const status = out.QueryExecution?.Status;
      const state = status?.State;
      if (state === 'SUCCEEDED') return;
      if (state === 'FAILED' || state === 'CANCELLED') {
        const reason = oneLine(status?.StateChangeReason ?? status?.AthenaError?.ErrorMessage ?? state);
        const [id_, en] =
          state === 'FAILED' ? ['gagal', 'failed'] : ['dibatalkan', 'was cancelled'];
        throw new UserError(
          `Kueri Athena ${sqlFile} (${id}) ${id_}: ${reason}; periksa workgroup ${this.opts.workgroup} dan tabel di ${this.opts.database} / ` +
            `Athena query ${sqlFile} (${id}) ${en}: ${reason}; check workgroup ${this.opts.workgroup} and the tables in ${this.opts.database}`,
          state === 'FAILED' ? 'athena_query_failed' : 'athena_query_cancelled',
        );
      }
      const elapsed = Math.max(Date.now() - start, slept);
      if (elapsed + wait > this.timeoutMs) {
        await this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })).catch(() => undefined);
        const seconds = Math.round(this.timeoutMs / 1000);
        throw new UserError(
          `Kueri Athena ${sqlFile} (${id}) tidak selesai dalam ${seconds} detik dan dihentikan; coba lagi nanti atau naikkan batas waktu / ` +
            `Athena query ${sqlFile} (${id}) did not finish within ${seconds} s and was stopped; retry later or raise the timeout`,
          'athena_query_timeout',
        );
      }
      await this.sleep(wait);
      slept += wait;
      wait = Math.min(wait * 2, MAX_POLL_MS);
    }
  }

  private async readResults(id: string): Promise<SqlRow[]> {
    const rows: SqlRow[] = [];
    let columns: ColumnInfo[] | undefined;
    let token: string | undefined;
    let first = true;
    do {
      const page = await this.client.send(
        new GetQueryResultsCommand({ QueryExecutionId: id, MaxResults: PAGE_SIZE, NextToken: token }),
      );
      columns ??= page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      const data = page.ResultSet?.Rows ?? [];
      // The header row (column names) comes first on the first page only.
      for (let i = first ? 1 : 0; i < data.length; i++) {
        const cells = data[i].Data ?? [];
        const row: SqlRow = {};
        columns.forEach((c, j) => {
          row[c.Name ?? `_col${j}`] = fromAthenaValue(cells[j]?.VarCharValue, c.Type ?? 'varchar');
        });
        rows.push(row);
      }
      first = false;
      token = page.NextToken;
    } while (token);
    return rows;
  }

  async close(): Promise<void> {
    // The SDK client holds sockets only when created here.
    if (!this.opts.client) this.client.destroy();
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
