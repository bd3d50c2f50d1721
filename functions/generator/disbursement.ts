/**
 * disbursement rows: one per family (KPM) per stage. PKH is paid in four stages a year (tahap
 * 1–4 in January, April, July, October) with the per-component amounts below; BPNT monthly
 * (tahap = month) to a fifth of the families; PERMAKANAN monthly to a few elderly.
 * Mostly `salur` and reconciled; field verification lags far behind (the real gap); ~3% of
 * families' KKS cards are held by someone else. A stage whose payment date would be after
 * today is still `proses`.
 */
import { firstDay } from '../lib/localtime.js';
import { columnIndex, type GeneratedRow } from './columns.js';
import { boolCell, dateCell, rupiahCell } from './format.js';
import { cumulative, Rng } from './prng.js';
import type { KecamatanPlan, World } from './world.js';

/** PKH amount per component per stage (rupiah): a family has 1–4 components. */
export const PKH_COMPONENTS = {
  ibu_hamil: 750_000,
  anak_usia_dini: 750_000,
  sd: 225_000,
  smp: 375_000,
  sma: 500_000,
  lansia: 600_000,
  disabilitas_berat: 600_000,
} as const;
export const BPNT_MONTHLY = 200_000;
export const PERMAKANAN_MONTHLY = 900_000;

const COMPONENT_AMOUNTS = Object.values(PKH_COMPONENTS);
const COMPONENT_CUM = cumulative([6, 20, 30, 18, 12, 10, 4]);
const COMPONENT_COUNT_CUM = cumulative([35, 35, 20, 10]);
const CHANNELS = ['BRI', 'BNI', 'MANDIRI', 'BSI', 'BTN', 'POS'] as const;
const CHANNEL_CUM = cumulative([36, 24, 15, 6, 5, 14]);
/** Aceh pays through BSI (qanun on Islamic finance). */
const CHANNEL_CUM_ACEH = cumulative([4, 2, 2, 86, 1, 5]);

/** The families of one kecamatan, precomputed once (tens of thousands per kabupaten). */
interface Families {
  k: KecamatanPlan;
  count: number;
  /** `000123`: the family's number in the kabupaten. */
  seq: string[];
  kpmId: string[];
  desa: string[];
  channel: string[];
  pkhAmount: Int32Array;
  /** bit 0 BPNT, bit 1 PERMAKANAN, bit 2 card held by a third party */
  flags: Uint8Array;
  reconciler: string[];
}

function familiesOf(w: World, k: KecamatanPlan, first: number): Families {
  const rng = Rng.of(w.ctx.seed, k.code, 'families');
  const n = k.desa.length > 0 ? k.kpm : 0;
  const staff = w.facilitators.filter((f) => f.role === 'pendamping' && f.rostered && f.assignments[0].kecamatan === k).map((f) => f.id);
  const reconciler = staff.length > 0 ? staff : [w.korkab.id];
  const fam: Families = {
    k,
    count: n,
    seq: new Array<string>(n),
    kpmId: new Array<string>(n),
    desa: new Array<string>(n),
    channel: new Array<string>(n),
    pkhAmount: new Int32Array(n),
    flags: new Uint8Array(n),
    reconciler: new Array<string>(n),
  };
  const channels = w.code.startsWith('11.') ? CHANNEL_CUM_ACEH : CHANNEL_CUM;
  for (let i = 0; i < n; i++) {
    const seq = String(first + i).padStart(6, '0');
    fam.seq[i] = seq;
    fam.kpmId[i] = `KPM-${w.kab4}-${seq}`;
    fam.desa[i] = k.desa[rng.int(0, k.desa.length - 1)];
    fam.channel[i] = CHANNELS[rng.weighted(channels)];
    let amount = 0;
    for (let c = rng.weighted(COMPONENT_COUNT_CUM); c >= 0; c--) amount += COMPONENT_AMOUNTS[rng.weighted(COMPONENT_CUM)];
    fam.pkhAmount[i] = amount;
    fam.flags[i] = (rng.chance(BPNT_SHARE) ? 1 : 0) | (rng.chance(0.02) ? 2 : 0) | (rng.chance(0.03) ? 4 : 0);
    fam.reconciler[i] = reconciler[i % reconciler.length];
  }
  return fam;
}

type Program = 'PKH' | 'BPNT' | 'PERMAKANAN';

/** What every row of one (period, program) shares. */
interface Stage {
  program: Program;
  period: string;
  tahap: string;
  idPrefix: string;
  /** Candidate payment dates (none after today). */
  paydays: string[];
  /** How many of the payment window's days were cut off because they are after today. */
  futureDays: number;
}

/** Share of PKH families that also get BPNT (sembako) through the same channel. */
const BPNT_SHARE = 0.2;
/** Payment window after the 1st of the period, in days, per program. */
const PAY_WINDOW: Record<Program, [number, number]> = { PKH: [4, 40], BPNT: [3, 25], PERMAKANAN: [1, 27] };

function stageOf(w: World, program: Program, period: string): Stage {
  const month = Number(period.slice(5));
  const [lo, hi] = PAY_WINDOW[program];
  const start = firstDay(period);
  const all = Array.from({ length: hi - lo + 1 }, (_, i) => w.days.add(start, lo + i));
  const paydays = all.filter((d) => d <= w.today);
  return {
    program,
    period,
    tahap: String(program === 'PKH' ? (month - 1) / 3 + 1 : month),
    idPrefix: `${program}-${w.kab4}-${period.replace('-', '')}-`,
    paydays,
    futureDays: all.length - paydays.length,
  };
}

/** Valid disbursement rows of a kabupaten: period by period, program by program. */
export function* disbursementRows(w: World): Generator<GeneratedRow> {
  let next = 1;
  const families = w.kecamatan.map((k) => {
    const f = familiesOf(w, k, next);
    next += f.count;
    return f;
  });
  const rng = Rng.of(w.ctx.seed, w.code, 'disbursement');
  for (const period of w.ctx.periods) {
    if (firstDay(period) > w.today) continue;
    const month = Number(period.slice(5));
    const programs: Program[] = month % 3 === 1 ? ['PKH', 'BPNT', 'PERMAKANAN'] : ['BPNT', 'PERMAKANAN'];
    for (const program of programs) {
      const stage = stageOf(w, program, period);
      const mask = program === 'BPNT' ? 1 : program === 'PERMAKANAN' ? 2 : 0;
      for (const f of families) {
        for (let i = 0; i < f.count; i++) {
          if (mask !== 0 && (f.flags[i] & mask) === 0) continue;
          yield row(w, f, i, stage, rng);
        }
      }
    }
  }
}

function row(w: World, f: Families, i: number, stage: Stage, rng: Rng): GeneratedRow {
  const k = f.k;
  const program = stage.program;
  const allocated = program === 'PKH' ? f.pkhAmount[i] : program === 'BPNT' ? BPNT_MONTHLY : PERMAKANAN_MONTHLY;
  const x = rng.next();
  let status: 'salur' | 'proses' | 'gagal' | 'retur' =
    x < 0.02 * k.failure ? 'gagal' : x < 0.035 * k.failure ? 'retur' : x < 0.035 * k.failure + 0.015 ? 'proses' : 'salur';
  let paidOn = '';
  if (status === 'salur') {
    // A payment date after today has not happened: the stage is still in progress.
    const d = rng.int(0, stage.paydays.length + stage.futureDays - 1);
    if (d < stage.paydays.length) paidOn = stage.paydays[d];
    else status = 'proses';
  }
  const salur = status === 'salur';
  const disbursed = salur ? (rng.chance(0.01) ? Math.floor(allocated / 2000) * 1000 : allocated) : 0;
  const reconciled = salur ? rng.chance(k.reconRate) : status !== 'proses' && rng.chance(0.5);
  const fieldVerified = reconciled && rng.chance(salur ? k.fieldRate : 0.2);

  const cells = [
    stage.idPrefix + f.seq[i],
    f.kpmId[i],
    program,
    stage.period,
    stage.tahap,
    w.code,
    k.code,
    f.desa[i],
    program === 'PERMAKANAN' ? 'POS' : f.channel[i],
    rupiahCell(allocated, rng),
    rupiahCell(disbursed, rng),
    status,
    salur ? dateCell(paidOn, rng) : '',
    boolCell(reconciled, rng),
    boolCell(fieldVerified, rng),
    boolCell((f.flags[i] & 4) !== 0, rng),
    reconciled && rng.chance(0.8) ? f.reconciler[i] : '',
  ];
  return { cells: ORDER ? ORDER.map((j) => (j < 0 ? '' : cells[j])) : cells, invalid: null };
}

/**
 * The row above is built in the order the columns are declared today; if the schema's order
 * ever differs, cells are permuted into it (slower, still correct).
 */
const BUILD_ORDER = [
  'disbursement_id',
  'kpm_id',
  'program',
  'period',
  'tahap',
  'kabupaten_code',
  'kecamatan_code',
  'desa_code',
  'channel',
  'amount_allocated',
  'amount_disbursed',
  'status',
  'disbursed_at',
  'reconciled',
  'field_verified',
  'card_held_by_third_party',
  'reconciled_by',
] as const;
const C = columnIndex('disbursement', BUILD_ORDER);
const ORDER: number[] | null =
  C.width === BUILD_ORDER.length && BUILD_ORDER.every((name, i) => C[name] === i)
    ? null
    : Array.from({ length: C.width }, (_, j) => BUILD_ORDER.findIndex((name) => C[name] === j));
