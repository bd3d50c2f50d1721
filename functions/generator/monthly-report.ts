/**
 * monthly_report rows: one per expected facilitator per month, sent mostly in the first five
 * days of the next month; some late (day 6–15), a few missing, a few corrected later (same key,
 * later `submitted_at`). Facilitators in a low-reporting month miss and delay far more often.
 */
import { firstDay, periodAdd } from '../lib/localtime.js';
import { columnIndex, emptyCells, type GeneratedRow } from './columns.js';
import { pad2 } from './format.js';
import { nikLike, PAYLOADS } from './names.js';
import { Rng } from './prng.js';
import { submissionCell } from './submission.js';
import { assignmentInPeriod, type Facilitator, type KecamatanPlan, type World } from './world.js';

const C = columnIndex('monthly_report', [
  'period',
  'facilitator_id',
  'kabupaten_code',
  'kecamatan_code',
  'submitted_at',
  'kpm_assigned',
  'kpm_verified',
  'p2k2_groups',
  'p2k2_sessions',
  'p2k2_kpm_attended',
  'dtks_updates',
  'complaints_received',
  'complaints_resolved',
  'graduations',
  'coord_meetings_kecamatan',
  'coord_meetings_desa',
  'notes',
] as const);

const NOTES = [
  'Pertemuan P2K2 berjalan sesuai jadwal',
  'Beberapa KPM pindah domisili, sudah diusulkan pemutakhiran',
  'Kendala sinyal di desa terpencil, laporan dikirim dari kecamatan',
  'Verifikasi komitmen pendidikan selesai; kesehatan menunggu data puskesmas',
  'KKS rusak 3 KPM, sudah dilaporkan ke bank penyalur',
  'Ada KPM "graduasi mandiri" bulan ini',
  'Koordinasi dengan TKSK dan kasi kesos',
];

/** Local date of the n-th day of the month after `period`. */
function dayAfter(period: string, day: number): string {
  return `${periodAdd(period, 1)}-${pad2(day)}`;
}

export function* monthlyReportRows(w: World): Generator<GeneratedRow> {
  const rng = Rng.of(w.ctx.seed, w.code, 'monthly_report');
  const reporters = w.facilitators.filter((f) => f.role === 'pendamping' || f.role === 'apd');
  for (const period of w.ctx.periods) {
    if (firstDay(period) > w.today) continue;
    const perKecamatan = new Map<KecamatanPlan, number>();
    for (const f of reporters) {
      const a = f.role === 'pendamping' ? assignmentInPeriod(f, period) : undefined;
      if (a) perKecamatan.set(a.kecamatan, (perKecamatan.get(a.kecamatan) ?? 0) + 1);
    }
    for (const f of reporters) yield* facilitatorMonth(w, f, period, perKecamatan, rng);
  }
}

function* facilitatorMonth(
  w: World,
  f: Facilitator,
  period: string,
  perKecamatan: Map<KecamatanPlan, number>,
  rng: Rng,
): Generator<GeneratedRow> {
  const a = assignmentInPeriod(f, period);
  if (!a) return;
  const mode = f.modes.get(period);
  const low = mode === 'low';
  if (mode === 'silent' || rng.chance(low ? 0.35 : 0.02) || (!f.rostered && rng.chance(0.5))) return;

  const x = rng.next();
  let date: string;
  let second = rng.int(7 * 3600, 23 * 3600 - 1);
  if (!low && x < 0.05) date = `${period}-${pad2(rng.int(26, 28))}`;
  else if (x < 0.07) {
    // Right at the deadline: 23:59 on day 5 (on time) or a minute past midnight on day 6 (late).
    const onTime = rng.chance(0.5);
    date = dayAfter(period, onTime ? 5 : 6);
    second = onTime ? 23 * 3600 + 59 * 60 + rng.int(0, 58) : rng.int(0, 120);
  } else if (x < (low ? 0.45 : 0.9)) date = dayAfter(period, rng.int(1, 5));
  else date = dayAfter(period, rng.int(6, 15));

  const submitted = submissionCell(w, date, second, rng);
  if (submitted === null) return;

  const cells = emptyCells(C.width);
  cells[C.period] = period;
  cells[C.facilitator_id] = f.id;
  cells[C.kabupaten_code] = w.code;
  cells[C.kecamatan_code] = a.kecamatan.code;
  cells[C.submitted_at] = submitted;
  fillFigures(cells, f, a.kecamatan, perKecamatan.get(a.kecamatan) ?? 1, low, rng);
  cells[C.notes] = noteFor(w, rng);
  yield { cells, invalid: null };

  if (rng.chance(0.04)) {
    // A correction: same (facilitator, period), sent 1–10 days later with revised figures.
    const later = w.days.add(date, rng.int(1, 10));
    const resent = submissionCell(w, later, rng.int(7 * 3600, 22 * 3600), rng);
    if (resent === null) return;
    const fixed = [...cells];
    fixed[C.submitted_at] = resent;
    const assigned = Number(cells[C.kpm_assigned]);
    fixed[C.kpm_verified] = String(Math.min(assigned, Number(cells[C.kpm_verified]) + rng.int(0, 10)));
    fixed[C.complaints_resolved] = String(Number(cells[C.complaints_resolved]) + rng.int(0, 2));
    fixed[C.notes] = 'Revisi: perbaikan jumlah KPM terverifikasi';
    yield { cells: fixed, invalid: null };
  }
}

function fillFigures(cells: string[], f: Facilitator, k: KecamatanPlan, colleagues: number, low: boolean, rng: Rng): void {
  const pendamping = f.role === 'pendamping';
  const assigned = pendamping ? Math.max(1, Math.round((k.kpm / colleagues) * rng.real(0.88, 1.12))) : 0;
  const verified = Math.round(assigned * (low ? rng.real(0.55, 0.92) : rng.real(0.85, 1)));
  const groups = pendamping ? Math.max(1, Math.round(assigned / 25) + rng.int(-1, 1)) : 0;
  const received = pendamping ? rng.weighted(COMPLAINTS) : rng.int(0, 2);
  const resolved = Math.max(0, received + rng.int(-2, 2));
  cells[C.kpm_assigned] = String(assigned);
  cells[C.kpm_verified] = String(verified);
  cells[C.p2k2_groups] = String(groups);
  cells[C.p2k2_sessions] = String(groups * rng.int(1, 2) - (low ? rng.int(0, groups) : 0));
  cells[C.p2k2_kpm_attended] = String(Math.round(assigned * (low ? rng.real(0.4, 0.8) : rng.real(0.65, 0.96))));
  cells[C.dtks_updates] = String(pendamping ? rng.int(0, 12) : rng.int(20, 90));
  cells[C.complaints_received] = String(received);
  cells[C.complaints_resolved] = String(resolved);
  cells[C.graduations] = String(pendamping ? rng.weighted(GRADUATIONS) : 0);
  cells[C.coord_meetings_kecamatan] = String(rng.int(low ? 0 : 1, 4));
  cells[C.coord_meetings_desa] = String(pendamping ? rng.int(low ? 0 : 1, 8) : 0);
}

const COMPLAINTS = [0.2, 0.45, 0.65, 0.8, 0.9, 0.95, 0.98, 1];
const GRADUATIONS = [0.55, 0.8, 0.92, 0.98, 1];

function noteFor(w: World, rng: Rng): string {
  const x = rng.next();
  if (x < 0.6) return '';
  if (x < 0.997) return rng.pick(NOTES);
  if (x < 0.9985) return rng.pick(PAYLOADS);
  return `Data KPM NIK ${nikLike(w.kab4, rng)} sudah diperbaiki`;
}
