/**
 * activity_log rows: on each working day a facilitator is assigned, usually one to four
 * activities of the 13 types, sent the same evening or within a day or two, some late, a few
 * corrected later (same activity_id). Kecamatan meetings fall on 2–4 shared days a month;
 * village coordination reaches the kecamatan's desa progressively through each year.
 */
import { ACTIVITY_TYPES, DESA_ACTIVITY_TYPES } from '../../schemas/activity-log.js';
import { columnIndex, emptyCells, type GeneratedRow } from './columns.js';
import { dateCell } from './format.js';
import { nikLike, PAYLOADS } from './names.js';
import { cumulative, Rng } from './prng.js';
import { submissionCell } from './submission.js';
import { assignmentOn, type Facilitator, type KecamatanPlan, type World } from './world.js';

const C = columnIndex('activity_log', [
  'activity_id',
  'facilitator_id',
  'activity_date',
  'kabupaten_code',
  'kecamatan_code',
  'desa_code',
  'activity_type',
  'kpm_reached',
  'submitted_at',
  'description',
] as const);

type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Relative frequency of each type for a pendamping (DATA.md order). */
const PENDAMPING_WEIGHTS: Record<ActivityType, number> = {
  verifikasi_komitmen: 16,
  validasi_calon_kpm: 4,
  pemutakhiran_data: 8,
  p2k2: 16,
  pendampingan_penyaluran: 6,
  rekonsiliasi_penyaluran: 4,
  koordinasi_kecamatan: 1,
  koordinasi_desa: 9,
  penanganan_pengaduan: 5,
  graduasi: 3,
  kunjungan_rumah: 18,
  administrasi: 7,
  lainnya: 3,
};
const APD_WEIGHTS: Partial<Record<ActivityType, number>> = {
  pemutakhiran_data: 35,
  administrasi: 30,
  validasi_calon_kpm: 12,
  rekonsiliasi_penyaluran: 10,
  penanganan_pengaduan: 6,
  lainnya: 4,
};

/** Typical families reached per activity: [min, max]. */
const REACH: Record<ActivityType, [number, number]> = {
  verifikasi_komitmen: [10, 60],
  validasi_calon_kpm: [5, 40],
  pemutakhiran_data: [5, 50],
  p2k2: [10, 30],
  pendampingan_penyaluran: [20, 120],
  rekonsiliasi_penyaluran: [10, 80],
  koordinasi_kecamatan: [0, 0],
  koordinasi_desa: [0, 0],
  penanganan_pengaduan: [1, 3],
  graduasi: [1, 5],
  kunjungan_rumah: [1, 5],
  administrasi: [0, 0],
  lainnya: [0, 10],
};

const P2K2_MODULES = ['kesehatan', 'pendidikan dan pengasuhan anak', 'pengelolaan keuangan', 'perlindungan anak', 'kesejahteraan sosial lansia'];

/** Activities per reported day: 1–4. */
const PER_DAY = cumulative([30, 35, 25, 10]);
/** Delay of the first submission in days: normal months, and low-reporting months. */
const DELAY_NORMAL = cumulative([82, 9, 4, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5]);
const DELAY_LOW = cumulative([45, 12, 8, 5, 5, 5, 5, 4, 4, 4, 3]);
const PKH_STAGE_MONTHS = new Set([1, 4, 7, 10]);

interface TypeTable {
  types: ActivityType[];
  cum: number[];
}

function table(weights: Partial<Record<ActivityType, number>>, boost: Partial<Record<ActivityType, number>> = {}): TypeTable {
  const types = ACTIVITY_TYPES.filter((t) => (weights[t] ?? 0) > 0);
  return { types, cum: cumulative(types.map((t) => weights[t]! * (boost[t] ?? 1))) };
}

const TABLES = {
  pendamping: table(PENDAMPING_WEIGHTS),
  // Disbursement months: more accompanying of payouts; the month after: reconciliation.
  pendampingStage: table(PENDAMPING_WEIGHTS, { pendampingan_penyaluran: 3 }),
  pendampingAfterStage: table(PENDAMPING_WEIGHTS, { rekonsiliasi_penyaluran: 2.5 }),
  apd: table(APD_WEIGHTS),
};

/** Per-run state: meeting days per kecamatan-month, coverage cursors per kecamatan-year. */
class ActivityState {
  private readonly meetings = new Map<string, Set<string>>();
  private readonly cursors = new Map<string, { order: number[]; covered: number }>();

  constructor(private readonly w: World) {}

  meetingDays(k: KecamatanPlan, period: string): Set<string> {
    const key = `${k.code}|${period}`;
    let set = this.meetings.get(key);
    if (!set) {
      const rng = Rng.of(this.w.ctx.seed, key, 'meetings');
      const days = this.w.workingDays.get(period) ?? [];
      set = new Set(rng.shuffled(days).slice(0, rng.int(2, 4)));
      this.meetings.set(key, set);
    }
    return set;
  }

  /** A desa for village coordination: new desa open up through the year (target month/12 × speed). */
  coordinationDesa(k: KecamatanPlan, date: string, rng: Rng): number {
    const year = date.slice(0, 4);
    const key = `${k.code}|${year}`;
    let c = this.cursors.get(key);
    if (!c) {
      const order = Rng.of(this.w.ctx.seed, key, 'coverage').shuffled(k.desa.map((_, i) => i));
      c = { order, covered: 0 };
      this.cursors.set(key, c);
    }
    const n = c.order.length;
    const month = Number(date.slice(5, 7));
    const target = Math.max(1, Math.min(n, Math.ceil((n * k.coverageSpeed * month) / 12)));
    if (c.covered < target && (c.covered === 0 || rng.chance(0.7))) return c.order[c.covered++];
    return c.order[rng.int(0, Math.max(c.covered, 1) - 1)];
  }
}

/** Valid activity_log rows of a kabupaten, month by month. */
export function* activityLogRows(w: World): Generator<GeneratedRow> {
  const state = new ActivityState(w);
  for (const period of w.ctx.periods) {
    const days = w.workingDays.get(period) ?? [];
    if (days.length === 0) continue;
    const month = Number(period.slice(5));
    const tables = PKH_STAGE_MONTHS.has(month) ? TABLES.pendampingStage : PKH_STAGE_MONTHS.has(month - 1) ? TABLES.pendampingAfterStage : TABLES.pendamping;
    for (const f of w.facilitators) {
      const rng = Rng.of(w.ctx.seed, f.id, period, 'activity');
      const mode = f.modes.get(period);
      if (mode === 'silent') continue;
      const low = mode === 'low';
      const pDay = f.role === 'korkab' ? 0.5 : low ? rng.real(0.35, 0.75) : rng.real(0.9, 1);
      for (const date of days) {
        const a = assignmentOn(f, date);
        if (!a || !rng.chance(pDay)) continue;
        if (f.role === 'korkab') {
          yield* korkabDay(w, f, date, period, state, rng);
          continue;
        }
        const n = 1 + rng.weighted(PER_DAY);
        const meeting = state.meetingDays(a.kecamatan, period).has(date);
        const delay = rng.weighted(low ? DELAY_LOW : DELAY_NORMAL);
        for (let i = 1; i <= n; i++) {
          const type: ActivityType =
            i === 1 && meeting && rng.chance(0.85) ? 'koordinasi_kecamatan' : pickType(f.role === 'apd' ? TABLES.apd : tables, rng);
          yield* activity(w, f, date, i, a.kecamatan, type, delay, state, rng);
        }
      }
    }
  }
}

function pickType(t: TypeTable, rng: Rng): ActivityType {
  return t.types[rng.weighted(t.cum)];
}

function* korkabDay(w: World, f: Facilitator, date: string, period: string, state: ActivityState, rng: Rng): Generator<GeneratedRow> {
  const k = rng.pick(w.kecamatan);
  const type: ActivityType = state.meetingDays(k, period).has(date) ? 'koordinasi_kecamatan' : rng.chance(0.8) ? 'administrasi' : 'lainnya';
  yield* activity(w, f, date, 1, k, type, rng.weighted(DELAY_NORMAL), state, rng);
}

function* activity(
  w: World,
  f: Facilitator,
  date: string,
  seq: number,
  k: KecamatanPlan,
  type: ActivityType,
  delay: number,
  state: ActivityState,
  rng: Rng,
): Generator<GeneratedRow> {
  let desa = -1;
  if (type === 'koordinasi_desa') desa = state.coordinationDesa(k, date, rng);
  else if (DESA_ACTIVITY_TYPES.has(type) || rng.chance(0.3)) desa = rng.int(0, k.desa.length - 1);
  if (desa >= 0 && k.desa.length === 0) return;

  const sentOn = w.days.add(date, delay);
  const second = delay === 0 ? rng.int(13 * 3600, 23 * 3600 + 59 * 60) : rng.int(6 * 3600, 23 * 3600);
  const submitted = submissionCell(w, sentOn, second, rng);
  if (submitted === null) return;

  const [lo, hi] = REACH[type];
  const cells = emptyCells(C.width);
  cells[C.activity_id] = `${f.id}-${date.replaceAll('-', '')}-${seq}`;
  cells[C.facilitator_id] = f.id;
  cells[C.activity_date] = dateCell(date, rng);
  cells[C.kabupaten_code] = w.code;
  cells[C.kecamatan_code] = k.code;
  cells[C.desa_code] = desa >= 0 ? k.desa[desa] : '';
  cells[C.activity_type] = type;
  cells[C.kpm_reached] = String(rng.int(lo, hi));
  cells[C.submitted_at] = submitted;
  cells[C.description] = describe(w, type, k, desa, rng);
  yield { cells, invalid: null };

  if (rng.chance(0.015)) {
    // A correction: same activity_id, sent 1–5 days later; sometimes re-dated to the day before.
    const resent = submissionCell(w, w.days.add(sentOn, rng.int(1, 5)), rng.int(7 * 3600, 22 * 3600), rng);
    if (resent === null) return;
    const fixed = [...cells];
    fixed[C.submitted_at] = resent;
    fixed[C.kpm_reached] = String(rng.int(lo, hi));
    if (rng.chance(0.2)) fixed[C.activity_date] = w.days.add(date, -1);
    fixed[C.description] = `${cells[C.description]} (koreksi)`.trimStart();
    yield { cells: fixed, invalid: null };
  }
}

function describe(w: World, type: ActivityType, k: KecamatanPlan, desa: number, rng: Rng): string {
  const x = rng.next();
  if (x < 0.15) return '';
  if (x > 0.999) return rng.chance(0.6) ? rng.pick(PAYLOADS) : `Cek data KPM dengan NIK ${nikLike(w.kab4, rng)} di dukcapil`;
  const place = desa >= 0 ? k.desaNames[desa] : k.name;
  switch (type) {
    case 'verifikasi_komitmen':
      return 'Verifikasi komitmen kesehatan dan pendidikan KPM';
    case 'validasi_calon_kpm':
      return `Validasi calon KPM usulan desa, ${place}`;
    case 'pemutakhiran_data':
      return 'Pemutakhiran data KPM di SIKS-NG';
    case 'p2k2':
      return `Pertemuan P2K2 modul ${rng.pick(P2K2_MODULES)} di ${place}`;
    case 'pendampingan_penyaluran':
      return `Pendampingan penyaluran bansos tahap berjalan, ${place}`;
    case 'rekonsiliasi_penyaluran':
      return 'Rekonsiliasi hasil penyaluran dengan ketua kelompok';
    case 'koordinasi_kecamatan':
      return `Rapat koordinasi dengan camat dan kasi kesos Kecamatan ${k.name}`;
    case 'koordinasi_desa':
      return `Koordinasi dengan pemerintah desa ${place} tentang "musdes" DTKS`;
    case 'penanganan_pengaduan':
      return 'Tindak lanjut pengaduan KPM: KKS belum diterima';
    case 'graduasi':
      return 'Pendampingan graduasi mandiri KPM';
    case 'kunjungan_rumah':
      return `Kunjungan rumah KPM di ${place}`;
    case 'administrasi':
      return 'Penyusunan laporan dan administrasi kantor';
    case 'lainnya':
      return 'Sosialisasi program bersama TKSK';
  }
}
