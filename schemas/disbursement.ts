import { col } from './columns.js';
import { Dataset } from './dataset.js';

export const PROGRAMS = ['PKH', 'BPNT', 'PERMAKANAN'] as const;
export const CHANNELS = ['BRI', 'BNI', 'MANDIRI', 'BSI', 'BTN', 'POS'] as const;
export const DISBURSEMENT_STATUSES = ['salur', 'proses', 'gagal', 'retur'] as const;

/** disbursement — penyaluran bansos: one row per family (KPM) per stage. */
export const disbursement = new Dataset({
  name: 'disbursement',
  title: ['Penyaluran bansos', 'Aid disbursement'],
  naturalKey: ['disbursement_id'],
  columns: [
    col.string('disbursement_id', ['ID penyaluran', 'disbursement id'], { aliases: ['id_penyaluran'], minLength: 1, maxLength: 64 }),
    col.string('kpm_id', ['ID KPM', 'family id'], { aliases: ['id_kpm'], pattern: /^[A-Za-z0-9-]{6,40}$/ }),
    col.enum('program', PROGRAMS, ['program', 'programme']),
    col.period('period', ['periode', 'period'], { aliases: ['periode'] }),
    col.int('tahap', ['tahap', 'stage'], { min: 1, max: 12 }),
    col.kabupaten(),
    col.kecamatan(),
    col.desa(),
    col.enum('channel', CHANNELS, ['penyalur', 'channel'], { aliases: ['bank', 'penyalur'] }),
    col.rupiah('amount_allocated', ['nilai bantuan', 'amount allocated'], { aliases: ['nominal', 'nilai_bantuan'], min: 1 }),
    col.rupiah('amount_disbursed', ['nominal salur', 'amount disbursed'], { aliases: ['nominal_salur'], min: 0 }),
    col.enum('status', DISBURSEMENT_STATUSES, ['status', 'status']),
    col.date('disbursed_at', ['tanggal salur', 'disbursed on'], { aliases: ['tanggal_salur'], presence: 'conditional' }),
    col.bool('reconciled', ['rekonsiliasi', 'reconciled'], { aliases: ['rekonsiliasi'] }),
    col.bool('field_verified', ['crosscheck lapangan', 'field verified'], { aliases: ['crosscheck_lapangan'] }),
    col.bool('card_held_by_third_party', ['KKS dipegang pihak lain', 'card held by a third party'], { aliases: ['kks_dipegang_pihak_lain'] }),
    col.string('reconciled_by', ['direkonsiliasi oleh', 'reconciled by'], { aliases: ['id_pendamping'], presence: 'optional' }),
  ],
  notInFuture: ['disbursed_at'],
  periodOf: (row) => row.period as string,
  rules: [
    ({ values: v, fail }) => {
      if (typeof v.amount_allocated === 'number' && typeof v.amount_disbursed === 'number' && v.amount_disbursed > v.amount_allocated) {
        fail('amount_disbursed', 'cross_field', `amount_disbursed (${v.amount_disbursed}) melebihi amount_allocated (${v.amount_allocated})`, `amount_disbursed (${v.amount_disbursed}) exceeds amount_allocated (${v.amount_allocated})`);
      }
    },
    ({ values: v, fail }) => {
      if (v.status === 'salur') {
        if (v.amount_disbursed === 0) {
          fail('amount_disbursed', 'cross_field', 'status salur harus punya amount_disbursed > 0', 'status salur needs amount_disbursed > 0');
        }
        if (v.disbursed_at === null) {
          fail('disbursed_at', 'cross_field', 'status salur wajib punya disbursed_at', 'status salur needs disbursed_at');
        }
      } else if (typeof v.status === 'string') {
        if (v.disbursed_at !== null && v.disbursed_at !== undefined) {
          fail('disbursed_at', 'cross_field', `disbursed_at harus kosong untuk status ${v.status}`, `disbursed_at must be empty for status ${v.status}`);
        }
        if ((v.status === 'gagal' || v.status === 'retur') && typeof v.amount_disbursed === 'number' && v.amount_disbursed !== 0) {
          fail('amount_disbursed', 'cross_field', `amount_disbursed harus 0 untuk status ${v.status}`, `amount_disbursed must be 0 for status ${v.status}`);
        }
      }
    },
    ({ values: v, fail }) => {
      if (v.field_verified === true && v.reconciled === false) {
        fail('field_verified', 'cross_field', 'field_verified ya tetapi reconciled tidak', 'field_verified is true but reconciled is false');
      }
    },
  ],
});
