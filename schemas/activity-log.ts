import { col } from './columns.js';
import { Dataset } from './dataset.js';
import { localDate } from './values.js';
import { offsetMinutes } from '../functions/lib/localtime.js';

export const ACTIVITY_TYPES = [
  'verifikasi_komitmen',
  'validasi_calon_kpm',
  'pemutakhiran_data',
  'p2k2',
  'pendampingan_penyaluran',
  'rekonsiliasi_penyaluran',
  'koordinasi_kecamatan',
  'koordinasi_desa',
  'penanganan_pengaduan',
  'graduasi',
  'kunjungan_rumah',
  'administrasi',
  'lainnya',
] as const;

/** Activities that happen in one village and so must name it. */
export const DESA_ACTIVITY_TYPES: ReadonlySet<string> = new Set(['koordinasi_desa', 'p2k2', 'kunjungan_rumah']);

/** activity_log — laporan aktivitas harian: one row per activity. */
export const activityLog = new Dataset({
  name: 'activity_log',
  title: ['Laporan aktivitas harian', 'Daily activity log'],
  naturalKey: ['activity_id'],
  columns: [
    col.string('activity_id', ['ID aktivitas', 'activity id'], { aliases: ['id_aktivitas'], minLength: 1, maxLength: 64 }),
    col.string('facilitator_id', ['ID pendamping', 'facilitator id'], { aliases: ['id_sdm', 'id_pendamping'] }),
    col.date('activity_date', ['tanggal kegiatan', 'activity date'], { aliases: ['tanggal', 'tanggal_kegiatan'] }),
    col.kabupaten(),
    col.kecamatan(),
    col.desa({ presence: 'conditional' }),
    col.enum('activity_type', ACTIVITY_TYPES, ['jenis kegiatan', 'activity type'], { aliases: ['jenis_kegiatan'] }),
    col.int('kpm_reached', ['KPM dijangkau', 'families reached'], { aliases: ['jumlah_kpm'], min: 0 }),
    col.timestamp('submitted_at', ['waktu kirim', 'submitted at'], { aliases: ['waktu_kirim'] }),
    col.string('description', ['uraian', 'description'], { aliases: ['uraian'], presence: 'optional', maxLength: 1000, maskNik: true }),
  ],
  notInFuture: ['activity_date', 'submitted_at'],
  periodOf: (row) => (row.activity_date as string).slice(0, 7),
  rules: [
    ({ values: v, zone, fail }) => {
      if (typeof v.activity_date === 'string' && typeof v.submitted_at === 'number') {
        const sent = localDate(v.submitted_at, offsetMinutes(zone));
        if (v.activity_date > sent) {
          fail('activity_date', 'cross_field', `activity_date ${v.activity_date} setelah tanggal kirim ${sent}`, `activity_date ${v.activity_date} is after the submission date ${sent}`);
        }
      }
    },
    ({ values: v, fail }) => {
      if (typeof v.activity_type === 'string' && DESA_ACTIVITY_TYPES.has(v.activity_type) && v.desa_code === null) {
        fail('desa_code', 'cross_field', `desa_code wajib diisi untuk kegiatan ${v.activity_type}`, `desa_code is required for activity ${v.activity_type}`);
      }
    },
  ],
});
