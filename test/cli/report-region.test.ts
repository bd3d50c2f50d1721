/** `pkh report … --region R` as a person runs it: a child process, a real small lake. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLake, listFiles, PERIOD, runPkhInProcess, tempDir } from './helpers.js';

const K = '64.02';
let dataDir: string;

beforeAll(async () => {
  dataDir = (await tempDir('pkh-cli-region-')).dir;
  await buildLake(dataDir, K, 2);
  await writeFile(path.join(dataDir, 'pkh.json'), JSON.stringify({ regions: { 'kaltim-1': [K, '64.03'] } }));
}, 120_000);
afterAll(async () => {
  const { rm } = await import('node:fs/promises');
  await rm(dataDir, { recursive: true, force: true });
});

describe('pkh report --region', () => {
  it('named region from --config: the six formats under reports/scorecard/<name>/<P>/, named what-where-when, JSON names it', async () => {
    const run = await runPkhInProcess(['report', 'scorecard', '--region', 'kaltim-1', '--period', PERIOD, '--config', path.join(dataDir, 'pkh.json')], dataDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = (await listFiles(path.join(dataDir, 'reports'))).filter((f) => f.startsWith('scorecard/kaltim-1/'));
    const base = files[0].replace(/\.[a-z]+$/, '');
    expect(base).toMatch(new RegExp(`^scorecard/kaltim-1/${PERIOD}/kartu-kinerja-kaltim-1-${PERIOD}(-sementara-\\d{4}-\\d{2}-\\d{2})?$`));
    expect(files).toEqual(['csv', 'html', 'json', 'pdf', 'txt', 'xlsx'].map((e) => `${base}.${e}`));
    const json = JSON.parse(await readFile(path.join(dataDir, 'reports', `${base}.json`), 'utf8'));
    expect(json).toMatchObject({ region: 'kaltim-1', region_name: 'kaltim-1', kabupaten_codes: [K, '64.03'] });
    expect(json.kabupaten.map((k: { kabupaten_code: string }) => k.kabupaten_code)).toEqual([K, '64.03']);
    const html = await readFile(path.join(dataDir, 'reports', `${base}.html`), 'utf8');
    expect(html).toContain('<title>Kartu Kinerja Koordinasi PKH – Korwil kaltim-1');
  }, 120_000);

  it('sanctions --format json --out -: the region JSON on stdout', async () => {
    const run = await runPkhInProcess(['report', 'sanctions', '--region', K, '--period', PERIOD, '--format', 'json', '--out', '-'], dataDir);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ report: 'sanctions', region: K, region_name: null, kabupaten_codes: [K] });
    expect(json.facilitators.every((f: { kabupaten_code: string }) => f.kabupaten_code === K)).toBe(true);
  }, 60_000);

  it.each([
    [['report', 'ranking', '--region', '64', '--period', PERIOD], /ranking hanya untuk satu kabupaten/],
    [['report', 'scorecard', '--region', '64', '--period', PERIOD, '--as-of', '2026-11-05T10:00:00'], /harus memuat zona waktu/],
    [['report', 'scorecard', '--region', 'kaltim-9', '--period', PERIOD], /Wilayah "kaltim-9"/],
    [['report', 'scorecard', '--region', '64', '--kabupaten', K, '--period', PERIOD], /tidak bisa bersama/],
  ])('%j → exit 2, one line', async (args, message) => {
    const run = await runPkhInProcess(args, dataDir);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toContain(' / ');
  }, 30_000);
});
