import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  desaOf,
  desaOfKabupaten,
  getDesa,
  getKabupaten,
  getKecamatan,
  getProvince,
  kecamatanOf,
  listKabupaten,
  listProvinces,
  resetWilayahCache,
  splitCsvLine,
  timeZoneOf,
  wilayahDataDir,
} from '../../functions/lib/wilayah.js';

describe('wilayah reference from idn-area-data', () => {
  it('lists 514 kabupaten/kota sorted by code', () => {
    const all = listKabupaten();
    expect(all).toHaveLength(514);
    const codes = all.map((k) => k.code);
    expect(codes).toEqual([...codes].sort());
    expect(listProvinces()).toHaveLength(38);
  });

  it('finds Kutai Kartanegara (64.02) with 20 kecamatan and 237 desa', () => {
    // Prepare / Act
    const kab = getKabupaten('64.02');
    const kecs = kecamatanOf('64.02');
    const desa = desaOfKabupaten('64.02');
    // Assess
    expect(kab).toEqual({
      code: '64.02',
      name: 'KABUPATEN KUTAI KARTANEGARA',
      provinceCode: '64',
      parentCode: '64',
    });
    expect(kecs).toHaveLength(20);
    expect(kecs.every((k) => k.kabupatenCode === '64.02' && k.parentCode === '64.02')).toBe(true);
    expect(kecs.map((k) => k.code)).toEqual([...kecs.map((k) => k.code)].sort());
    expect(desa).toHaveLength(237);
    expect(desa.map((d) => d.code)).toEqual([...desa.map((d) => d.code)].sort());
    const sumOfKecamatan = kecs.reduce((n, k) => n + desaOf(k.code).length, 0);
    expect(sumOfKecamatan).toBe(237);
  });

  it('looks up every level with its parent', () => {
    expect(getProvince('64')).toEqual({ code: '64', name: 'KALIMANTAN TIMUR', parentCode: '' });
    const kec = getKecamatan('11.01.01');
    expect(kec).toEqual({ code: '11.01.01', name: 'Bakongan', kabupatenCode: '11.01', parentCode: '11.01' });
    const desa = getDesa('11.01.01.2001');
    expect(desa).toEqual({
      code: '11.01.01.2001',
      name: 'Keude Bakongan',
      kecamatanCode: '11.01.01',
      parentCode: '11.01.01',
    });
    expect(desaOf('11.01.01')[0]).toEqual(desa);
  });

  it('keeps names with a literal quote untouched', () => {
    expect(getDesa('35.13.15.2017')?.name).toBe('Soka"an');
    expect(getDesa('94.04.10.2004')?.name).toBe('T"Singa');
  });

  it('returns undefined or empty lists for unknown codes', () => {
    expect(getProvince('99')).toBeUndefined();
    expect(getKabupaten('64.99')).toBeUndefined();
    expect(getKabupaten('64.2')).toBeUndefined();
    expect(getKecamatan('64.02.99')).toBeUndefined();
    expect(getDesa('64.02.01.9999')).toBeUndefined();
    expect(getKabupaten('')).toBeUndefined();
    expect(kecamatanOf('64.99')).toEqual([]);
    expect(desaOf('64.02.99')).toEqual([]);
    expect(desaOfKabupaten('64.99')).toEqual([]);
  });

  it('returns fresh arrays so a caller cannot corrupt the reference', () => {
    const list = kecamatanOf('64.02');
    list.pop();
    expect(kecamatanOf('64.02')).toHaveLength(20);
  });

  it('gives the time zone of a code by its province', () => {
    expect(timeZoneOf('64.02')).toBe('WITA');
    expect(timeZoneOf('64.02.01.2001')).toBe('WITA');
    expect(timeZoneOf('33.10')).toBe('WIB');
    expect(timeZoneOf('94.01')).toBe('WIT');
    expect(timeZoneOf('94.71')).toBe('WIT');
  });
});

describe('splitCsvLine', () => {
  it('splits plain fields and keeps a quote inside a field literal', () => {
    expect(splitCsvLine('a,b,c')).toEqual(['a', 'b', 'c']);
    expect(splitCsvLine('35.13.15.2017,35.13.15,Soka"an')).toEqual(['35.13.15.2017', '35.13.15', 'Soka"an']);
    expect(splitCsvLine('a,,')).toEqual(['a', '', '']);
  });

  it('unquotes RFC 4180 quoted fields with commas and doubled quotes', () => {
    expect(splitCsvLine('1,"Kota, Baru",x')).toEqual(['1', 'Kota, Baru', 'x']);
    expect(splitCsvLine('1,"Say ""hi"""')).toEqual(['1', 'Say "hi"']);
    expect(() => splitCsvLine('1,"open')).toThrow(/Unterminated/);
  });
});

describe('desa read one kabupaten at a time', () => {
  afterEach(() => resetWilayahCache());

  /** Desa of each kecamatan straight from villages.csv, sorted by code. */
  function desaFromFile(): Map<string, { code: string; name: string }[]> {
    const lines = readFileSync(join(wilayahDataDir(), 'villages.csv'), 'utf8').split(/\r?\n/).slice(1);
    const out = new Map<string, { code: string; name: string }[]>();
    for (const line of lines.filter((l) => l !== '')) {
      const [code, kecamatan, name] = splitCsvLine(line);
      out.set(kecamatan, [...(out.get(kecamatan) ?? []), { code, name }]);
    }
    for (const list of out.values()) list.sort((a, b) => (a.code < b.code ? -1 : 1));
    return out;
  }

  it('gives every kecamatan the desa of the whole file, before and after the whole file is read', () => {
    // Prepare: kabupaten with quoted names, the first and last of the file, then more than the searches kept apart
    const expected = desaFromFile();
    const codes = ['35.13', '94.04', '11.01', '64.02', ...listKabupaten().map((k) => k.code)];
    resetWilayahCache();
    // Act / Assess
    for (const kab of codes) {
      for (const kec of kecamatanOf(kab)) {
        expect(desaOf(kec.code).map((d) => ({ code: d.code, name: d.name })), kec.code).toEqual(expected.get(kec.code) ?? []);
      }
    }
    expect(getDesa('35.13.15.2017')?.name).toBe('Soka"an');
  });

  it('answers codes without a kabupaten part, and the kabupaten after them', () => {
    resetWilayahCache();
    expect(getDesa('')).toBeUndefined();
    expect(desaOf('64')).toEqual([]);
    expect(desaOfKabupaten('64.02')).toHaveLength(237);
  });

  it('finds a desa by code first, then its kecamatan', () => {
    resetWilayahCache();
    expect(getDesa('64.02.01.2001')?.kecamatanCode).toBe('64.02.01');
    expect(desaOf('64.02.01').some((d) => d.code === '64.02.01.2001')).toBe(true);
  });
});

describe('PKH_WILAYAH_DIR', () => {
  let dir: string | undefined;
  afterEach(() => {
    delete process.env.PKH_WILAYAH_DIR;
    resetWilayahCache();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads the CSVs from the folder the variable names (the Lambda bundle)', () => {
    // Prepare: a tiny reference with CRLF line ends and a quoted name
    dir = mkdtempSync(join(tmpdir(), 'wilayah-'));
    writeFileSync(join(dir, 'provinces.csv'), 'code,name\r\n64,KALTIM\r\n');
    writeFileSync(join(dir, 'regencies.csv'), 'code,province_code,name\r\n64.02,64,"KAB, UJI"\r\n');
    writeFileSync(join(dir, 'districts.csv'), 'code,regency_code,name\r\n64.02.01,64.02,Satu\r\n');
    writeFileSync(join(dir, 'villages.csv'), 'code,district_code,name\r\n64.02.01.2001,64.02.01,Desa\r\n');
    process.env.PKH_WILAYAH_DIR = dir;
    resetWilayahCache();
    // Act / Assess
    expect(listKabupaten()).toEqual([{ code: '64.02', name: 'KAB, UJI', provinceCode: '64', parentCode: '64' }]);
    expect(desaOfKabupaten('64.02').map((d) => d.name)).toEqual(['Desa']);
  });

  it('fails with the file path when the folder lacks the CSVs', () => {
    dir = mkdtempSync(join(tmpdir(), 'wilayah-'));
    process.env.PKH_WILAYAH_DIR = dir;
    resetWilayahCache();
    expect(() => getKabupaten('64.02')).toThrow(/provinces\.csv cannot be read/);
  });
});
