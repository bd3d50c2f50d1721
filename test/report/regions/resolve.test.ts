import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, reportConfig, type PkhConfig } from '../../../functions/lib/config.js';
import { UserError } from '../../../functions/lib/errors.js';
import { listKabupaten } from '../../../functions/lib/wilayah.js';
import { checkRegionRequest, parseRegionAsOf } from '../../../functions/report/regions/run-region.js';
import { resolveRegion } from '../../../functions/report/regions/resolve.js';

const config = parseConfig({ regions: { 'jateng-2': ['33.08', '33.07'] } }, 'pkh.json');

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    const e = err as UserError;
    expect(e.message).not.toContain('\n');
    expect(e.message).toContain(' / ');
    return e;
  }
  throw new Error('expected a UserError');
}

describe('resolveRegion', () => {
  it('kode provinsi: semua kabupatennya di referensi, nama provinsi / a province code', () => {
    const r = resolveRegion('33', config);
    const expected = listKabupaten().filter((k) => k.code.startsWith('33.')).map((k) => k.code);
    expect(r.kabupaten_codes).toEqual(expected);
    expect(r.kabupaten_codes).toHaveLength(35); // Jawa Tengah: 29 kabupaten + 6 kota
    expect(r).toMatchObject({ region: '33', region_name: 'JAWA TENGAH' });
  });

  it('daftar kode: urut naik, tanpa nama / a list, normalised', () => {
    expect(resolveRegion('64.02, 33.10,33.07', config)).toEqual({ region: '33.07,33.10,64.02', region_name: null, kabupaten_codes: ['33.07', '33.10', '64.02'] });
    expect(resolveRegion('64.02', config)).toEqual({ region: '64.02', region_name: null, kabupaten_codes: ['64.02'] });
  });

  it('nama dari konfigurasi dan all / a named region and all', () => {
    expect(resolveRegion('jateng-2', config)).toEqual({ region: 'jateng-2', region_name: 'jateng-2', kabupaten_codes: ['33.07', '33.08'] });
    const all = resolveRegion('all', config);
    expect(all.region_name).toBe('Nasional');
    expect(all.kabupaten_codes).toEqual(listKabupaten().map((k) => k.code));
    expect(all.kabupaten_codes.length).toBeGreaterThan(500);
  });

  it('salah: satu baris jelas / wrong regions are one clear line', () => {
    expect(userError(() => resolveRegion('99', config)).message).toMatch(/provinsi.*NN/);
    expect(userError(() => resolveRegion('33.07,33.99', config)).message).toMatch(/"33\.99"/);
    expect(userError(() => resolveRegion('jateng-9', config)).message).toMatch(/jateng-2/);
  });
});

describe('config regions', () => {
  it('masuk ke config efektif, bawaan kosong / in the effective config, default empty', () => {
    expect(DEFAULT_CONFIG.regions).toEqual({});
    expect(reportConfig(config).regions).toEqual({ 'jateng-2': ['33.08', '33.07'] });
    expect(Object.keys(reportConfig(config)).at(-1)).toBe('regions');
  });

  it.each([
    [{ regions: { 'jateng-2': ['33.99'] } }, /"33\.99".*referensi wilayah/],
    [{ regions: { 'jateng 2': ['33.07'] } }, /nama wilayah "regions\.jateng 2" tidak sah/],
    [{ regions: { all: ['33.07'] } }, /"all"/],
    [{ regions: { '33': ['33.07'] } }, /tidak sah/],
    [{ regions: { x: ['33.07', '33.07'] } }, /dua kali/],
    [{ regions: { x: [] } }, /regions\.x/],
    [{ regions: { x: [3307] } }, /regions\.x\.0/],
    [{ regions: ['33.07'] }, /"regions"/],
  ])('%j ditolak dengan satu baris / is refused', (json, message) => {
    const e = userError(() => parseConfig(json, 'pkh.json'));
    expect(e.code).toBe('invalid_config');
    expect(e.message).toMatch(message);
  });
});

describe('checkRegionRequest', () => {
  const now = Date.parse('2026-12-05T03:00:00Z');
  const cfg = structuredClone(DEFAULT_CONFIG) as PkhConfig;

  it('ranking --region ditolak / a ranking is for one kabupaten', () => {
    const e = userError(() => checkRegionRequest({ report: 'ranking', region: '33', period: '2026-10' }, now, cfg));
    expect(e.code).toBe('ranking_region');
  });

  it('as_of tanpa zona waktu ditolak; dengan zona diterima / as_of needs an offset', () => {
    for (const local of ['2026-11-05T23:59:59', '2026-11-05', '2026-11-05 10:00']) {
      expect(userError(() => parseRegionAsOf(local)).code).toBe('invalid_as_of');
    }
    expect(parseRegionAsOf('2026-11-05T23:30:00+07:00')).toBe(Date.UTC(2026, 10, 5, 16, 30));
    expect(parseRegionAsOf('2026-11-05T16:30:00.000Z')).toBe(Date.UTC(2026, 10, 5, 16, 30));
    expect(parseRegionAsOf('2026-11-06T00:30+0800')).toBe(Date.UTC(2026, 10, 5, 16, 30));
    expect(userError(() => parseRegionAsOf('2026-02-30T10:00:00Z')).code).toBe('invalid_as_of');
    expect(checkRegionRequest({ report: 'scorecard', region: '64.02,33.10', period: '2026-10', asOf: '2026-11-05T16:30:00Z' }, now, cfg).asOfMs).toBe(
      Date.UTC(2026, 10, 5, 16, 30),
    );
  });

  it('periode dicek di setiap zona waktu wilayah / the period is checked in every zone of the region', () => {
    // 1 Dec 00:30 WIT (Papua 91) is still 30 Nov in WIB: December has begun in Papua only.
    const at = Date.parse('2026-11-30T15:30:00Z');
    expect(checkRegionRequest({ report: 'scorecard', region: '91.03', period: '2026-12' }, at, cfg).period).toBe('2026-12');
    expect(userError(() => checkRegionRequest({ report: 'scorecard', region: '91.03,33.10', period: '2026-12' }, at, cfg)).code).toBe('future_period');
  });
});
