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
  // Without a quote character the RFC 4180 split is the plain one (and much faster on cold code).
  const fields = line.includes('"') ? splitCsvLine(line) : line.split(',');
  if (fields.length !== width) throw new Error(`Wilayah reference file ${path}, line ${n + 1}: expected ${width} fields`);
  return fields;
}

/** The lines of a reference file (index 0 is the header, checked). */
function readLines(dir: string, file: string, header: string): { path: string; lines: string[] } {
  const { path, bytes, start } = readBytes(dir, file, header);
  return { path, lines: [header, ...bytes.toString('utf8', start).split(/\r?\n/)] };
}

/**
 * The bytes of a reference file and where its second line starts, the header line checked. Kept
 * as bytes: decoding the 2.8 MB desa file to a string costs more than the searches a report makes.
 */
function readBytes(dir: string, file: string, header: string): { path: string; bytes: Buffer; start: number } {
  const path = join(dir, file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new Error(
      `Wilayah reference file ${path} cannot be read (${(err as Error).message}); ` +
        'set PKH_WILAYAH_DIR or install idn-area-data',
    );
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let end = bytes.indexOf(0x0a, bom);
  const start = end < 0 ? bytes.length : end + 1;
  if (end < 0) end = bytes.length;
  const firstLine = bytes.toString('utf8', bom, bytes[end - 1] === 0x0d ? end - 1 : end);
  if (firstLine !== header) throw new Error(`Wilayah reference file ${path}: expected header "${header}", got "${firstLine}"`);
  return { path, bytes, start };
}

const DESA_HEADER = 'code,district_code,name';

/**
 * Kabupaten read by a text search before the whole desa file is indexed: a search is about a
 * millisecond, the index some tens (a region report of many kabupaten builds it).
 */
const KABUPATEN_SEARCHES = 8;

/**
 * The desa of `villages.csv`, turned into objects one kabupaten at a time on first use: the file
 * has about 84k lines and a kabupaten report needs a few hundred, so a command that reads one
 * kabupaten does not pay for splitting the whole country into lines (most of `pkh report`'s
 * start-up otherwise). The lines of a kabupaten are found by searching the text for its code at
 * the start of the district_code column; after {@link KABUPATEN_SEARCHES} kabupaten, or for a
 * desa looked up by code and not found there, every line is read once.
 */
class DesaIndex {
  private readonly path: string;
  private readonly bytes: Buffer;
  /** Where the first desa line starts (after the header). */
  private readonly start: number;
  /** Desa per kecamatan code (the district_code column), in file order until sorted by `of`. */
  private readonly byKecamatan = new Map<string, Desa[]>();
  private readonly sorted = new Set<string>();
  private readonly byCode = new Map<string, Desa>();
  private readonly searched = new Set<string>();
  private complete = false;

  constructor(dir: string) {
    ({ path: this.path, bytes: this.bytes, start: this.start } = readBytes(dir, 'villages.csv', DESA_HEADER));
  }

  /** Desa of a kecamatan, sorted by code (the shared array: callers copy it). */
  of(kecamatanCode: string): Desa[] {
    if (!this.complete) {
      const kabupaten = kabupatenPart(kecamatanCode);
      if (kabupaten === undefined || (!this.searched.has(kabupaten) && this.searched.size >= KABUPATEN_SEARCHES)) this.readAll();
      else if (!this.searched.has(kabupaten)) this.search(kabupaten);
    }
    const list = this.byKecamatan.get(kecamatanCode) ?? [];
    if (!this.sorted.has(kecamatanCode)) {
      list.sort(byCode);
      this.sorted.add(kecamatanCode);
    }
    return list;
  }

  get(code: string): Desa | undefined {
    // Parsed already (every later lookup of a desa, once per row on ingest): no search.
    const parsed = this.byCode.get(code);
    if (parsed !== undefined || this.complete) return parsed;
    // A desa code starts with its kecamatan's code; read that kabupaten first, everything if it is not there.
    this.of(code.slice(0, code.lastIndexOf('.')));
    if (!this.complete && !this.byCode.has(code)) this.readAll();
    return this.byCode.get(code);
  }

  /** Reads the lines whose district_code is a kecamatan of `kabupaten`. */
  private search(kabupaten: string): void {
    this.searched.add(kabupaten);
    // One search finds the code in either column, quoted or not; a line found twice is read once.
    const starts = new Set<number>();
    const needle = Buffer.from(`${kabupaten}.`);
    for (let i = this.bytes.indexOf(needle, this.start); i >= 0; i = this.bytes.indexOf(needle, i + needle.length)) {
      starts.add(this.bytes.lastIndexOf(0x0a, i) + 1);
    }
    // File order, as a full read would add them.
    for (const start of [...starts].sort((a, b) => a - b)) {
      const desa = this.parse(start);
      if (desa && kabupatenPart(desa.kecamatanCode) === kabupaten) this.add(desa);
    }
  }

  /** Every line, once: the kabupaten searched before are left as they are. */
  private readAll(): void {
    if (this.complete) return;
    for (let start = this.start; start > 0 && start < this.bytes.length; start = this.bytes.indexOf(0x0a, start) + 1) {
      const desa = this.parse(start);
      if (desa) {
        const kabupaten = kabupatenPart(desa.kecamatanCode);
        if (kabupaten === undefined || !this.searched.has(kabupaten)) this.add(desa);
      }
    }
    this.complete = true;
  }

  /** The desa of the line starting at byte `start`; undefined for an empty line. */
  private parse(start: number): Desa | undefined {
    let end = this.bytes.indexOf(0x0a, start);
    if (end < 0) end = this.bytes.length;
    const line = this.bytes.toString('utf8', start, this.bytes[end - 1] === 0x0d ? end - 1 : end);
    if (line === '') return undefined;
    const fields = splitCsvLine(line);
    if (fields.length !== 3) {
      let lineNumber = 1;
      for (let i = this.bytes.indexOf(0x0a); i >= 0 && i < start; i = this.bytes.indexOf(0x0a, i + 1)) lineNumber++;
      throw new Error(`Wilayah reference file ${this.path}, line ${lineNumber}: expected 3 fields`);
    }
    const [code, kecamatanCode, name] = fields;
    return { code, name, kecamatanCode, parentCode: kecamatanCode };
  }

  private add(desa: Desa): void {
    // Codes are unique in the pinned reference; a repeated one would keep its last row here.
    this.byCode.set(desa.code, desa);
    const list = this.byKecamatan.get(desa.kecamatanCode);
    if (list) list.push(desa);
    else this.byKecamatan.set(desa.kecamatanCode, [desa]);
  }
}

/** '64.02' of the kecamatan code '64.02.01'; undefined for a code without a kabupaten part. */
function kabupatenPart(kecamatanCode: string): string | undefined {
  const dot = kecamatanCode.lastIndexOf('.');
  return dot > 0 ? kecamatanCode.slice(0, dot) : undefined;
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
