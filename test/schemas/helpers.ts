import { getDataset, type RawCells } from '../../schemas/index.js';

/** Ingest moment used by the schema tests: 2026-11-23 10:00 WITA. */
export const NOW = Date.parse('2026-11-23T02:00:00Z');

export const VALID: Record<string, RawCells> = {
  roster: {
    facilitator_id: 'PD-6402-0001',
    full_name: 'Siti Rahmawati',
    role: 'pendamping',
    kabupaten_code: '64.02',
    kecamatan_code: '64.02.01',
    supervisor_id: 'KK-6402-01',
    active_from: '2025-01-01',
    active_to: '',
  },
  monthly_report: {
    period: '2026-10',
    facilitator_id: 'PD-6402-0001',
    kabupaten_code: '64.02',
    kecamatan_code: '64.02.01',
    submitted_at: '2026-11-03 09:15',
    kpm_assigned: '250',
    kpm_verified: '240',
    p2k2_groups: '10',
    p2k2_sessions: '12',
    p2k2_kpm_attended: '200',
    dtks_updates: '4',
    complaints_received: '3',
    complaints_resolved: '5',
    graduations: '1',
    coord_meetings_kecamatan: '2',
    coord_meetings_desa: '6',
    notes: '',
  },
  activity_log: {
    activity_id: 'ACT-1',
    facilitator_id: 'PD-6402-0001',
    activity_date: '2026-11-02',
    kabupaten_code: '64.02',
    kecamatan_code: '64.02.01',
    desa_code: '64.02.01.2001',
    activity_type: 'koordinasi_desa',
    kpm_reached: '0',
    submitted_at: '2026-11-02T16:00:00',
    description: 'Rapat dengan kepala desa',
  },
  disbursement: {
    disbursement_id: 'DSB-1',
    kpm_id: 'KPM-6402-000123',
    program: 'PKH',
    period: '2026-10',
    tahap: '4',
    kabupaten_code: '64.02',
    kecamatan_code: '64.02.01',
    desa_code: '64.02.01.2001',
    channel: 'BRI',
    amount_allocated: '750000',
    amount_disbursed: '750000',
    status: 'salur',
    disbursed_at: '2026-10-20',
    reconciled: 'ya',
    field_verified: 'tidak',
    card_held_by_third_party: 'tidak',
    reconciled_by: 'PD-6402-0001',
  },
  kecamatan_profile: {
    year: '2026',
    kabupaten_code: '64.02',
    kecamatan_code: '64.02.01',
    population: '60000',
    households: '17000',
    dtks_households: '6000',
    extreme_poor_households: '900',
  },
};

/** Validate a valid row of `dataset` with some cells replaced. */
export function check(dataset: string, changes: RawCells = {}) {
  return getDataset(dataset).validate({ ...VALID[dataset], ...changes }, { now: NOW });
}

/** The error codes of a result, as `column:code` strings (empty when the row is valid). */
export function codes(dataset: string, changes: RawCells = {}): string[] {
  const r = check(dataset, changes);
  return r.ok ? [] : r.errors.map((e) => `${e.column}:${e.code}`);
}
