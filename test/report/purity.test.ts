/**
 * The report compute modules are pure: (rows, reference, config, asOf) → JSON. They import no
 * query engine, object store or AWS/DuckDB client, not even through another module, and no I/O
 * (node:fs, the wilayah reference files, the queries) directly. The read side (build.ts,
 * queries.ts) is where engines come in.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REPORTS = join(ROOT, 'functions/report/reports');
const COMPUTE = ['scorecard.ts', 'sanctions.ts', 'ranking.ts', 'facilitators.ts', 'as-of.ts', 'common.ts', 'rational.ts', 'rows.ts', 'types.ts'];

/** Modules that talk to an engine or a store, wherever they are imported from. */
const ENGINE = [/^@duckdb\//, /^@aws-sdk\//, /\/query-engine\//, /\/object-store\//, /\/reports\/queries\.ts$/, /\/reports\/build\.ts$/];
/** Modules that read or write files, not allowed as a direct import of a compute module. */
const IO = [/^node:/, /^fs$/, /\/lib\/wilayah\.ts$/, ...ENGINE];

/** Value imports (type-only imports and exports are erased) of a module, resolved to files or package names. */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    if (m[1]) continue;
    const spec = m[2];
    out.push(spec.startsWith('.') ? resolve(dirname(file), spec).replace(/\.js$/, '.ts') : spec);
  }
  return out;
}

/** Every module reachable from `file` through value imports (packages are leaves). */
function closure(file: string, seen = new Set<string>()): Set<string> {
  for (const dep of valueImports(file)) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    if (dep.startsWith('/')) closure(dep, seen);
  }
  return seen;
}

const show = (m: string) => (m.startsWith('/') ? relative(ROOT, m) : m);

describe('inti laporan murni / report compute modules are pure', () => {
  it.each(COMPUTE)('%s: tanpa mesin kueri atau I/O / no engine or I/O', (name) => {
    const file = join(REPORTS, name);
    const direct = valueImports(file).filter((m) => IO.some((re) => re.test(m)));
    expect(direct.map(show), `${name} imports I/O directly`).toEqual([]);
    const reached = [...closure(file)].filter((m) => ENGINE.some((re) => re.test(m)));
    expect(reached.map(show), `${name} reaches an engine`).toEqual([]);
  });

  it('pemeriksa ini menangkap impor mesin / the check catches an engine import', () => {
    // build.ts imports the engine's type only (erased), but the queries as values: flagged.
    expect(valueImports(join(REPORTS, 'build.ts')).some((m) => m.includes('query-engine'))).toBe(false);
    expect(valueImports(join(REPORTS, 'build.ts')).filter((m) => IO.some((re) => re.test(m))).map(show)).toContain('functions/report/reports/queries.ts');
    expect([...closure(join(ROOT, 'functions/report/run-report.ts'))].some((m) => ENGINE.some((re) => re.test(m)))).toBe(true);
  });
});
