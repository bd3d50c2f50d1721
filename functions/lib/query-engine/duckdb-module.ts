/**
 * `@duckdb/node-api`, loaded with `require`. The package is CommonJS: an ESM `import` of it makes
 * Node pre-parse the exports of each of its ~100 files before running them, which doubled the
 * CPU time of loading DuckDB at every `pkh report` start; `require` runs them as they are.
 */
import { createRequire } from 'node:module';

export const duckdb: typeof import('@duckdb/node-api') = createRequire(import.meta.url)('@duckdb/node-api');
