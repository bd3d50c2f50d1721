import { col } from './columns.js';
import { Dataset } from './dataset.js';
import { localDate } from './values.js';
import { offsetMinutes } from '../functions/lib/localtime.js';

const count = (name: string, label: [string, string], aliases: string[]) => col.int(name, label, { aliases, min: 0 });

/** monthly_report — laporan bulanan pendamping: one row per facilitator per month. */
export const monthlyReport = new Dataset({
  name: 'monthly_report',
  title: ['Laporan bulanan pendamping', 'Facilitator monthly report'],
  naturalKey: ['facilitator_id', 'period'],
  columns: [
    col.period('period', ['periode', 'period'], { aliases: ['bulan', 'periode'] }),
    col.string('facilitator_id', ['ID pendamping', 'facilitator id'], { aliases: ['id_sdm', 'id_pendamping'] }),
    col.kabupaten(),
    col.kecamatan(),
    col.timestamp('submitted_at', ['waktu kirim', 'submitted at'], { aliases: ['tanggal_kirim', 'waktu_kirim'] }),
    count('kpm_assigned', ['jumlah KPM', 'families assigned'], ['jumlah_kpm']),
    count('kpm_verified', ['KPM terverifikasi', 'families verified'], ['kpm_terverifikasi']),
    count('p2k2_groups', ['kelompok P2K2', 'P2K2 groups'], ['jumlah_kelompok']),
    count('p2k2_sessions', ['sesi P2K2', 'P2K2 sessions'], ['sesi_p2k2']),
    count('p2k2_kpm_attended', ['KPM hadir P2K2', 'families at P2K2'], ['kpm_hadir_p2k2']),
    count('dtks_updates', ['usulan DTKS/DTSEN', 'DTKS/DTSEN updates'], ['usulan_dtks']),
    count('complaints_received', ['pengaduan masuk', 'complaints received'], ['pengaduan_masuk']),
    count('complaints_resolved', ['pengaduan selesai', 'complaints resolved'], ['pengaduan_selesai']),
    count('graduations', ['graduasi', 'graduations'], ['graduasi']),
    count('coord_meetings_kecamatan', ['rapat kecamatan', 'kecamatan meetings'], ['rapat_kecamatan']),
    count('coord_meetings_desa', ['rapat desa', 'village meetings'], ['rapat_desa']),
    col.string('notes', ['catatan', 'notes'], { aliases: ['catatan'], presence: 'optional', maxLength: 2000, maskNik: true }),
  ],
  notInFuture: ['submitted_at'],
  periodOf: (row) => row.period as string,
  rules: [
    ({ values: v, zone, fail }) => {
      if (typeof v.submitted_at === 'number' && typeof v.period === 'string') {
        const day = localDate(v.submitted_at, offsetMinutes(zone));
        if (day < `${v.period}-01`) {
          fail('submitted_at', 'cross_field', `submitted_at ${day} sebelum awal periode ${v.period}`, `submitted_at ${day} is before the start of period ${v.period}`);
        }
      }
    },
    ({ values: v, fail }) => {
      if (typeof v.kpm_assigned !== 'number') return;
      for (const name of ['kpm_verified', 'p2k2_kpm_attended']) {
        const n = v[name];
        if (typeof n === 'number' && n > v.kpm_assigned) {
          fail(name, 'cross_field', `${name} (${n}) melebihi kpm_assigned (${v.kpm_assigned})`, `${name} (${n}) exceeds kpm_assigned (${v.kpm_assigned})`);
        }
      }
    },
  ],
});
