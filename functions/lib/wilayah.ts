/**
 * Wilayah reference: provinces, kabupaten/kota, kecamatan and desa/kelurahan from the pinned
 * `idn-area-data` package. Loaded synchronously on first use and kept in memory (about 84k desa,
 * a few MB), so every lookup after that is a Map access.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { zoneOfProvince, type TimeZoneName } from './localtime.js';

export interface Province {
  code: string;
  name: string;
  /** Provinces have no parent; '' keeps the shape uniform with the other levels. */
  parentCode: string;
}
export interface Kabupaten {
  code: string;
  name: string;
  provinceCode: string;
  parentCode: string;
}
export interface Kecamatan {
  code: string;
  name: string;
  kabupatenCode: string;
  parentCode: string;
}
export interface Desa {
  code: string;
  name: string;
  kecamatanCode: string;
  parentCode: string;
}

interface WilayahData {
  provinces: Map<string, Province>;
  kabupaten: Map<string, Kabupaten>;
  kecamatan: Map<string, Kecamatan>;
  desa: Map<string, Desa>;
  kabupatenList: Kabupaten[];
  kecamatanByKabupaten: Map<string, Kecamatan[]>;
  desaByKecamatan: Map<string, Desa[]>;
}

let data: WilayahData | undefined;

/**
 * Folder holding the idn-area-data CSVs: `PKH_WILAYAH_DIR` when set (the Lambda bundle copies
 * the CSVs there, as node_modules is not shipped), else the installed package's `data/`.
 */
export function wilayahDataDir(): string {
  const fromEnv = process.env.PKH_WILAYAH_DIR;
  if (fromEnv) return fromEnv;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('idn-area-data/package.json')), 'data');
}

/**
 * Splits one CSV line. The reference has names with a literal `"` inside (`Soka"an`), which
 * are not quoted fields, so quoting is honoured only when a field starts with `"` (RFC 4180).
 */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`Unterminated quoted field: ${line}`);
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
      if (i >= line.length) return fields;
      if (line[i] !== ',') throw new Error(`Unexpected text after a quoted field: ${line}`);
      i++;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        fields.push(line.slice(i));
        return fields;
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

function readCsv(dir: string, file: string, header: string): string[][] {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(
      `Wilayah reference file ${path} cannot be read (${(err as Error).message}); ` +
        'set PKH_WILAYAH_DIR or install idn-area-data',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  if (lines[0] !== header) throw new Error(`Wilayah reference file ${path}: expected header "${header}", got "${lines[0]}"`);
  const width = header.split(',').length;
  const rows: string[][] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n];
    if (line === '') continue;
    const fields = splitCsvLine(line);
    if (fields.length !== width) throw new Error(`Wilayah reference file ${path}, line ${n + 1}: expected ${width} fields`);
    rows.push(fields);
  }
  return rows;
}

function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function groupBy<T extends { code: string; parentCode: string }>(items: Iterable<T>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.parentCode);
    if (list) list.push(item);
    else groups.set(item.parentCode, [item]);
  }
  for (const list of groups.values()) list.sort(byCode);
  return groups;
}

function load(): WilayahData {
  if (data) return data;
  const dir = wilayahDataDir();
  const provinces = new Map<string, Province>();
  for (const [code, name] of readCsv(dir, 'provinces.csv', 'code,name')) {
    provinces.set(code, { code, name, parentCode: '' });
  }
  const kabupaten = new Map<string, Kabupaten>();
  for (const [code, provinceCode, name] of readCsv(dir, 'regencies.csv', 'code,province_code,name')) {
    kabupaten.set(code, { code, name, provinceCode, parentCode: provinceCode });
  }
  const kecamatan = new Map<string, Kecamatan>();
  for (const [code, kabupatenCode, name] of readCsv(dir, 'districts.csv', 'code,regency_code,name')) {
    kecamatan.set(code, { code, name, kabupatenCode, parentCode: kabupatenCode });
  }
  const desa = new Map<string, Desa>();
  for (const [code, kecamatanCode, name] of readCsv(dir, 'villages.csv', 'code,district_code,name')) {
    desa.set(code, { code, name, kecamatanCode, parentCode: kecamatanCode });
  }
  data = {
    provinces,
    kabupaten,
    kecamatan,
    desa,
    kabupatenList: [...kabupaten.values()].sort(byCode),
    kecamatanByKabupaten: groupBy(kecamatan.values()),
    desaByKecamatan: groupBy(desa.values()),
  };
  return data;
}

/** Province by code ('64'), or undefined. */
export function getProvince(code: string): Province | undefined {
  return load().provinces.get(code);
}

/** Kabupaten/kota by code ('64.02'), or undefined. */
export function getKabupaten(code: string): Kabupaten | undefined {
  return load().kabupaten.get(code);
}

/** Kecamatan by code ('64.02.01'), or undefined. */
export function getKecamatan(code: string): Kecamatan | undefined {
  return load().kecamatan.get(code);
}

/** Desa/kelurahan by code ('64.02.01.2001'), or undefined. */
export function getDesa(code: string): Desa | undefined {
  return load().desa.get(code);
}

/** Every province, sorted by code. */
export function listProvinces(): Province[] {
  return [...load().provinces.values()].sort(byCode);
}

/** Every kabupaten/kota, sorted by code (a fresh array; the objects are shared, do not mutate). */
export function listKabupaten(): Kabupaten[] {
  return [...load().kabupatenList];
}

/** Kecamatan of a kabupaten, sorted by code; empty for an unknown kabupaten. */
export function kecamatanOf(kabupatenCode: string): Kecamatan[] {
  return [...(load().kecamatanByKabupaten.get(kabupatenCode) ?? [])];
}

/** Desa of a kecamatan, sorted by code; empty for an unknown kecamatan. */
export function desaOf(kecamatanCode: string): Desa[] {
  return [...(load().desaByKecamatan.get(kecamatanCode) ?? [])];
}

/** Every desa of a kabupaten, sorted by code; empty for an unknown kabupaten. */
export function desaOfKabupaten(kabupatenCode: string): Desa[] {
  const d = load();
  const out: Desa[] = [];
  for (const kec of d.kecamatanByKabupaten.get(kabupatenCode) ?? []) {
    out.push(...(d.desaByKecamatan.get(kec.code) ?? []));
  }
  return out;
}

/** Time zone of any wilayah code, by its province (DATA.md table). */
export function timeZoneOf(code: string): TimeZoneName {
  return zoneOfProvince(code);
}

/** Drops the loaded reference so the next lookup re-reads it (tests of PKH_WILAYAH_DIR). */
export function resetWilayahCache(): void {
  data = undefined;
}
