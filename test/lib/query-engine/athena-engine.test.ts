import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AthenaEngine, loadSql } from '../../../functions/lib/query-engine/index.js';
import { UserError } from '../../../functions/lib/errors.js';

const athena = mockClient(AthenaClient);
const client = new AthenaClient({ region: 'ap-southeast-3' });

function cells(...values: (string | undefined)[]) {
  return { Data: values.map((v) => (v === undefined ? {} : { VarCharValue: v })) };
}
const COLUMNS = [
  { Name: 'facilitator_id', Type: 'varchar' },
  { Name: 'n', Type: 'bigint' },
  { Name: 'rate', Type: 'double' },
  { Name: 'ok', Type: 'boolean' },
  { Name: 'activity_date', Type: 'date' },
  { Name: 'first_submitted_at', Type: 'timestamp' },
];

describe('AthenaEngine', () => {
  let slept: number[];
  const engine = (over: Partial<ConstructorParameters<typeof AthenaEngine>[0]> = {}) =>
    new AthenaEngine({ client, workgroup: 'pkh', database: 'pkh_lake', sleep: async (ms) => void slept.push(ms), ...over });

  beforeEach(() => {
    athena.reset();
    slept = [];
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q1' });
  });
  afterEach(() => athena.reset());

  it('hasil beberapa halaman: baris judul hanya di halaman pertama, nilai didekode menurut tipe / multi-page results', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolvesOnce({ QueryExecution: { Status: { State: 'RUNNING' } } }).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q1', NextToken: undefined })
      .resolves({
        ResultSet: {
          ResultSetMetadata: { ColumnInfo: COLUMNS },
          Rows: [cells('facilitator_id', 'n', 'rate', 'ok', 'activity_date', 'first_submitted_at'), cells('F1', '9007199254740991', '0.25', 'true', '2026-10-05', '2026-10-05 15:59:00.123')],
        },
        NextToken: 'p2',
      })
      .on(GetQueryResultsCommand, { QueryExecutionId: 'q1', NextToken: 'p2' })
      .resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: COLUMNS }, Rows: [cells('facilitator_id', undefined, undefined, 'false', undefined, undefined)] } });
    // Act
    const rows = await engine().run('roster_facilitators', ['64.02']);
    // Assess: the second page's first row is data even though it looks like the header.
    expect(rows).toEqual([
      { facilitator_id: 'F1', n: 9007199254740991, rate: 0.25, ok: true, activity_date: '2026-10-05', first_submitted_at: Date.UTC(2026, 9, 5, 15, 59, 0, 123) },
      { facilitator_id: 'facilitator_id', n: null, rate: null, ok: false, activity_date: null, first_submitted_at: null },
    ]);
    expect(athena.commandCalls(GetQueryResultsCommand).map((c) => c.args[0].input.MaxResults)).toEqual([1000, 1000]);
    expect(slept).toEqual([200]);
  });

  it('teks SQL, database, workgroup, dan parameter berkutip dikirim / SQL text, context and quoted parameters', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [] } });
    // Act
    await engine().run('kecamatan_profile_latest', ["64.02' OR '1'='1", 2026]);
    // Assess
    const input = athena.commandCalls(StartQueryExecutionCommand)[0].args[0].input;
    expect(input).toEqual({
      QueryString: loadSql('kecamatan_profile_latest'),
      QueryExecutionContext: { Database: 'pkh_lake' },
      WorkGroup: 'pkh',
      ExecutionParameters: ["'64.02'' OR ''1''=''1'", '2026'],
    });
  });

  it('kueri GAGAL: UserError satu baris dengan alasan Athena / FAILED query', async () => {
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'FAILED', StateChangeReason: 'TABLE_NOT_FOUND: line 3:8: Table pkh_lake.roster does not exist\nmore' } },
    });
    const err = await engine().run('roster_facilitators', ['64.02']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('athena_query_failed');
    expect((err as UserError).message).toMatch(/^Kueri Athena roster_facilitators \(q1\) gagal: TABLE_NOT_FOUND.*more; .* \/ Athena query roster_facilitators \(q1\) failed: /);
    expect((err as UserError).message).not.toContain('\n');
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it('kueri DIBATALKAN: UserError / CANCELLED query', async () => {
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'CANCELLED', StateChangeReason: 'Query cancelled by user' } } });
    await expect(engine().run('roster_facilitators', ['64.02'])).rejects.toMatchObject({ code: 'athena_query_cancelled', message: expect.stringContaining('Query cancelled by user') });
  });

  it('batas waktu: kueri dihentikan dan UserError, jeda berlipat ganda / timeout stops the query', async () => {
    // Prepare
    athena.on(GetQueryExecutionCommand).resolves({ QueryExecution: { Status: { State: 'RUNNING' } } });
    athena.on(StopQueryExecutionCommand).resolves({});
    // Act
    const err = await engine({ timeoutMs: 1000 }).run('roster_facilitators', ['64.02']).catch((e: unknown) => e);
    // Assess: 200 + 400 slept; another 800 would pass 1000 ms.
    expect(slept).toEqual([200, 400]);
    expect(err).toMatchObject({ code: 'athena_query_timeout', message: expect.stringContaining('1 detik') });
    expect(athena.commandCalls(StopQueryExecutionCommand)[0].args[0].input).toEqual({ QueryExecutionId: 'q1' });
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it('jeda polling berlipat dari 200 ms sampai paling lama 5 detik / backoff doubles up to 5 s', async () => {
    const running = { QueryExecution: { Status: { State: 'QUEUED' as const } } };
    let mock = athena.on(GetQueryExecutionCommand);
    for (let i = 0; i < 7; i++) mock = mock.resolvesOnce(running);
    mock.resolves({ QueryExecution: { Status: { State: 'SUCCEEDED' } } });
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [] } });
    await engine().run('roster_facilitators', ['64.02']);
    expect(slept).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
  });
});
