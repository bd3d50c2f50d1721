/**
 * Invalid rows on purpose (`--invalid-rate`): a share of rows is broken, each in one way that
 * earns exactly one DATA.md error code, cycling through every kind of rule the dataset has
 * (a dataset without enums gets no unknown_value, and so on). The intended code travels with the
 * row so tests can check that validation rejects it with that code and no other.
 */
import { addDays, localDateOf } from '../lib/localtime.js';
import { getDesa, getKecamatan } from '../lib/wilayah.js';
import type { DatasetName } from '../../schemas/index.js';
import type { ErrorCode } from '../../schemas/messages.js';
import { columnIndex, headerOf, type GeneratedRow } from './columns.js';
import { clock } from './format.js';
import { nikLike } from './names.js';
import { hashString, Rng } from './prng.js';
import type { World } from './world.js';

interface Mutation {
  code: ErrorCode;
  apply(cells: string[], w: World, rng: Rng): void;
}

type Index = Record<string, number>;

function index(dataset: DatasetName): Index {
  return columnIndex(dataset, headerOf(dataset));
}

/** `YYYY-MM-DD` of a date cell written as ISO, `DD/MM/YYYY` or `DD-MM-YYYY`. */
function isoOf(cell: string): string {
  const m = /^(\d{2})[/-](\d{2})[/-](\d{4})$/.exec(cell);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : cell;
}

/** The integer of a cell written plain or with thousands separators. */
function intOf(cell: string): number {
  return Number(cell.replaceAll('.', ''));
}

function unknownKecamatan(kabupaten: string): string {
  for (let n = 99; n > 0; n--) {
    const code = `${kabupaten}.${n}`;
    if (!getKecamatan(code)) return code;
  }
  throw new Error(`no free kecamatan code in ${kabupaten}`);
}

function unknownDesa(kecamatan: string): string {
  for (let n = 9999; n > 0; n--) {
    const code = `${kecamatan}.${n}`;
    if (!getDesa(code)) return code;
  }
  throw new Error(`no free desa code in ${kecamatan}`);
}

/** A desa that exists but lies in another kecamatan. */
function otherDesa(w: World, kecamatan: string): string {
  const other = w.kecamatan.find((k) => k.code !== kecamatan && k.desa.length > 0);
  return other ? other.desa[0] : `${w.foreignKecamatan}.2001`;
}

/** A local moment some weeks after now, as a timestamp cell without offset. */
function futureTimestamp(w: World, days: number): string {
  return `${localDateOf(w.ctx.now + days * 86_400_000, w.zone)} 10:00:00`;
}

function futureDate(w: World, days: number): string {
  return addDays(w.today, days);
}

function nik(w: World, rng: Rng): string {
  return nikLike(w.kab4, rng);
}

function long(text: string, length: number): string {
  const base = text === '' ? 'x' : text;
  // Ends in a letter, so trimming cannot bring it back under the limit.
  return `${base.repeat(Math.ceil(length / base.length) + 1).slice(0, length)}x`;
}

function rosterMutations(): Mutation[] {
  const c = index('roster');
  return [
    { code: 'required', apply: (r) => (r[c.full_name] = '') },
    { code: 'invalid_format', apply: (r) => (r[c.facilitator_id] = r[c.facilitator_id].replaceAll('-', ' ')) },
    { code: 'invalid_date', apply: (r) => (r[c.active_from] = `${isoOf(r[c.active_from]).slice(0, 4)}-02-30`) },
    { code: 'unknown_value', apply: (r) => (r[c.role] = 'koordinator') },
    { code: 'out_of_range', apply: (r) => (r[c.full_name] = long(r[c.full_name], 120)) },
    { code: 'unknown_wilayah', apply: (r, w) => (r[c.kecamatan_code] = unknownKecamatan(w.code)) },
    { code: 'wilayah_mismatch', apply: (r, w) => (r[c.kecamatan_code] = w.foreignKecamatan) },
    {
      code: 'cross_field',
      apply: (r) => {
        if (r[c.role] === 'korkab') r[c.active_to] = addDays(isoOf(r[c.active_from]), -1);
        else r[c.kecamatan_code] = '';
      },
    },
    { code: 'pii_nik', apply: (r, w, rng) => (r[c.facilitator_id] = nik(w, rng)) },
    { code: 'required', apply: (r) => (r[c.active_from] = '') },
    { code: 'invalid_format', apply: (r) => (r[c.active_from] = 'awal tahun') },
    { code: 'cross_field', apply: (r) => (r[c.active_to] = addDays(isoOf(r[c.active_from]), -30)) },
    { code: 'pii_nik', apply: (r, w, rng) => (r[c.supervisor_id] = nik(w, rng)) },
    { code: 'invalid_format', apply: (r) => (r[c.kabupaten_code] = r[c.kabupaten_code].replace('.', '')) },
  ];
}

function monthlyMutations(): Mutation[] {
  const c = index('monthly_report');
  return [
    { code: 'required', apply: (r) => (r[c.facilitator_id] = '') },
    { code: 'invalid_format', apply: (r) => (r[c.kpm_assigned] = 'dua ratus') },
    { code: 'invalid_date', apply: (r) => (r[c.period] = `${r[c.period].slice(0, 4)}-13`) },
    { code: 'out_of_range', apply: (r) => (r[c.complaints_received] = '-2') },
    { code: 'unknown_wilayah', apply: (r, w) => (r[c.kecamatan_code] = unknownKecamatan(w.code)) },
    { code: 'wilayah_mismatch', apply: (r, w) => (r[c.kecamatan_code] = w.foreignKecamatan) },
    { code: 'cross_field', apply: (r) => (r[c.kpm_verified] = String(Number(r[c.kpm_assigned]) + 5)) },
    { code: 'future_date', apply: (r, w) => (r[c.submitted_at] = futureTimestamp(w, 40)) },
    { code: 'pii_nik', apply: (r, w, rng) => (r[c.facilitator_id] = nik(w, rng)) },
    { code: 'required', apply: (r) => (r[c.submitted_at] = '') },
    { code: 'invalid_format', apply: (r) => (r[c.submitted_at] = `05/${r[c.period].slice(5)}/${r[c.period].slice(0, 4)} 09:00`) },
    { code: 'invalid_date', apply: (r) => (r[c.submitted_at] = `${r[c.period].slice(0, 4)}-02-30 10:00`) },
    { code: 'cross_field', apply: (r) => (r[c.submitted_at] = `${addDays(`${r[c.period]}-01`, -3)} 10:00:00`) },
    { code: 'out_of_range', apply: (r) => (r[c.notes] = long('Catatan panjang. ', 2000)) },
    { code: 'cross_field', apply: (r) => (r[c.p2k2_kpm_attended] = String(Number(r[c.kpm_assigned]) + 1)) },
  ];
}

function activityMutations(): Mutation[] {
  const c = index('activity_log');
  return [
    { code: 'required', apply: (r) => (r[c.activity_id] = '') },
    { code: 'invalid_format', apply: (r) => (r[c.kpm_reached] = '3 KPM') },
    { code: 'invalid_date', apply: (r) => (r[c.activity_date] = `${isoOf(r[c.activity_date]).slice(0, 4)}-02-30`) },
    { code: 'unknown_value', apply: (r) => (r[c.activity_type] = 'rapat_rt') },
    { code: 'out_of_range', apply: (r) => (r[c.kpm_reached] = '-3') },
    { code: 'unknown_wilayah', apply: (r) => (r[c.desa_code] = unknownDesa(r[c.kecamatan_code])) },
    { code: 'wilayah_mismatch', apply: (r, w) => (r[c.desa_code] = otherDesa(w, r[c.kecamatan_code])) },
    {
      code: 'cross_field',
      apply: (r) => {
        r[c.activity_type] = 'p2k2';
        r[c.desa_code] = '';
      },
    },
    { code: 'future_date', apply: (r, w) => (r[c.activity_date] = futureDate(w, 20)) },
    { code: 'pii_nik', apply: (r, w, rng) => (r[c.facilitator_id] = nik(w, rng)) },
    { code: 'cross_field', apply: (r) => (r[c.submitted_at] = `${addDays(isoOf(r[c.activity_date]), -1)} ${clock(20 * 3600)}`) },
    { code: 'out_of_range', apply: (r) => (r[c.description] = long(r[c.description], 1000)) },
    { code: 'invalid_format', apply: (r) => (r[c.submitted_at] = 'kemarin sore') },
    { code: 'unknown_wilayah', apply: (r, w) => (r[c.kecamatan_code] = unknownKecamatan(w.code)) },
    { code: 'future_date', apply: (r, w) => (r[c.submitted_at] = futureTimestamp(w, 40)) },
    { code: 'required', apply: (r) => (r[c.submitted_at] = '') },
  ];
}

function disbursementMutations(): Mutation[] {
  const c = index('disbursement');
  const paid = (r: string[], w: World, date?: string) => {
    r[c.status] = 'salur';
    r[c.amount_disbursed] = String(intOf(r[c.amount_allocated]));
    const mid = `${r[c.period]}-15`;
    r[c.disbursed_at] = date ?? (mid < w.today ? mid : w.today);
  };
  return [
    { code: 'required', apply: (r) => (r[c.kpm_id] = '') },
    { code: 'invalid_format', apply: (r) => (r[c.amount_allocated] = intOf(r[c.amount_allocated]).toLocaleString('en-US')) },
    { code: 'invalid_date', apply: (r) => (r[c.period] = `${r[c.period].slice(0, 4)}-13`) },
    { code: 'unknown_value', apply: (r) => (r[c.channel] = 'BCA') },
    { code: 'out_of_range', apply: (r) => (r[c.tahap] = '13') },
    { code: 'unknown_wilayah', apply: (r) => (r[c.desa_code] = unknownDesa(r[c.kecamatan_code])) },
    { code: 'wilayah_mismatch', apply: (r, w) => (r[c.desa_code] = otherDesa(w, r[c.kecamatan_code])) },
    {
      code: 'cross_field',
      apply: (r, w) => {
        paid(r, w);
        r[c.amount_disbursed] = String(intOf(r[c.amount_allocated]) + 50_000);
      },
    },
    { code: 'future_date', apply: (r, w) => paid(r, w, futureDate(w, 10)) },
    { code: 'pii_nik', apply: (r, w, rng) => (r[c.kpm_id] = nik(w, rng)) },
    {
      code: 'cross_field',
      apply: (r, w) => {
        paid(r, w);
        r[c.disbursed_at] = '';
      },
    },
    {
      code: 'cross_field',
      apply: (r) => {
        r[c.status] = 'gagal';
        r[c.amount_disbursed] = String(intOf(r[c.amount_allocated]));
        r[c.disbursed_at] = '';
      },
    },
    {
      code: 'cross_field',
      apply: (r) => {
        r[c.reconciled] = 'false';
        r[c.field_verified] = 'true';
      },
    },
    { code: 'unknown_value', apply: (r) => (r[c.status] = 'batal') },
    { code: 'invalid_format', apply: (r) => (r[c.reconciled] = 'mungkin') },
    { code: 'out_of_range', apply: (r) => (r[c.amount_allocated] = '0') },
    { code: 'invalid_date', apply: (r, w) => paid(r, w, `31/02/${r[c.period].slice(0, 4)}`) },
    {
      code: 'cross_field',
      apply: (r) => {
        r[c.status] = 'proses';
        r[c.amount_disbursed] = '0';
        r[c.disbursed_at] = `${r[c.period]}-01`;
      },
    },
    { code: 'pii_nik', apply: (r, w, rng) => (r[c.reconciled_by] = nik(w, rng)) },
    { code: 'unknown_wilayah', apply: (r, w) => (r[c.kecamatan_code] = unknownKecamatan(w.code)) },
  ];
}

function profileMutations(): Mutation[] {
  const c = index('kecamatan_profile');
  return [
    { code: 'required', apply: (r) => (r[c.households] = '') },
    { code: 'invalid_format', apply: (r) => (r[c.population] = '12,5 ribu') },
    { code: 'out_of_range', apply: (r) => (r[c.year] = '1990') },
    { code: 'unknown_wilayah', apply: (r, w) => (r[c.kecamatan_code] = unknownKecamatan(w.code)) },
    { code: 'wilayah_mismatch', apply: (r, w) => (r[c.kecamatan_code] = w.foreignKecamatan) },
    { code: 'cross_field', apply: (r) => (r[c.dtks_households] = String(Number(r[c.households]) + 10)) },
    { code: 'out_of_range', apply: (r) => (r[c.population] = '0') },
    { code: 'cross_field', apply: (r) => (r[c.extreme_poor_households] = String(Number(r[c.dtks_households]) + 5)) },
    { code: 'invalid_format', apply: (r) => (r[c.kabupaten_code] = r[c.kabupaten_code].replace('.', '-')) },
    { code: 'required', apply: (r) => (r[c.kecamatan_code] = '') },
  ];
}

let mutations: Record<DatasetName, Mutation[]> | undefined;

/** Every way a dataset's rows are broken, in the order they are cycled through. */
export function mutationsOf(dataset: DatasetName): readonly Mutation[] {
  mutations ??= {
    roster: rosterMutations(),
    monthly_report: monthlyMutations(),
    activity_log: activityMutations(),
    disbursement: disbursementMutations(),
    kecamatan_profile: profileMutations(),
  };
  return mutations[dataset];
}

/** The error codes a dataset's invalid rows can carry. */
export function invalidCodesOf(dataset: DatasetName): ErrorCode[] {
  return [...new Set(mutationsOf(dataset).map((m) => m.code))];
}

/**
 * Breaks `rate` of the rows (exactly, by an accumulator rather than by chance) of one
 * kabupaten's dataset, starting the cycle at a kabupaten-specific kind.
 */
export function* withInvalidRows(rows: Iterable<GeneratedRow>, dataset: DatasetName, w: World): Generator<GeneratedRow> {
  const rate = w.ctx.invalidRate;
  if (rate <= 0) {
    yield* rows;
    return;
  }
  const kinds = mutationsOf(dataset);
  const h = hashString(`${w.ctx.seed}|${w.code}|${dataset}|invalid`);
  const rng = new Rng(h);
  let acc = (h % 1000) / 1000;
  let next = h % kinds.length;
  for (const row of rows) {
    acc += rate;
    if (acc >= 1) {
      acc -= 1;
      const kind = kinds[next];
      next = (next + 1) % kinds.length;
      // A copy: the generator may still reuse the original cells (a correction row is built from them).
      const cells = [...row.cells];
      kind.apply(cells, w, rng);
      yield { cells, invalid: kind.code };
      continue;
    }
    yield row;
  }
}
