import { defineConfig } from 'vitest/config';

/**
 * Three projects; `npm test` runs all of them, `npm run test:quick` only "quick".
 * - quick: in-process tests (no spawned processes, no worker threads, no CDK synth, no browser)
 *   for the inner loop, in two threads that keep loaded modules between files (imports are most of
 *   a small file's time); test/support/file-hygiene.ts puts the environment back after each file.
 * - infra: CDK template tests, run in one process that keeps its modules between files, so the
 *   stack is synthesized once per set of props for all of them (test/infra/stack-fixture.ts).
 * - slow: tests that spawn processes (pkh, kill and crash tests, esbuild bundles) or worker
 *   threads (`*.workers.test.ts`: every parallel ingest starts a pool), fault injection, S3
 *   integration (s3rver: test/integration, the ingest handler's logs), the browser.
 */
const SLOW = [
  'test/**/*.workers.test.ts',
  'test/browser/**/*.test.ts',
  'test/faults/**/*.test.ts',
  'test/integration/**/*.test.ts',
  'test/pii/handler-logs.test.ts',
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
    // slow: a process per file (infra: one for the project). Vitest reads pool options from this
    // root config for every project, so quick uses the threads pool to share modules between files.
    pool: 'forks',
    poolOptions: { threads: { isolate: false, maxThreads: 2, minThreads: 2 } },
    // The Trino grammar of the SQL parse test, bundled once into node_modules/.vite instead of
    // transformed module by module on every run.
    deps: { optimizer: { ssr: { enabled: true, include: ['dt-sql-parser/dist/parser/trino/index.js'] } } },
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
