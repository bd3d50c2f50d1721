/**
 * Setup of every quick test file. The quick project runs many files in one thread and keeps the
 * modules they load (importing DuckDB, the AWS SDK and the schemas once, not once per file), so
 * what a file changes in its process must not reach the next file: the environment is put back
 * as it was before the file, and real timers are restored. A file whose code under test reads the
 * environment when it loads or first runs (a Lambda handler) loads it anew (`vi.resetModules`).
 */
import { afterAll, vi } from 'vitest';

const before = { ...process.env };

afterAll(() => {
  vi.useRealTimers();
  for (const k of Object.keys(process.env)) if (!(k in before)) delete process.env[k];
  for (const [k, v] of Object.entries(before)) if (process.env[k] !== v) process.env[k] = v;
});
