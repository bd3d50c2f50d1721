import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/generate.js';
import { isUserError } from '../../functions/lib/errors.js';
import { runPkhInProcess } from '../support/cli.js';

async function usageErrorOf(args: string[]): Promise<string> {
  try {
    await run(args);
  } catch (err) {
    expect(isUserError(err)).toBe(true);
    expect((err as { code: string }).code).toBe('usage');
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(' / ');
    return message;
  }
  throw new Error(`pkh generate ${args.join(' ')} did not fail`);
}

describe('pkh generate', () => {
  let out: string;
  let log: ReturnType<typeof vi.spyOn>;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'pkh-gen-cli-'));
    log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    log.mockRestore();
    await rm(out, { recursive: true, force: true });
  });

  it('prints bilingual usage for --help and exits 0', async () => {
    // Act
    const code = await run(['--help']);
    // Assess
    expect(code).toBe(0);
    const text = log.mock.calls.flat().join('\n');
    expect(text).toContain('Penggunaan / Usage');
    expect(text).toContain('--invalid-rate');
  });

  it('writes the five files and prints rows, invalid rows and path per dataset', async () => {
    // Act
    const code = await run(['--kabupaten', '64.02', '--months', '1', '--out', out, '--end-period', '2026-09', '--seed', '4', '--invalid-rate', '0.1']);
    // Assess
    expect(code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['activity_log.csv', 'disbursement.csv', 'kecamatan_profile.csv', 'monthly_report.csv', 'roster.csv']);
    const text = log.mock.calls.flat().join('\n');
    for (const d of ['roster', 'monthly_report', 'activity_log', 'disbursement', 'kecamatan_profile']) {
      expect(text).toMatch(new RegExp(`${d}\\s+[\\d.]+ baris/rows\\s+[\\d.]+ tidak valid/invalid\\s+${join(out, d)}\\.csv`));
    }
  });

  it('writes JSON Lines with --format jsonl', async () => {
    await run(['--kabupaten', '64.02', '--months', '1', '--out', out, '--end-period', '2026-09', '--format', 'jsonl']);
    expect((await readdir(out)).every((f) => f.endsWith('.jsonl'))).toBe(true);
  });

  it.each([
    [['--months', '2', '--out', 'x'], '--kabupaten'],
    [['--kabupaten', '64.02', '--out', 'x'], '--months'],
    [['--kabupaten', '64.02', '--months', '2'], '--out'],
    [['--kabupaten', '64.02', '--months', 'dua', '--out', 'x'], '--months'],
    [['--kabupaten', '64.02', '--months', '0', '--out', 'x'], '--months'],
    [['--kabupaten', '64.02', '--months', '2', '--out', 'x', '--invalid-rate', '1.5'], '--invalid-rate'],
    [['--kabupaten', '64.02', '--months', '2', '--out', 'x', '--end-period', '2026-13'], '--end-period'],
    [['--kabupaten', '64.02', '--months', '2', '--out', 'x', '--end-period', '2999-01'], '--end-period'],
    [['--kabupaten', '64.02', '--months', '2', '--out', 'x', '--format', 'xml'], '--format'],
    [['--kabupaten', '64.02', '--months', '2', '--out', 'x', '--bogus'], '--bogus'],
    [['--kabupaten', '64.99', '--months', '2', '--out', 'x'], '64.99'],
  ])('rejects %j with one usage line naming %s', async (args, named) => {
    expect(await usageErrorOf(args)).toContain(named);
  });

  it('says in one line that the output folder cannot be written when --out is a file', async () => {
    // Prepare
    const file = join(out, 'a-file');
    await writeFile(file, 'x');
    // Act
    const failed = await run(['--kabupaten', '64.02', '--months', '1', '--out', join(file, 'sub'), '--end-period', '2026-09']).catch((e: unknown) => e);
    // Assess
    expect(isUserError(failed)).toBe(true);
    expect((failed as Error).message).toMatch(/^Tidak bisa menulis .*a-file\/sub \(ENOTDIR\).* \/ Cannot write/);
  });

  it('exits 2 with one line and no stack trace for an unknown kabupaten through the pkh dispatcher', async () => {
    // Act
    const { code, stderr } = await runPkhInProcess(['generate', '--kabupaten', '99.99', '--months', '1', '--out', out], out);
    // Assess
    expect(code).toBe(2);
    const lines = stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pkh: Kode kabupaten "99\.99" tidak ada .* \/ Kabupaten code "99\.99" is not in/);
  });
});
