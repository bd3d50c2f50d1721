/**
 * Valid rows of every dataset, built from the column declarations' rules in DATA.md: for each
 * row the raw cells (as a person might type them) and the typed row the lake must hold. The
 * expected values are computed here, independently of the validators.
 */
import fc from 'fast-check';
import { ACTIVITY_TYPES, DESA_ACTIVITY_TYPES } from '../../../schemas/activity-log.js';
import { CHANNELS, DISBURSEMENT_STATUSES, PROGRAMS } from '../../../schemas/disbursement.js';
import { ROLES } from '../../../schemas/roster.js';
import { DATASET_NAMES } from '../../../functions/lib/lake-layout.js';
import { getDataset, type DatasetName, type Row } from '../../../schemas/index.js';
import {
  boolCell,
  dateBetween,
  dateCell,
  enumCell,
  facilitatorIdCell,
  fixedEnumCell,
  idCell,
  intCell,
  textCell,
  timestampCell,
  type Cell,
  type TextProfile,
} from './values.js';
import { allPlaces, DAY_MS, FIRST_DAY, LAST_DAY, localYmd, NOW, type Place } from './world.js';

type CellValue = string | number | boolean | null;

/** One generated row: raw text per canonical column ('' or spaces = empty) and the expected stored row. */
export interface GenRow {
  place: Place;
  cells: Record<string, string>;
  expected: Row;
}

type Cells = Record<string, Cell<CellValue>>;

const blank: fc.Arbitrary<Cell<null>> = fc.constantFrom('', '', ' ', ' \t ').map((text) => ({ text, value: null }));

function optional<T extends CellValue>(arb: fc.Arbitrary<Cell<T>>): fc.Arbitrary<Cell<T | null>> {
  return fc.oneof(blank, arb);
}

const place: fc.Arbitrary<Place> = fc.constant(null).chain(() => fc.constantFrom(...allPlaces()));

/** Mostly small realistic counts, sometimes large ones (still int32). */
function count(max = 500): fc.Arbitrary<number> {
  return fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 2_147_483_647 }) });
}

function rupiah(min: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: Math.max(min, 1), max: 40 }).map((k) => k * 75_000) },
    { weight: 2, arbitrary: fc.integer({ min, max: 50_000_000 }) },
    { weight: 1, arbitrary: fc.integer({ min, max: Number.MAX_SAFE_INTEGER }) },
  );
}

const period: fc.Arbitrary<string> = fc.integer({ min: 0, max: 17 }).map((i) => {
  const y = 2025 + Math.floor(i / 12);
  return `${y}-${String((i % 12) + 1).padStart(2, '0')}`;
});

function finish(p: Place, cells: Cells): GenRow {
  const raw: Record<string, string> = {};
  const expected: Row = {};
  for (const [name, c] of Object.entries(cells)) {
    raw[name] = c.text;
    expected[name] = c.value;
  }
  return { place: p, cells: raw, expected };
}

function wilayah(code: string): Cell<string> {
  return { text: code, value: code };
}

function roster(profile: TextProfile): fc.Arbitrary<GenRow> {
  return fc
    .record({
      p: place,
      role: enumCell(ROLES),
      from: dateBetween(Date.UTC(2016, 0, 1), Date.UTC(2027, 11, 31)),
      toDays: fc.option(fc.integer({ min: 0, max: 2000 })),
      kecBlank: fc.boolean(),
    })
    .chain(({ p, role, from, toDays, kecBlank }) => {
      const needsKec = role.value === 'pendamping' || role.value === 'apd';
      const to = toDays === null ? null : new Date(Date.parse(from) + toDays * DAY_MS).toISOString().slice(0, 10);
      return fc
        .record({
          facilitator_id: facilitatorIdCell,
          full_name: textCell(profile, { min: 1, max: 120, mask: false }),
          role: fc.constant(role),
          kabupaten_code: fc.constant(wilayah(p.kabupaten)),
          kecamatan_code: needsKec || !kecBlank ? fc.constant(wilayah(p.kecamatan)) : blank,
          supervisor_id: optional(facilitatorIdCell),
          active_from: dateCell(from),
          active_to: to === null ? blank : dateCell(to),
        })
        .map((cells) => finish(p, cells));
    });
}

/** Local start of a month as an instant. */
function monthStart(period: string, offset: number): number {
  const [y, m] = period.split('-').map(Number);
  return Date.UTC(y, m - 1, 1) - offset * 60_000;
}

function monthlyReport(profile: TextProfile): fc.Arbitrary<GenRow> {
  return fc
    .record({ p: place, period, assigned: count(), frac: fc.double({ min: 0, max: 1, noNaN: true }) })
    .chain(({ p, period: per, assigned, frac }) => {
      const start = monthStart(per, p.offset);
      const sent = start + Math.floor(frac * (NOW - start));
      return fc
        .record({
          period: fc.constant({ text: per, value: per }),
          facilitator_id: fc.oneof({ weight: 4, arbitrary: facilitatorIdCell }, { weight: 1, arbitrary: textCell(profile, { min: 1, max: 200, mask: false }) }),
          kabupaten_code: fc.constant(wilayah(p.kabupaten)),
          kecamatan_code: fc.constant(wilayah(p.kecamatan)),
          submitted_at: timestampCell(sent, p.offset),
          kpm_assigned: intCell(assigned),
          kpm_verified: fc.integer({ min: 0, max: assigned }).chain((n) => intCell(n)),
          p2k2_groups: count(40).chain((n) => intCell(n)),
          p2k2_sessions: count(40).chain((n) => intCell(n)),
          p2k2_kpm_attended: fc.integer({ min: 0, max: assigned }).chain((n) => intCell(n)),
          dtks_updates: count().chain((n) => intCell(n)),
          complaints_received: count(20).chain((n) => intCell(n)),
          complaints_resolved: count(20).chain((n) => intCell(n)),
          graduations: count(20).chain((n) => intCell(n)),
          coord_meetings_kecamatan: count(10).chain((n) => intCell(n)),
          coord_meetings_desa: count(10).chain((n) => intCell(n)),
          notes: textCell(profile, { min: 0, max: 2000, mask: true }),
        })
        .map((cells) => finish(p, cells));
    });
}

function activityLog(profile: TextProfile): fc.Arbitrary<GenRow> {
  return fc
    .record({
      p: place,
      sent: fc.integer({ min: FIRST_DAY, max: NOW }),
      back: fc.integer({ min: 0, max: 20 }),
      type: enumCell(ACTIVITY_TYPES),
      desaPick: fc.nat(),
      desaBlank: fc.boolean(),
    })
    .chain(({ p, sent, back, type, desaPick, desaBlank }) => {
      const day = new Date(Date.parse(localYmd(sent, p.offset)) - back * DAY_MS).toISOString().slice(0, 10);
      const desa = wilayah(p.desa[desaPick % p.desa.length]);
      const needsDesa = DESA_ACTIVITY_TYPES.has(type.value);
      return fc
        .record({
          activity_id: textCell(profile, { min: 1, max: 64, mask: false }),
          facilitator_id: facilitatorIdCell,
          activity_date: dateCell(day),
          kabupaten_code: fc.constant(wilayah(p.kabupaten)),
          kecamatan_code: fc.constant(wilayah(p.kecamatan)),
          desa_code: needsDesa || !desaBlank ? fc.constant(desa) : blank,
          activity_type: fc.constant(type),
          kpm_reached: count().chain((n) => intCell(n)),
          submitted_at: timestampCell(sent, p.offset),
          description: textCell(profile, { min: 0, max: 1000, mask: true }),
        })
        .map((cells) => finish(p, cells));
    });
}

function disbursement(profile: TextProfile): fc.Arbitrary<GenRow> {
  return fc
    .record({
      p: place,
      status: enumCell(DISBURSEMENT_STATUSES),
      allocated: rupiah(1),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      reconciled: fc.boolean(),
      fieldVerified: fc.boolean(),
      desaPick: fc.nat(),
    })
    .chain(({ p, status, allocated, share, reconciled, fieldVerified, desaPick }) => {
      const s = status.value;
      const disbursed = s === 'salur' ? Math.max(1, Math.floor(share * allocated)) : s === 'proses' ? Math.floor(share * allocated) : 0;
      return fc
        .record({
          disbursement_id: textCell(profile, { min: 1, max: 64, mask: false }),
          kpm_id: idCell(/^[A-Za-z0-9-]{6,40}$/),
          program: enumCell(PROGRAMS),
          period: period.map((v) => ({ text: v, value: v })),
          tahap: fc.integer({ min: 1, max: 12 }).chain((n) => intCell(n)),
          kabupaten_code: fc.constant(wilayah(p.kabupaten)),
          kecamatan_code: fc.constant(wilayah(p.kecamatan)),
          desa_code: fc.constant(wilayah(p.desa[desaPick % p.desa.length])),
          channel: enumCell(CHANNELS),
          amount_allocated: intCell(allocated, true),
          amount_disbursed: intCell(disbursed, true),
          status: fc.constant(status),
          disbursed_at: s === 'salur' ? dateBetween(FIRST_DAY, LAST_DAY).chain(dateCell) : blank,
          reconciled: boolCell(reconciled || fieldVerified),
          field_verified: boolCell(fieldVerified),
          card_held_by_third_party: fc.boolean().chain(boolCell),
          reconciled_by: optional(facilitatorIdCell),
        })
        .map((cells) => finish(p, cells));
    });
}

function kecamatanProfile(): fc.Arbitrary<GenRow> {
  return fc
    .record({ p: place, population: fc.integer({ min: 1, max: 2_000_000 }), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }), c: fc.double({ min: 0, max: 1, noNaN: true }) })
    .chain(({ p, population, a, b, c }) => {
      const households = Math.max(1, Math.floor(a * population));
      const dtks = Math.floor(b * households);
      const extreme = Math.floor(c * dtks);
      return fc
        .record({
          year: fc.integer({ min: 2015, max: 2100 }).chain((n) => intCell(n)),
          kabupaten_code: fc.constant(wilayah(p.kabupaten)),
          kecamatan_code: fc.constant(wilayah(p.kecamatan)),
          population: intCell(population),
          households: intCell(households),
          dtks_households: intCell(dtks),
          extreme_poor_households: intCell(extreme),
        })
        .map((cells) => finish(p, cells));
    });
}

/** A valid row of a dataset whose text survives the given kind of file. */
export function validRow(name: DatasetName, profile: TextProfile = 'file'): fc.Arbitrary<GenRow> {
  switch (name) {
    case 'roster':
      return roster(profile);
    case 'monthly_report':
      return monthlyReport(profile);
    case 'activity_log':
      return activityLog(profile);
    case 'disbursement':
      return disbursement(profile);
    case 'kecamatan_profile':
      return kecamatanProfile();
  }
}

/** The partition a valid expected row belongs to, as DATA.md defines it. */
export function partitionOfExpected(name: DatasetName, row: Row): { kabupaten_code: string; period?: string } {
  const kabupaten_code = row.kabupaten_code as string;
  if (name === 'monthly_report' || name === 'disbursement') return { kabupaten_code, period: row.period as string };
  if (name === 'activity_log') return { kabupaten_code, period: (row.activity_date as string).slice(0, 7) };
  return { kabupaten_code };
}

/** Every dataset of the lake layout, so a new dataset is generated here without a second list. */
export const DATASET_NAMES_ALL: readonly DatasetName[] = DATASET_NAMES;

/** Columns of a dataset (declaration order). */
export function columnsOf(name: DatasetName) {
  return getDataset(name).columns;
}
