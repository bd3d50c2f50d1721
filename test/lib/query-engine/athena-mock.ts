/**
 * An Athena stand-in for tests: answers each query with the rows the DuckDB engine gives for the
 * same SQL file over the same lake, encoded as Athena encodes them (every value a string, the
 * header row first, pages of `pageSize` rows counting the header).
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type Row,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbEngine, loadSql, sqlDir, type SqlValue } from '../../../functions/lib/query-engine/index.js';

/** The Athena type name of a DuckDB result type. */
function athenaType(duckType: string): string {
  if (duckType.startsWith('TIMESTAMP')) return 'timestamp';
  if (duckType === 'DATE') return 'date';
  if (duckType === 'BOOLEAN') return 'boolean';
  if (duckType === 'INTEGER') return 'integer';
  if (['BIGINT', 'HUGEINT', 'UBIGINT'].includes(duckType)) return 'bigint';
  if (duckType === 'DOUBLE' || duckType.startsWith('DECIMAL')) return 'double';
  return 'varchar';
}

function encode(value: SqlValue, type: string): { VarCharValue?: string } {
  if (value === null) return {};
  if (type === 'timestamp') return { VarCharValue: new Date(value as number).toISOString().replace('T', ' ').replace('Z', '') };
  return { VarCharValue: String(value) };
}

/** Reads an ExecutionParameters literal back: `'64.02'` → '64.02', `2026` → 2026. */
function decodeParameter(text: string): SqlValue {
  if (text === 'NULL') return null;
  if (text.startsWith("'")) return text.slice(1, -1).replaceAll("''", "'");
  if (text === 'true' || text === 'false') return text === 'true';
  return Number(text);
}

function sqlNames(): string[] {
  const top = readdirSync(sqlDir()).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4));
  const latest = readdirSync(join(sqlDir(), 'latest')).map((f) => `latest/${f.slice(0, -4)}`);
  return [...top, ...latest];
}

export interface AthenaFromDuckDb {
  client: AthenaClient;
  /** Every query started: file name and decoded parameters. */
  started: { file: string; params: SqlValue[] }[];
  restore(): void;
}

export function athenaBackedByDuckDb(duck: DuckDbEngine, pageSize = 1000): AthenaFromDuckDb {
  const byText = new Map<string, string>();
  for (const name of sqlNames()) {
    try {
      byText.set(loadSql(name), name);
    } catch {
      // latest/* need a filter; they are never sent alone.
    }
  }
  const results = new Map<string, Row[][]>();
  const started: { file: string; params: SqlValue[] }[] = [];
  const mock = mockClient(AthenaClient);
  let next = 0;

  mock.on(StartQueryExecutionCommand).callsFake(async (input) => {
    const file = byText.get(input.QueryString);
    if (!file) throw new Error(`unknown query text: ${String(input.QueryString).slice(0, 80)}`);
    const params = ((input.ExecutionParameters ?? []) as string[]).map(decodeParameter);
    started.push({ file, params });
    const { columns, rows } = await duck.runWithTypes(file, params);
    const types = columns.map((c) => athenaType(c.type));
    const all: Row[] = [
      { Data: columns.map((c) => ({ VarCharValue: c.name })) },
      ...rows.map((r) => ({ Data: columns.map((c, i) => encode(r[c.name], types[i])) })),
    ];
    const pages: Row[][] = [];
    for (let i = 0; i < all.length; i += pageSize) pages.push(all.slice(i, i + pageSize));
    const id = `q-${++next}`;
    results.set(id, pages);
    (results as Map<string, unknown>).set(`${id}:columns`, columns.map((c, i) => ({ Name: c.name, Type: types[i] })));
    return { QueryExecutionId: id };
  });
  mock.on(GetQueryExecutionCommand).callsFake(async (input) => ({
    QueryExecution: { QueryExecutionId: input.QueryExecutionId, Status: { State: 'SUCCEEDED' } },
  }));
  mock.on(GetQueryResultsCommand).callsFake(async (input) => {
    const id = input.QueryExecutionId as string;
    const pages = results.get(id) as Row[][];
    const columns = (results as Map<string, unknown>).get(`${id}:columns`);
    const page = input.NextToken ? Number(input.NextToken) : 0;
    return {
      ResultSet: { Rows: pages[page] ?? [], ResultSetMetadata: { ColumnInfo: columns } },
      NextToken: page + 1 < pages.length ? String(page + 1) : undefined,
    };
  });
  return { client: new AthenaClient({ region: 'ap-southeast-3' }), started, restore: () => mock.restore() };
}
