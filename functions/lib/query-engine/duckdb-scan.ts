/**
 * Which partition folders a DuckDB query needs, read from the query itself (the folders of each
 * dataset are lake-layout's `PARTITION_KEYS`).
 *
 * Globbing `lake/<dataset>/**` lists every partition of the country (thousands of folders) on
 * every query, and `union_by_name` then opens every file's footer; at national scale that alone
 * takes seconds. Athena prunes with partition projection before it lists anything; this module
 * gives DuckDB the same: each dataset reference `FROM <dataset> [alias] WHERE <partition
 * predicates> [AND …]` is read from exactly the folders its predicates select, listed here.
 *
 * Recognised partition predicates (the leading conjuncts of that WHERE, values bound with `?`):
 * `kabupaten_code = ?`, `kabupaten_code IN (?, …)`, `kabupaten_code LIKE ?` (a region's reads,
 * e.g. '33.%'), `period = ?`, `period IN (?, …)`, `period BETWEEN ? AND ?`, `1 = 1`.
 * Anything else — no WHERE, a join, an OR at the top of the WHERE — scans every partition of the
 * dataset, so the answer never depends on this module, only the speed does.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { uncommittedIds } from '../../ingest/commit.js';
import { DATASET_NAMES, ingestIdOfObject, LAKE_PREFIX, partitionedByKabupaten, PERIOD_PARTITIONED, type DatasetName } from '../lake-layout.js';
import type { SqlValue } from './types.js';

/** Partitions a reference needs; an absent key means every value. */
export interface PartitionScope {
  kabupaten?: string[];
  /** LIKE patterns the kabupaten code must all match (`%` any run, `_` one character). */
  kabupatenLike?: string[];
  period?: { from: string; to: string };
  /** Periods named one by one (`period IN (…)`); combined with `period` when both are given. */
  periods?: string[];
}

export interface TableRef {
  dataset: DatasetName;
  /** Offsets of the dataset name in the SQL text. */
  start: number;
  end: number;
  /** The alias written after the name, if any. */
  alias?: string;
  scope: PartitionScope;
}

const DATASET_RE = new RegExp(`\\bFROM\\s+(${DATASET_NAMES.join('|')})\\b`, 'gi');
const KEYWORDS = new Set(['where', 'group', 'order', 'join', 'left', 'right', 'inner', 'cross', 'full', 'on', 'union', 'limit', 'having', 'window']);
const CLAUSE_END = /^(GROUP\s+BY|ORDER\s+BY|HAVING|UNION|LIMIT|WINDOW|EXCEPT|INTERSECT)\b/i;

const PREDICATES: [RegExp, (params: SqlValue[], first: number, count: number, scope: PartitionScope) => void][] = [
  [/^kabupaten_code\s*=\s*\?/i, (p, i, _n, s) => narrowKabupaten(s, [p[i]])],
  [/^kabupaten_code\s+IN\s*\(\s*\?(?:\s*,\s*\?)*\s*\)/i, (p, i, n, s) => narrowKabupaten(s, p.slice(i, i + n))],
  [/^kabupaten_code\s+LIKE\s+\?/i, (p, i, _n, s) => {
    if (typeof p[i] === 'string') s.kabupatenLike = [...(s.kabupatenLike ?? []), p[i] as string];
  }],
  [/^period\s+BETWEEN\s+\?\s+AND\s+\?/i, (p, i, _n, s) => narrowPeriod(s, p[i], p[i + 1])],
  [/^period\s*=\s*\?/i, (p, i, _n, s) => narrowPeriod(s, p[i], p[i])],
  [/^period\s+IN\s*\(\s*\?(?:\s*,\s*\?)*\s*\)/i, (p, i, n, s) => narrowPeriods(s, p.slice(i, i + n))],
  [/^1\s*=\s*1/, () => undefined],
];

/** Blanks out string literals (keeping offsets), so keywords inside them are not read as SQL. */
function maskLiterals(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, (m) => `'${' '.repeat(m.length - 2)}'`);
}

function narrowKabupaten(scope: PartitionScope, values: SqlValue[]): void {
  const codes = values.filter((v): v is string => typeof v === 'string');
  scope.kabupaten = scope.kabupaten ? scope.kabupaten.filter((k) => codes.includes(k)) : [...new Set(codes)];
}

function narrowPeriod(scope: PartitionScope, from: SqlValue, to: SqlValue): void {
  // A non-text bound selects nothing in SQL; an empty range does the same here.
  const f = typeof from === 'string' ? from : '~';
  const t = typeof to === 'string' ? to : '';
  scope.period = scope.period
    ? { from: f > scope.period.from ? f : scope.period.from, to: t < scope.period.to ? t : scope.period.to }
    : { from: f, to: t };
}

function narrowPeriods(scope: PartitionScope, values: SqlValue[]): void {
  const periods = values.filter((v): v is string => typeof v === 'string');
  scope.periods = scope.periods ? scope.periods.filter((p) => periods.includes(p)) : [...new Set(periods)].sort();
}

/** The WHERE clause text starting at `pos` (just after WHERE), up to its end at paren depth 0. */
function whereExtent(masked: string, pos: number): string {
  let depth = 0;
  for (let i = pos; i < masked.length; i++) {
    const ch = masked[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) return masked.slice(pos, i);
      depth--;
    } else if (depth === 0 && /\s/.test(masked[i - 1] ?? ' ') && CLAUSE_END.test(masked.slice(i, i + 12))) {
      return masked.slice(pos, i);
    }
  }
  return masked.slice(pos);
}

function hasTopLevelOr(clause: string): boolean {
  let depth = 0;
  for (let i = 0; i < clause.length; i++) {
    const ch = clause[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && /^OR\b/i.test(clause.slice(i, i + 3)) && /[\s)]/.test(clause[i - 1] ?? ' ')) return true;
  }
  return false;
}

/**
 * Every dataset reference in an (expanded) query, with the partitions its WHERE selects for
 * the given parameter values.
 */
export function findTableRefs(sql: string, params: readonly SqlValue[]): TableRef[] {
  const masked = maskLiterals(sql);
  const refs: TableRef[] = [];
  for (const m of masked.matchAll(DATASET_RE)) {
    const dataset = m[1].toLowerCase() as DatasetName;
    const start = (m.index ?? 0) + m[0].length - m[1].length;
    const end = start + m[1].length;
    const ref: TableRef = { dataset, start, end, scope: {} };
    refs.push(ref);

    let rest = masked.slice(end);
    const alias = /^\s+(?:AS\s+)?([A-Za-z_][A-Za-z0-9_]*)/i.exec(rest);
    let offset = end;
    if (alias && !KEYWORDS.has(alias[1].toLowerCase())) {
      ref.alias = alias[1];
      offset += alias[0].length;
      rest = masked.slice(offset);
    }
    const where = /^\s+WHERE\s+/i.exec(rest);
    if (!where) continue;
    const clauseStart = offset + where[0].length;
    const clause = whereExtent(masked, clauseStart);
    if (hasTopLevelOr(clause)) continue;

    const scope: PartitionScope = {};
    let pos = 0;
    for (;;) {
      const text = clause.slice(pos);
      const found = PREDICATES.map(([re, apply]) => [re.exec(text), apply] as const).find(([x]) => x);
      if (!found) break;
      const [match, apply] = found;
      const first = countMarks(masked.slice(0, clauseStart + pos));
      apply(params as SqlValue[], first, countMarks(match![0]), scope);
      pos += match![0].length;
      const and = /^\s+AND\s+/i.exec(clause.slice(pos));
      if (!and) break;
      pos += and[0].length;
    }
    ref.scope = scope;
  }
  return refs;
}

function countMarks(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === '?') n++;
  return n;
}

const SAFE_VALUE = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;
const PERIOD = /^\d{4}-\d{2}$/;
const LIST_CONCURRENCY = 64;

async function entries(dir: string): Promise<{ name: string; dir: boolean }[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).map((e) => ({ name: e.name, dir: e.isDirectory() }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw err;
  }
}

async function mapLimited<T, R>(items: readonly T[], fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, items.length) }, worker));
  return out;
}

function monthsBetween(from: string, to: string): string[] | undefined {
  if (!PERIOD.test(from) || !PERIOD.test(to)) return undefined;
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  for (let guard = 0; guard < 240; guard++) {
    const p = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (p > to) return out;
    out.push(p);
    m === 12 ? ((m = 1), y++) : m++;
  }
  return undefined; // a range this long: list the folders instead
}

/** A SQL LIKE pattern (no ESCAPE) as a whole-string RegExp. */
function likeRegExp(pattern: string): RegExp {
  const body = [...pattern].map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

/**
 * The Parquet files of a dataset inside a scope that belong to committed ingests, sorted. A
 * predicate on a key the dataset has no folders for (e.g. kabupaten_code on the unpartitioned
 * roster) prunes nothing here and stays an ordinary filter in the query.
 */
export async function listScopedFiles(lakeRoot: string, dataset: DatasetName, scope: PartitionScope): Promise<string[]> {
  const base = join(lakeRoot, LAKE_PREFIX, dataset);
  let kabupatenDirs: string[];
  if (!partitionedByKabupaten(dataset)) {
    kabupatenDirs = [base];
  } else {
    let names = scope.kabupaten
      ? scope.kabupaten.filter((k) => SAFE_VALUE.test(k)).map((k) => `kabupaten_code=${k}`)
      : (await entries(base)).filter((e) => e.dir && e.name.startsWith('kabupaten_code=')).map((e) => e.name);
    if (scope.kabupatenLike) {
      const patterns = scope.kabupatenLike.map(likeRegExp);
      names = names.filter((d) => patterns.every((re) => re.test(d.slice('kabupaten_code='.length))));
    }
    kabupatenDirs = names.map((k) => join(base, k));
  }

  let partitionDirs: string[];
  if (!PERIOD_PARTITIONED.has(dataset)) {
    partitionDirs = kabupatenDirs;
  } else {
    const range = scope.period;
    const inRange = (p: string): boolean => !range || (p >= range.from && p <= range.to);
    const months = scope.periods
      ? scope.periods.filter((p) => SAFE_VALUE.test(p) && inRange(p))
      : range
        ? monthsBetween(range.from, range.to)
        : undefined;
    if (months) {
      partitionDirs = kabupatenDirs.flatMap((k) => months.map((p) => join(k, `period=${p}`)));
    } else {
      const nested = await mapLimited(kabupatenDirs, async (k) =>
        (await entries(k))
          .filter((e) => e.dir && e.name.startsWith('period='))
          .filter((e) => inRange(e.name.slice('period='.length)))
          .map((e) => join(k, e.name)),
      );
      partitionDirs = nested.flat();
    }
  }
  // Only objects of committed ingests (functions/ingest/commit.ts); like Hive and Athena, names
  // starting with `_` or `.` are not data.
  const hidden = await uncommittedIds(lakeRoot, dataset);
  const visible = (name: string): boolean => {
    if (!name.endsWith('.parquet') || name.startsWith('.') || name.startsWith('_')) return false;
    const id = hidden.size > 0 ? ingestIdOfObject(name) : undefined;
    return id === undefined || !hidden.has(id);
  };
  const files = await mapLimited(partitionDirs, async (dir) => (await entries(dir)).filter((e) => !e.dir && visible(e.name)).map((e) => join(dir, e.name)));
  return files.flat().sort();
}
