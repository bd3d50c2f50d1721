import { col, FACILITATOR_ID_PATTERN } from './columns.js';
import { ROLES } from '../functions/lib/roles.js';
import { Dataset } from './dataset.js';

export { ROLES };
/** Roles that work inside one kecamatan and so must name it. */
const KECAMATAN_ROLES = new Set(['pendamping', 'apd']);

/** roster — daftar SDM PKH: one row per facilitator assignment. */
export const roster = new Dataset({
  name: 'roster',
  title: ['Daftar SDM PKH', 'Facilitator roster'],
  naturalKey: ['facilitator_id', 'active_from'],
  columns: [
    col.string('facilitator_id', ['ID pendamping', 'facilitator id'], {
      aliases: ['id_sdm', 'id_pendamping'],
      pattern: FACILITATOR_ID_PATTERN,
    }),
    col.string('full_name', ['nama', 'full name'], { aliases: ['nama', 'nama_pendamping'], minLength: 1, maxLength: 120, maskNik: true }),
    col.enum('role', ROLES, ['jabatan', 'role'], { aliases: ['jabatan'] }),
    col.kabupaten(),
    col.kecamatan({ presence: 'conditional' }),
    col.string('supervisor_id', ['ID koordinator', 'supervisor id'], { aliases: ['id_koordinator'], presence: 'optional' }),
    col.date('active_from', ['mulai tugas', 'active from'], { aliases: ['tmt', 'mulai_tugas'] }),
    col.date('active_to', ['selesai tugas', 'active to'], { aliases: ['selesai_tugas'], presence: 'optional' }),
  ],
  rules: [
    ({ values: v, fail }) => {
      if (typeof v.role === 'string' && KECAMATAN_ROLES.has(v.role) && v.kecamatan_code === null) {
        fail('kecamatan_code', 'cross_field', `kecamatan_code wajib diisi untuk jabatan ${v.role}`, `kecamatan_code is required for role ${v.role}`);
      }
    },
    ({ values: v, fail }) => {
      if (typeof v.active_from === 'string' && typeof v.active_to === 'string' && v.active_to < v.active_from) {
        fail('active_to', 'cross_field', `active_to ${v.active_to} sebelum active_from ${v.active_from}`, `active_to ${v.active_to} is before active_from ${v.active_from}`);
      }
    },
  ],
});
