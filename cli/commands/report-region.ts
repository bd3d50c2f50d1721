/**
 * `pkh report <scorecard|sanctions> --region R`: a report over several kabupaten (REPORTS.md §4),
 * from the local lake or Athena, in the formats asked. The work is `runRegionReport`, shared with
 * the report Lambda; flags are read as in `pkh report --kabupaten`.
 */
import path from 'node:path';
import { isUserError, UserError } from '../../functions/lib/errors.js';
import { usageError } from '../args.js';
import { defaultReportsDir, MemoryStore, oneLine, openEngine, type ReportFlags } from './report.js';

/** Runs `pkh report … --region R`; returns the exit code. */
export async function runRegion(report: string, values: ReportFlags): Promise<number> {
  if (values.kabupaten !== undefined) {
    throw usageError('report', '--kabupaten dan --region tidak bisa bersama; pilih salah satu', '--kabupaten and --region cannot come together; choose one');
  }
  if (values.budget !== undefined || values['unit-cost'] !== undefined) {
    throw usageError('report', '--budget dan --unit-cost hanya untuk ranking satu kabupaten', '--budget and --unit-cost are for a one-kabupaten ranking only');
  }
  const engineName = values.engine ?? 'duckdb';
  if (engineName !== 'duckdb' && engineName !== 'athena') {
    throw usageError('report', `--engine harus duckdb atau athena, bukan "${engineName}"`, `--engine must be duckdb or athena, not "${engineName}"`);
  }
  const formats = values.format === undefined ? undefined : values.format.split(',').map((f) => f.trim());
  const toStdout = values.out === '-';
  if (toStdout && (formats === undefined || formats.length !== 1 || formats[0] !== 'json')) {
    throw usageError('report', '--out - hanya bisa dengan --format json', '--out - works only with --format json');
  }
  if (values.period === undefined || values.period.trim() === '') throw usageError('report', 'opsi --period wajib diisi', 'option --period is required');
  const [{ checkRegionRequest, runRegionReport }, { loadConfig }, { defaultDataDir, FolderStore }] = await Promise.all([
    import('../../functions/report/regions/run-region.js'),
    import('../../functions/lib/config.js'),
    import('../../functions/lib/object-store/index.js'),
  ]);
  // The config comes first: a named region is defined there.
  const config = await loadConfig(values.config);
  const now = Date.now();
  const request = { report, region: values.region as string, period: values.period.trim(), asOf: values['as-of'], formats, lang: values.lang };
  try {
    checkRegionRequest(request, now, config);
  } catch (err) {
    // Every field of the request comes from a flag: a wrong one is wrong usage (exit 2).
    if (isUserError(err)) throw new UserError(err.message, 'usage');
    throw err;
  }

  const dataDir = defaultDataDir();
  const outDir = toStdout ? '-' : path.resolve(values.out ?? defaultReportsDir(dataDir));
  const out = toStdout ? new MemoryStore() : new FolderStore(outDir);
  const engine = await openEngine(engineName, dataDir);
  let keys: string[];
  try {
    ({ keys } = await runRegionReport({ ...request, engine, config, out, now }));
  } catch (err) {
    throw oneLine(err, engineName, outDir);
  } finally {
    await engine.close();
  }
  if (out instanceof MemoryStore) process.stdout.write(out.objects.get(keys[0])!);
  else for (const key of keys) console.log(out.localPath(key));
  return 0;
}
