/**
 * Running `pkh` in the tests: `runPkh` spawns `node bin/pkh.js` as a person would (kept for a few
 * smoke tests: exit codes and output of a real process), `runPkhInProcess` calls the same
 * dispatcher (`cli/main.ts` `runCli`) in the test's process, which is what most CLI tests use.
 * Both run the TypeScript sources, never the bundle of `npm run build`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { runCli } from '../../cli/main.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PKH = path.join(ROOT, 'bin', 'pkh.js');

/** Result of a `pkh` run. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** AWS settings of the machine are never inherited: a test that wants them passes them in `env`. */
const AWS_SETTINGS = ['ATHENA_WORKGROUP', 'GLUE_DATABASE', 'AWS_REGION', 'AWS_DEFAULT_REGION'];

/** Runs `node bin/pkh.js <args>` from the sources, with the data folder in `dataDir`. */
export function runPkh(args: string[], dataDir: string, env: Record<string, string> = {}): Promise<CliRun> {
  const base = { ...process.env };
  for (const k of AWS_SETTINGS) delete base[k];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PKH, ...args], {
      cwd: ROOT,
      env: { ...base, PKH_FROM_SOURCE: '1', PKH_DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const text = (args: unknown[]) => `${args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ')}\n`;

/**
 * `pkh <args>` in this process, with the data folder in `dataDir` and `env` set for the call only;
 * stdout and stderr (console and process streams) are captured. One call at a time: it swaps
 * process-wide state.
 */
export async function runPkhInProcess(args: string[], dataDir: string, env: Record<string, string> = {}): Promise<CliRun> {
  const saved = new Map<string, string | undefined>();
  const set = (k: string, v: string | undefined) => {
    if (!saved.has(k)) saved.set(k, process.env[k]);
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  };
  for (const k of AWS_SETTINGS) set(k, undefined);
  set('PKH_DATA_DIR', dataDir);
  for (const [k, v] of Object.entries(env)) set(k, v);
  let stdout = '';
  let stderr = '';
  const toOut = (chunk: unknown) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
    return true;
  };
  const toErr = (chunk: unknown) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
    return true;
  };
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void toOut(text(a))),
    vi.spyOn(console, 'info').mockImplementation((...a: unknown[]) => void toOut(text(a))),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void toErr(text(a))),
    vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void toErr(text(a))),
    vi.spyOn(process.stdout, 'write').mockImplementation(toOut as typeof process.stdout.write),
    vi.spyOn(process.stderr, 'write').mockImplementation(toErr as typeof process.stderr.write),
  ];
  try {
    const code = await runCli(args, { out: (line) => toOut(`${line}\n`), err: (line) => toErr(`${line}\n`) });
    return { code, stdout, stderr };
  } finally {
    for (const s of spies) s.mockRestore();
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
