import { describe, expect, it } from 'vitest';
import { getDataset } from '../../schemas/index.js';
import { codes } from './helpers.js';

describe('roster', () => {
  it('facilitator_id follows ^[A-Za-z0-9._-]{3,40}$', () => {
    expect(codes('roster', { facilitator_id: 'pd.6402_01-a' })).toEqual([]);
    expect(codes('roster', { facilitator_id: 'PD' })).toEqual(['facilitator_id:invalid_format']);
    expect(codes('roster', { facilitator_id: 'PD 01' })).toEqual(['facilitator_id:invalid_format']);
    expect(codes('roster', { facilitator_id: 'P'.repeat(41) })).toEqual(['facilitator_id:invalid_format']);
  });
  it('full_name is 1–120 characters', () => {
    expect(codes('roster', { full_name: 'A'.repeat(120) })).toEqual([]);
    expect(codes('roster', { full_name: 'A'.repeat(121) })).toEqual(['full_name:out_of_range']);
  });
  it('role is one of pendamping, apd, korkab, korwil', () => {
    expect(codes('roster', { role: 'APD' })).toEqual([]);
    expect(codes('roster', { role: 'kepala' })).toEqual(['role:unknown_value']);
  });
  it('kecamatan_code is required for pendamping and apd, may be empty for korkab and korwil', () => {
    expect(codes('roster', { kecamatan_code: '' })).toEqual(['kecamatan_code:cross_field']);
    expect(codes('roster', { role: 'apd', kecamatan_code: '' })).toEqual(['kecamatan_code:cross_field']);
    expect(codes('roster', { role: 'korkab', kecamatan_code: '' })).toEqual([]);
    expect(codes('roster', { role: 'korwil', kecamatan_code: '64.02.05' })).toEqual([]);
    expect(codes('roster', { role: 'korwil', kecamatan_code: '33.10.01' })).toEqual(['kecamatan_code:wilayah_mismatch']);
  });
  it('active_to is on or after active_from', () => {
    expect(codes('roster', { active_from: '2026-03-01', active_to: '2026-03-01' })).toEqual([]);
    expect(codes('roster', { active_from: '2026-03-01', active_to: '2026-02-28' })).toEqual(['active_to:cross_field']);
  });
  it('supervisor_id is optional and not checked against the roster', () => {
    expect(codes('roster', { supervisor_id: 'TIDAK-ADA-99' })).toEqual([]);
  });
});

describe('monthly_report', () => {
  it('submitted_at may not be before the first day of the period (local date)', () => {
    expect(codes('monthly_report', { submitted_at: '2026-10-01 00:00' })).toEqual([]);
    expect(codes('monthly_report', { submitted_at: '2026-09-30 23:59' })).toEqual(['submitted_at:cross_field']);
    // 2026-09-30T16:30Z is 2026-10-01 00:30 WITA: inside the period.
    expect(codes('monthly_report', { submitted_at: '2026-09-30T16:30:00Z' })).toEqual([]);
  });
  it('submitted_at more than one day after the moment of ingest is future_date', () => {
    // NOW = 2026-11-23T02:00Z.
    expect(codes('monthly_report', { submitted_at: '2026-11-24T01:59:00Z' })).toEqual([]);
    expect(codes('monthly_report', { submitted_at: '2026-11-24T02:01:00Z' })).toEqual(['submitted_at:future_date']);
  });
  it('kpm_verified and p2k2_kpm_attended are at most kpm_assigned', () => {
    expect(codes('monthly_report', { kpm_verified: '250', p2k2_kpm_attended: '250' })).toEqual([]);
    expect(codes('monthly_report', { kpm_verified: '251' })).toEqual(['kpm_verified:cross_field']);
    expect(codes('monthly_report', { p2k2_kpm_attended: '300' })).toEqual(['p2k2_kpm_attended:cross_field']);
  });
  it('complaints_resolved may exceed complaints_received', () => {
    expect(codes('monthly_report', { complaints_received: '0', complaints_resolved: '4' })).toEqual([]);
  });
  it('every count is a whole number ≥ 0', () => {
    for (const c of ['kpm_assigned', 'p2k2_groups', 'p2k2_sessions', 'graduations', 'coord_meetings_kecamatan', 'coord_meetings_desa']) {
      expect(codes('monthly_report', { [c]: '-1' })).toContain(`${c}:out_of_range`);
    }
  });
  it('notes are at most 2000 characters', () => {
    expect(codes('monthly_report', { notes: 'x'.repeat(2000) })).toEqual([]);
    expect(codes('monthly_report', { notes: 'x'.repeat(2001) })).toEqual(['notes:out_of_range']);
  });
  it('kecamatan_code is required here (unconditionally)', () => {
    expect(codes('monthly_report', { kecamatan_code: '' })).toEqual(['kecamatan_code:required']);
  });
});

describe('activity_log', () => {
  it('activity_id is 1–64 characters', () => {
    expect(codes('activity_log', { activity_id: 'a'.repeat(64) })).toEqual([]);
    expect(codes('activity_log', { activity_id: 'a'.repeat(65) })).toEqual(['activity_id:out_of_range']);
  });
  it('activity_date is not after the local date of submitted_at', () => {
    expect(codes('activity_log', { activity_date: '2026-11-02', submitted_at: '2026-11-02 07:00' })).toEqual([]);
    expect(codes('activity_log', { activity_date: '2026-11-03', submitted_at: '2026-11-02 23:00' })).toEqual(['activity_date:cross_field']);
    // 2026-11-02T17:00Z is 2026-11-03 01:00 WITA.
    expect(codes('activity_log', { activity_date: '2026-11-03', submitted_at: '2026-11-02T17:00:00Z' })).toEqual([]);
  });
  it('activity_date after the kabupaten local date of ingest is future_date', () => {
    // NOW is 2026-11-23 10:00 WITA.
    expect(codes('activity_log', { activity_date: '2026-11-23', submitted_at: '2026-11-23 09:00' })).toEqual([]);
    expect(codes('activity_log', { activity_date: '2026-11-24', submitted_at: '2026-11-24 09:00' })).toEqual(['activity_date:future_date']);
  });
  it.each(['koordinasi_desa', 'p2k2', 'kunjungan_rumah'])('desa_code is required for %s', (type) => {
    expect(codes('activity_log', { activity_type: type, desa_code: '' })).toEqual(['desa_code:cross_field']);
  });
  it('desa_code is optional for other activity types but checked when given', () => {
    expect(codes('activity_log', { activity_type: 'administrasi', desa_code: '' })).toEqual([]);
    expect(codes('activity_log', { activity_type: 'administrasi', desa_code: '64.02.01.9999' })).toEqual(['desa_code:unknown_wilayah']);
  });
  it('activity_type is one of the 13 types', () => {
    expect(codes('activity_log', { activity_type: 'Rekonsiliasi_Penyaluran', desa_code: '' })).toEqual([]);
    expect(codes('activity_log', { activity_type: 'rapat' })).toEqual(['activity_type:unknown_value']);
  });
  it('kpm_reached is a whole number ≥ 0', () => {
    expect(codes('activity_log', { kpm_reached: '-3' })).toEqual(['kpm_reached:out_of_range']);
  });
  it('description is at most 1000 characters', () => {
    expect(codes('activity_log', { description: 'x'.repeat(1001) })).toEqual(['description:out_of_range']);
  });
});

describe('disbursement', () => {
  it('kpm_id follows ^[A-Za-z0-9-]{6,40}$', () => {
    expect(codes('disbursement', { kpm_id: 'KPM-1' })).toEqual(['kpm_id:invalid_format']);
    expect(codes('disbursement', { kpm_id: 'KPM_000001' })).toEqual(['kpm_id:invalid_format']);
  });
  it('tahap is 1–12', () => {
    expect(codes('disbursement', { tahap: '12' })).toEqual([]);
    expect(codes('disbursement', { tahap: '0' })).toEqual(['tahap:out_of_range']);
    expect(codes('disbursement', { tahap: '13' })).toEqual(['tahap:out_of_range']);
  });
  it('amount_allocated > 0 and 0 ≤ amount_disbursed ≤ amount_allocated', () => {
    expect(codes('disbursement', { amount_allocated: '0', amount_disbursed: '0', status: 'proses', disbursed_at: '' })).toEqual(['amount_allocated:out_of_range']);
    expect(codes('disbursement', { amount_disbursed: '-1' })).toEqual(['amount_disbursed:out_of_range']);
    expect(codes('disbursement', { amount_disbursed: '750001' })).toEqual(['amount_disbursed:cross_field']);
  });
  it('salur needs amount_disbursed > 0 and disbursed_at', () => {
    expect(codes('disbursement', { amount_disbursed: '0' })).toEqual(['amount_disbursed:cross_field']);
    expect(codes('disbursement', { disbursed_at: '' })).toEqual(['disbursed_at:cross_field']);
  });
  it('disbursed_at must be empty unless salur', () => {
    expect(codes('disbursement', { status: 'proses', amount_disbursed: '0', disbursed_at: '' })).toEqual([]);
    expect(codes('disbursement', { status: 'proses', amount_disbursed: '0' })).toEqual(['disbursed_at:cross_field']);
  });
  it('gagal and retur need amount_disbursed = 0', () => {
    expect(codes('disbursement', { status: 'gagal', amount_disbursed: '0', disbursed_at: '' })).toEqual([]);
    expect(codes('disbursement', { status: 'retur', amount_disbursed: '750000', disbursed_at: '' })).toEqual(['amount_disbursed:cross_field']);
  });
  it('field_verified implies reconciled', () => {
    expect(codes('disbursement', { reconciled: 'ya', field_verified: 'ya' })).toEqual([]);
    expect(codes('disbursement', { reconciled: 'tidak', field_verified: 'ya' })).toEqual(['field_verified:cross_field']);
  });
  it('disbursed_at after the local date of ingest is future_date', () => {
    expect(codes('disbursement', { disbursed_at: '2026-11-24' })).toEqual(['disbursed_at:future_date']);
  });
  it('program and channel are enums', () => {
    expect(codes('disbursement', { program: 'BLT' })).toEqual(['program:unknown_value']);
    expect(codes('disbursement', { channel: 'pos' })).toEqual([]);
  });
});

describe('kecamatan_profile', () => {
  it('year is 2015–2100', () => {
    expect(codes('kecamatan_profile', { year: '2015' })).toEqual([]);
    expect(codes('kecamatan_profile', { year: '1990' })).toEqual(['year:out_of_range']);
    expect(codes('kecamatan_profile', { year: '2101' })).toEqual(['year:out_of_range']);
  });
  it('population and households are > 0', () => {
    expect(codes('kecamatan_profile', { population: '0' })).toEqual(['population:out_of_range']);
    expect(codes('kecamatan_profile', { households: '0' })).toContain('households:out_of_range');
  });
  it('0 ≤ dtks_households ≤ households and 0 ≤ extreme_poor_households ≤ dtks_households', () => {
    expect(codes('kecamatan_profile', { dtks_households: '17000', extreme_poor_households: '900' })).toEqual([]);
    expect(codes('kecamatan_profile', { dtks_households: '17001' })).toEqual(['dtks_households:cross_field']);
    expect(codes('kecamatan_profile', { extreme_poor_households: '6001' })).toEqual(['extreme_poor_households:cross_field']);
    expect(codes('kecamatan_profile', { extreme_poor_households: '-1' })).toEqual(['extreme_poor_households:out_of_range']);
  });
});

describe('header dan alias / headers and aliases', () => {
  it('canonical names match case-insensitively after trimming and turning spaces and - into _', () => {
    const h = getDataset('roster').resolveHeader([' Facilitator ID ', 'FULL-NAME', 'Role', 'kabupaten_code', 'Kecamatan Code', 'active_from']);
    expect(h.missing).toEqual([]);
    expect([...h.index.keys()]).toEqual(['facilitator_id', 'full_name', 'role', 'kabupaten_code', 'kecamatan_code', 'active_from']);
  });
  it.each([
    ['roster', ['ID SDM', 'Nama Pendamping', 'Jabatan', 'Kode Kabupaten', 'Kode Kecamatan', 'ID Koordinator', 'TMT', 'Selesai Tugas']],
    ['monthly_report', ['Bulan', 'id_pendamping', 'kode_kabupaten', 'kode_kecamatan', 'Waktu Kirim', 'Jumlah KPM', 'KPM Terverifikasi', 'Jumlah Kelompok', 'Sesi P2K2', 'KPM Hadir P2K2', 'Usulan DTKS', 'Pengaduan Masuk', 'Pengaduan Selesai', 'Graduasi', 'Rapat Kecamatan', 'Rapat Desa', 'Catatan']],
    ['activity_log', ['ID Aktivitas', 'ID SDM', 'Tanggal Kegiatan', 'Kode Kabupaten', 'Kode Kecamatan', 'Kode Desa', 'Jenis Kegiatan', 'Jumlah KPM', 'Waktu Kirim', 'Uraian']],
    ['disbursement', ['ID Penyaluran', 'ID KPM', 'Program', 'Periode', 'Tahap', 'Kode Kabupaten', 'Kode Kecamatan', 'Kode Desa', 'Penyalur', 'Nilai Bantuan', 'Nominal Salur', 'Status', 'Tanggal Salur', 'Rekonsiliasi', 'Crosscheck Lapangan', 'KKS Dipegang Pihak Lain', 'ID Pendamping']],
    ['kecamatan_profile', ['Tahun', 'Kode Kabupaten', 'Kode Kecamatan', 'Jumlah Penduduk', 'Jumlah Rumah Tangga', 'KK DTKS', 'Desil 1']],
  ])('%s accepts its Indonesian e-PKH export headers', (dataset, header) => {
    const d = getDataset(dataset);
    const h = d.resolveHeader(header);
    expect(h.missing).toEqual([]);
    expect(h.unknown).toEqual([]);
    expect(h.duplicated).toEqual([]);
    expect(h.index.size).toBe(d.columns.length);
  });
  it.each(['KK DTSEN', 'dtsen_households', 'kk_dtks'])('kecamatan_profile reads %s as dtks_households (DTSEN replaced DTKS, Inpres 4/2025)', (header) => {
    const h = getDataset('kecamatan_profile').resolveHeader(['Tahun', 'Kode Kabupaten', 'Kode Kecamatan', 'Jumlah Penduduk', 'Jumlah KK', header, 'Desil 1']);
    expect(h.missing).toEqual([]);
    expect(h.unknown).toEqual([]);
    expect(h.index.has('dtks_households')).toBe(true);
  });
  it('lists unknown columns and missing required ones', () => {
    const h = getDataset('kecamatan_profile').resolveHeader(['tahun', 'kode_kabupaten', 'kode_kecamatan', 'jumlah_penduduk', 'luas_wilayah']);
    expect(h.unknown).toEqual(['luas_wilayah']);
    expect(h.missing).toEqual(['households', 'dtks_households', 'extreme_poor_households']);
  });
  it('optional and conditional columns may be absent from the header', () => {
    const h = getDataset('disbursement').resolveHeader(getDataset('disbursement').columns.filter((c) => c.presence === 'required').map((c) => c.name));
    expect(h.missing).toEqual([]);
  });
  it('a column named twice (canonical and alias) is reported as duplicated', () => {
    const h = getDataset('activity_log').resolveHeader(['activity_id', 'facilitator_id', 'id_sdm']);
    expect(h.duplicated).toEqual([{ column: 'facilitator_id', headers: ['facilitator_id', 'id_sdm'] }]);
  });
  it('the same alias means a different column in a different dataset', () => {
    expect(getDataset('disbursement').resolveHeader(['id_pendamping']).index.has('reconciled_by')).toBe(true);
    expect(getDataset('monthly_report').resolveHeader(['jumlah_kpm']).index.has('kpm_assigned')).toBe(true);
    expect(getDataset('activity_log').resolveHeader(['jumlah_kpm']).index.has('kpm_reached')).toBe(true);
  });
});

describe('kolom penyimpanan / storage columns', () => {
  it('partition keys are left out of the files and lineage is added', () => {
    const names = getDataset('disbursement').storageColumns.map((c) => c.name);
    expect(names).not.toContain('kabupaten_code');
    expect(names).not.toContain('period');
    expect(names.slice(-3)).toEqual(['_source', '_row', '_ingested_at']);
    expect(getDataset('roster').partitionKeys).toEqual([]);
    expect(getDataset('roster').storageColumns.map((c) => c.name)).toContain('kabupaten_code');
    expect(getDataset('monthly_report').partitionKeys).toEqual(['period']);
    expect(getDataset('monthly_report').storageColumns.map((c) => c.name)).toContain('kabupaten_code');
    expect(getDataset('activity_log').partitionKeys).toEqual(['kabupaten_code', 'period']);
  });
  it('rupiah amounts are int64, counts int32, dates and timestamps typed', () => {
    const types = Object.fromEntries(getDataset('disbursement').storageColumns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ amount_allocated: 'int64', tahap: 'int32', disbursed_at: 'date', reconciled: 'bool' });
    const act = Object.fromEntries(getDataset('activity_log').storageColumns.map((c) => [c.name, c.type]));
    expect(act).toMatchObject({ submitted_at: 'timestamp', activity_date: 'date', _ingested_at: 'timestamp' });
  });
  it('the month partition of an activity is the month of activity_date', () => {
    const d = getDataset('activity_log');
    expect(d.partitionOf({ kabupaten_code: '64.02', activity_date: '2026-10-31' })).toEqual({ kabupaten_code: '64.02', period: '2026-10' });
  });
  it('an unknown dataset name is one clear error line', () => {
    expect(() => getDataset('penyaluran')).toThrow(/^Dataset "penyaluran" tidak dikenal.* \/ Unknown dataset "penyaluran"; use one of: roster, /);
  });
});
