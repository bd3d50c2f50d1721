import { defineConfig } from 'vitest/config';

/**
 * Three projects; `npm test` runs all of them, `npm run test:quick` only "quick".
 * - quick: in-process tests (no spawned processes, no CDK synth, no browser) for the inner loop.
 * - infra: CDK template tests, run in one process that keeps its modules between files, so the
 *   stack is synthesized once per set of props for all of them (test/infra/stack-fixture.ts).
 * - slow: tests that spawn processes (pkh, kill and crash tests, esbuild bundles) or worker
 *   threads (`*.workers.test.ts`: every parallel ingest starts a pool), fault injection, S3
 *   integration, the browser.
 */
const SLOW = [
  'test/**/*.workers.test.ts',
  'test/browser/**/*.test.ts',
  'test/faults/**/*.test.ts',
  'test/integration/**/*.test.ts',
  'test/infra/bundle.test.ts',
  'test/cli/demo.test.ts',
  'test/cli/smoke.test.ts',
  'test/cli/bundle.test.ts',
  'test/ingest/kill.test.ts',
  'test/lib/parquet/bundle.test.ts',
  'test/lib/object-store/folder-store-kill.test.ts',
  'test/ingest/readers/xlsx-memory.test.ts',
  'test/cli/status.test.ts',
  'test/cli/io-errors.test.ts',
  'test/ingest/correction-workbook.test.ts',
];
const INFRA = ['test/infra/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // DuckDB and worker threads share two cores here; forks keep native modules isolated.
    pool: 'forks',
    deps: { optimizer: { ssr: { enabled: true, include: ['dt-sql-parser/dist/parser/trino/index.js'] } } },
    poolOptions: { threads: { isolate: false, maxThreads: 2, minThreads: 2 } },
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'quick',
          include: ['test/**/*.test.ts'],
          exclude: [...SLOW, ...INFRA],
          pool: 'threads',
          setupFiles: ['test/support/file-hygiene.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'infra', include: INFRA, exclude: SLOW, isolate: false, poolOptions: { forks: { singleFork: true } } },
      },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
