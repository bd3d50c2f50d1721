import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // DuckDB and worker threads share two cores here; forks keep native modules isolated.
    pool: 'forks',
    reporters: ['default'],
  },
});
