/**
 * The plan of one kabupaten: its real kecamatan and desa with plausible statistics, its
 * facilitators with their assignments over time (moves, arrivals, departures), and who goes
 * through low-reporting months. Every dataset's rows are drawn from this plan, so they agree
 * with each other. Built from the seed and the kabupaten code alone.
 */
import { workingDays } from '../lib/calendar.js';
import { DEFAULT_CONFIG } from '../lib/config.js';
import { firstDay, lastDay, localDateOf, offsetMinutes, type TimeZoneName } from '../lib/localtime.js';
import { desaOf, getKabupaten, kecamatanOf, listKabupaten, timeZoneOf } from '../lib/wilayah.js';
import { DayIndex } from './days.js';
import { offsetLabel, pad2 } from './format.js';
import { PAYLOADS, personName } from './names.js';
import type { GeneratorContext } from './options.js';
import { Rng } from './prng.js';

/** Families (KPM) one pendamping looks after, roughly. */
export const KPM_PER_PENDAMPING = 250;
/** One APD (data administrator) per this many pendamping. */
export const PENDAMPING_PER_APD = 10;

export interface KecamatanPlan {
  code: string;
  name: string;
  desa: string[];
  desaNames: string[];
  /** Population in the end period's year. */
  population: number;
  growth: number;
  personsPerHousehold: number;
  dtksShare: number;
  extremeShare: number;
  /** PKH families as a share of DTKS households. */
  pkhShare: number;
  /** PKH families (KPM) in the kecamatan. */
  kpm: number;
  /** Multiplier of disbursement failures (some kecamatan fail far more often). */
  failure: number;
  reconRate: number;
  fieldRate: number;
  /** How fast village coordination reaches every desa in a year (1 = on the month/12 target). */
  coverageSpeed: number;
}

export interface Assignment {
  from: string;
  to: string | null;
  kecamatan: KecamatanPlan;
}

export type Role = 'pendamping' | 'apd' | 'korkab';
/** `low`: reports on few days; `silent`: sends nothing that month. */
export type MonthMode = 'low' | 'silent';

export interface Facilitator {
  id: string;
  name: string;
  role: Role;
  supervisorId: string | null;
  /** Ascending by `from`. A korkab's kecamatan is only where its own activities are logged. */
  assignments: Assignment[];
  /** Months with poor reporting. */
  modes: Map<string, MonthMode>;
  /** False for the facilitator who reports without a roster row (data quality case). */
  rostered: boolean;
}

export interface World {
  ctx: GeneratorContext;
  code: string;
  name: string;
  /** `6402` for `64.02`, used in ids. */
  kab4: string;
  zone: TimeZoneName;
  offsetMinutes: number;
  offsetLabel: string;
  /** Local date of `ctx.now` in this kabupaten. */
  today: string;
  days: DayIndex;
  kecamatan: KecamatanPlan[];
  facilitators: Facilitator[];
  korkab: Facilitator;
  /** A kecamatan of another kabupaten (for wilayah_mismatch rows). */
  foreignKecamatan: string;
  /** Working days of each generated period, up to `today`. */
  workingDays: Map<string, string[]>;
}

const workingDaysCache = new Map<string, string[]>();

function periodWorkingDays(period: string): string[] {
  let days = workingDaysCache.get(period);
  if (!days) {
    // The default config's calendar (no cuti bersama): what reports see unless a config adds days.
    days = workingDays(period, DEFAULT_CONFIG);
    workingDaysCache.set(period, days);
  }
  return days;
}

/** Builds the plan of one kabupaten. */
export function buildWorld(code: string, ctx: GeneratorContext): World {
  const kab = getKabupaten(code);
  if (!kab) throw new Error(`buildWorld: unknown kabupaten ${code}`);
  const zone = timeZoneOf(code);
  const today = localDateOf(ctx.now, zone);
  const first = firstDay(ctx.periods[0]);
  const last = lastDay(ctx.endPeriod);
  const days = new DayIndex(shiftDate(first, -120), shiftDate(last, 120));
  const kecamatan = kecamatanOf(code).map((k) => planKecamatan(k.code, k.name, ctx));
  const wd = new Map<string, string[]>();
  for (const p of ctx.periods) wd.set(p, periodWorkingDays(p).filter((d) => d <= today));

  const base: WorldBase = {
    ctx,
    code,
    name: kab.name,
    kab4: code.replace('.', ''),
    zone,
    offsetMinutes: offsetMinutes(zone),
    offsetLabel: offsetLabel(offsetMinutes(zone)),
    today,
    days,
    kecamatan,
    foreignKecamatan: foreignKecamatanOf(code),
    workingDays: wd,
  };
  return { ...base, ...planStaff(base) };
}

/** A plan before its staff is drawn. */
type WorldBase = Omit<World, 'facilitators' | 'korkab'>;

function shiftDate(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function planKecamatan(code: string, name: string, ctx: GeneratorContext): KecamatanPlan {
  const rng = Rng.of(ctx.seed, code, 'kecamatan');
  const desa = desaOf(code);
  let population = 0;
  for (const d of desa) {
    // Kelurahan (urban, code 1xxx) are far bigger than rural desa (2xxx).
    const median = d.code.charAt(9) === '1' ? 8000 : 2500;
    population += Math.round(median * Math.exp(0.45 * rng.normal()));
  }
  population = Math.max(population, 500);
  const personsPerHousehold = rng.real(3.3, 3.9);
  const dtksShare = rng.real(0.25, 0.55);
  const pkhShare = rng.real(0.17, 0.33);
  const households = population / personsPerHousehold;
  return {
    code,
    name,
    desa: desa.map((d) => d.code),
    desaNames: desa.map((d) => d.name),
    population,
    growth: rng.real(0.006, 0.016),
    personsPerHousehold,
    dtksShare,
    extremeShare: rng.real(0.06, 0.45),
    pkhShare,
    kpm: Math.max(20, Math.round(households * dtksShare * pkhShare)),
    failure: rng.chance(0.15) ? rng.real(2, 5) : rng.real(0.3, 1.3),
    reconRate: rng.real(0.7, 0.98),
    fieldRate: rng.real(0.12, 0.6),
    coverageSpeed: rng.chance(0.2) ? rng.real(0.55, 0.8) : rng.real(0.95, 1.4),
  };
}

function foreignKecamatanOf(code: string): string {
  const all = listKabupaten();
  const i = all.findIndex((k) => k.code === code);
  for (let step = 1; step < all.length; step++) {
    const other = kecamatanOf(all[(i + step) % all.length].code);
    if (other.length > 0) return other[0].code;
  }
  throw new Error('no other kabupaten with kecamatan');
}

/** A start date long before the generated range. */
function oldStart(rng: Rng, beforeYear: number): string {
  const year = rng.int(Math.min(2016, beforeYear - 1), beforeYear - 1);
  return `${year}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
}

function facilitatorName(ctx: GeneratorContext, id: string): string {
  const rng = Rng.of(ctx.seed, id, 'name');
  // A few names are formula / markup payloads: valid rows that every output must escape.
  return rng.chance(0.01) ? rng.pick(PAYLOADS) : personName(rng);
}

function planStaff(w: WorldBase): { facilitators: Facilitator[]; korkab: Facilitator } {
  const { ctx, kab4 } = w;
  const rng = Rng.of(ctx.seed, w.code, 'staff');
  const startYear = Number(ctx.periods[0].slice(0, 4));
  const korkabId = `KK-${kab4}-01`;
  const korkab: Facilitator = {
    id: korkabId,
    name: facilitatorName(ctx, korkabId),
    role: 'korkab',
    supervisorId: null,
    assignments: [{ from: oldStart(rng, startYear), to: null, kecamatan: w.kecamatan[0] }],
    modes: new Map(),
    rostered: true,
  };
  const staff: Facilitator[] = [korkab];
  let seq = 0;
  const pendamping = (kec: KecamatanPlan, from: string): Facilitator => {
    const id = `PD-${kab4}-${String(++seq).padStart(4, '0')}`;
    return {
      id,
      name: facilitatorName(ctx, id),
      role: 'pendamping',
      supervisorId: korkabId,
      assignments: [{ from, to: null, kecamatan: kec }],
      modes: new Map(),
      rostered: true,
    };
  };
  for (const kec of w.kecamatan) {
    const n = Math.max(1, Math.round(kec.kpm / KPM_PER_PENDAMPING));
    for (let i = 0; i < n; i++) staff.push(pendamping(kec, oldStart(rng, startYear)));
  }
  const nPendamping = staff.length - 1;
  const bySize = [...w.kecamatan].sort((a, b) => b.kpm - a.kpm || (a.code < b.code ? -1 : 1));
  const nApd = Math.max(1, Math.round(nPendamping / PENDAMPING_PER_APD));
  for (let i = 0; i < nApd; i++) {
    const id = `APD-${kab4}-${String(i + 1).padStart(3, '0')}`;
    staff.push({
      id,
      name: facilitatorName(ctx, id),
      role: 'apd',
      supervisorId: korkabId,
      assignments: [{ from: oldStart(rng, startYear), to: null, kecamatan: bySize[i % bySize.length] }],
      modes: new Map(),
      rostered: true,
    });
  }
  planRosterChanges(w, staff, rng, () => pendamping(w.kecamatan[0], ''));
  planModes(w, staff);
  const ghostKec = rng.pick(w.kecamatan);
  const ghostPeriod = rng.pick(ctx.periods);
  staff.push({
    id: `PD-${kab4}-9${String(rng.int(1, 999)).padStart(3, '0')}`,
    name: '',
    role: 'pendamping',
    supervisorId: korkabId,
    assignments: [{ from: firstDay(ghostPeriod), to: lastDay(ghostPeriod), kecamatan: ghostKec }],
    modes: new Map([[ghostPeriod, 'low']]),
    rostered: false,
  });
  return { facilitators: staff, korkab };
}

/** Mid-month moves, departures and arrivals inside the generated range (none after today). */
function planRosterChanges(w: WorldBase, staff: Facilitator[], rng: Rng, newcomer: () => Facilitator): void {
  const { ctx } = w;
  const eligible = ctx.periods.filter((p) => `${p}-06` < w.today);
  if (eligible.length === 0) return;
  const pool = rng.shuffled(staff.filter((f) => f.role === 'pendamping'));
  const n = Math.max(1, Math.round(pool.length * ctx.periods.length * 0.0015));
  const dayIn = (p: string, lo: number, hi: number) => {
    const d = `${p}-${pad2(rng.int(lo, Math.min(hi, Number(lastDay(p).slice(8)))))}`;
    return d < w.today ? d : w.days.add(w.today, -1);
  };
  let next = 0;
  for (let i = 0; i < n && next < pool.length; i++) {
    // Move to another kecamatan: the old row ends on day X, the new one starts on X + 1.
    const f = pool[next++];
    if (w.kecamatan.length < 2) break;
    const x = dayIn(rng.pick(eligible), 5, 24);
    const current = f.assignments[0];
    let target = rng.pick(w.kecamatan);
    while (target === current.kecamatan) target = rng.pick(w.kecamatan);
    current.to = x;
    f.assignments.push({ from: w.days.add(x, 1), to: null, kecamatan: target });
  }
  for (let i = 0; i < n && next < pool.length; i++) {
    // A departure, and a newcomer who takes over later in the same or a following month.
    const f = pool[next++];
    const period = rng.pick(eligible);
    const x = dayIn(period, 3, 26);
    f.assignments[0].to = x;
    const later = eligible.filter((p) => p >= period);
    const nf = newcomer();
    nf.assignments[0] = { from: dayIn(rng.pick(later), 3, 28), to: null, kecamatan: f.assignments[0].kecamatan };
    if (nf.assignments[0].from <= x) nf.assignments[0].from = w.days.add(x, 1);
    staff.push(nf);
  }
}

/** About 8% of facilitators go through a streak of low-reporting months; a few months are silent. */
function planModes(w: WorldBase, staff: Facilitator[]): void {
  const { ctx } = w;
  const m = ctx.periods.length;
  for (const f of staff) {
    if (f.role === 'korkab') continue;
    const rng = Rng.of(ctx.seed, f.id, 'modes');
    if (rng.chance(0.08)) {
      const length = rng.int(2, 6);
      const end = rng.chance(0.4) ? m - 1 : rng.int(0, m - 1 + length - 1);
      for (let i = Math.max(0, end - length + 1); i <= Math.min(end, m - 1); i++) f.modes.set(ctx.periods[i], 'low');
    }
    for (const p of ctx.periods) if (!f.modes.has(p) && rng.chance(0.01)) f.modes.set(p, 'silent');
  }
}

/** The assignment covering `date`, if any. */
export function assignmentOn(f: Facilitator, date: string): Assignment | undefined {
  for (let i = f.assignments.length - 1; i >= 0; i--) {
    const a = f.assignments[i];
    if (a.from <= date && (a.to === null || a.to >= date)) return a;
  }
  return undefined;
}

/** The assignment in force at the end of `period` (greatest `from` among those overlapping it). */
export function assignmentInPeriod(f: Facilitator, period: string): Assignment | undefined {
  const first = firstDay(period);
  const last = lastDay(period);
  for (let i = f.assignments.length - 1; i >= 0; i--) {
    const a = f.assignments[i];
    if (a.from <= last && (a.to === null || a.to >= first)) return a;
  }
  return undefined;
}

/** Households of a kecamatan in a year, and the DTKS / extreme-poor counts (consistent by construction). */
export function profileOf(k: KecamatanPlan, year: number, endYear: number) {
  const population = Math.max(1, Math.round(k.population * Math.pow(1 + k.growth, year - endYear)));
  const households = Math.max(1, Math.round(population / k.personsPerHousehold));
  const dtks = Math.min(households, Math.round(households * k.dtksShare * (1 - 0.012 * (year - endYear))));
  const extreme = Math.min(dtks, Math.round(dtks * k.extremeShare * (1 - 0.04 * (year - endYear))));
  return { population, households, dtks, extreme };
}
