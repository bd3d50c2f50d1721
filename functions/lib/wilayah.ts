/**
 * Wilayah reference: provinces, kabupaten/kota, kecamatan and desa/kelurahan from the pinned
 * `idn-area-data` package. Loaded synchronously on first use and kept in memory (about 84k desa,
 * a few MB), so every lookup after that is a Map access; desa are parsed per kecamatan when first
 * asked for.
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
  desa: DesaIndex;
  kabupatenList: Kabupaten[];
  kecamatanByKabupaten: Map<string, Kecamatan[]>;
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
  const { path, lines } = readLines(dir, file, header);
  const width = header.split(',').length;
  const rows: string[][] = [];
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n];
    if (line === '') continue;
    rows.push(splitFields(path, n, line, width));
  }
  return rows;
}

function splitFields(path: string, n: number, line: string, width: number): string[] {
  const fields = splitCsvLine(line);
  if (fields.length !== width) throw new Error(`Wilayah reference file ${path}, line ${n + 1}: expected ${width} fields`);
  return fields;
}

/** The lines of a reference file (index 0 is the header, checked). */
function readLines(dir: string, file: string, header: string): { path: string; lines: string[] } {
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
  return { path, lines };
}

const DESA_HEADER = 'code,district_code,name';

/**
 * The desa of `villages.csv`, turned into objects one kecamatan at a time on first use: the file
 * has about 84k lines and a kabupaten report needs a few hundred, so a command that reads one
 * kabupaten does not pay for the whole country (most of `pkh report`'s start-up otherwise).
 */
class DesaIndex {
  private readonly path: string;
  private readonly lines: string[];
  /** Line numbers per kecamatan code (the district_code column). */
  private readonly linesOf = new Map<string, number[]>();
  private readonly parsed = new Map<string, Desa[]>();
  private readonly byCode = new Map<string, Desa>();
  private complete = false;

  constructor(dir: string) {
    ({ path: this.path, lines: this.lines } = readLines(dir, 'villages.csv', DESA_HEADER));
    for (let n = 1; n < this.lines.length; n++) {
      const line = this.lines[n];
      if (line === '') continue;
      const a = line.indexOf(',');
      const b = line.indexOf(',', a + 1);
      // Codes are never quoted; anything unusual goes through the full CSV split.
      const kecamatan = a > 0 && b > a && line[0] !== '"' && line[a + 1] !== '"' ? line.slice(a + 1, b) : splitFields(this.path, n, line, 3)[1];
      const list = this.linesOf.get(kecamatan);
      if (list) list.push(n);
      else this.linesOf.set(kecamatan, [n]);
    }
  }

  /** Desa of a kecamatan, sorted by code (the shared array: callers copy it). */
  of(kecamatanCode: string): Desa[] {
    let list = this.parsed.get(kecamatanCode);
    if (list) return list;
    list = [];
    for (const n of this.linesOf.get(kecamatanCode) ?? []) {
      const [code, kecamatanCode, name] = splitFields(this.path, n, this.lines[n], 3);
      const desa: Desa = { code, name, kecamatanCode, parentCode: kecamatanCode };
      // Codes are unique in the pinned reference; a repeated one would keep its last row here.
      this.byCode.set(code, desa);
      list.push(desa);
    }
    list.sort(byCode);
    this.parsed.set(kecamatanCode, list);
    return list;
  }

  get(code: string): Desa | undefined {
    // Parsed already (every later lookup of a desa): no scan of its kecamatan's list, once per row on ingest.
    const parsed = this.byCode.get(code);
    if (parsed !== undefined || this.complete) return parsed;
    // A desa code starts with its kecamatan's code; parse that kecamatan first, all of them if it is not there.
    const found = this.of(code.slice(0, code.lastIndexOf('.'))).find((d) => d.code === code);
    if (found) return this.byCode.get(code);
    for (const kecamatan of this.linesOf.keys()) this.of(kecamatan);
    this.complete = true;
    return this.byCode.get(code);
  }
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
  data = {
    provinces,
    kabupaten,
    kecamatan,
    desa: new DesaIndex(dir),
    kabupatenList: [...kabupaten.values()].sort(byCode),
    kecamatanByKabupaten: groupBy(kecamatan.values()),
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
  return [...load().desa.of(kecamatanCode)];
}

/** Every desa of a kabupaten, sorted by code; empty for an unknown kabupaten. */
export function desaOfKabupaten(kabupatenCode: string): Desa[] {
  const d = load();
  const out: Desa[] = [];
  for (const kec of d.kecamatanByKabupaten.get(kabupatenCode) ?? []) {
    out.push(...d.desa.of(kec.code));
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
