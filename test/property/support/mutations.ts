/**
 * Single-cell mutations of a valid row into a value DATA.md calls bad, each with the error it
 * must earn: the code and the column it is reported on (a cross-field rule may report another
 * column than the one changed).
 */
import { getDataset, type DatasetName, type ErrorCode } from '../../../schemas/index.js';
import { DESA_ACTIVITY_TYPES } from '../../../schemas/activity-log.js';
import type { GenRow } from './rows.js';
import { DAY_MS, foreignDesa, foreignKecamatan, localYmd, NOW, writtenNik } from './world.js';

export interface Mutation {
  /** Short description for failure messages. */
  what: string;
  /** Column whose cell is changed. */
  target: string;
  text: string;
  /** Column and code of the error expected. */
  column: string;
  code: ErrorCode;
  /**
   * True when the row must then fail with this error alone. False where the change may ripple
   * (a kabupaten decides the time zone every local timestamp is read in).
   */
  alone: boolean;
}

const NIK = '3201234567890123';

function m(target: string, text: string, code: ErrorCode, what: string, opts: { column?: string; alone?: boolean } = {}): Mutation {
  return { what, target, text, column: opts.column ?? target, code, alone: opts.alone ?? true };
}

/** Every applicable known-bad single-cell change of `row`. */
export function mutationsOf(name: DatasetName, row: GenRow): Mutation[] {
  const d = getDataset(name);
  const out: Mutation[] = [];
  const e = row.expected;
  for (const c of d.columns) {
    const col = c.name;
    if (c.presence === 'required') out.push(m(col, ['', '   ', '\t'][col.length % 3], 'required', 'blank required cell', { alone: c.kind !== 'kabupaten' }));
    switch (c.kind) {
      case 'int': {
        for (const t of ['abc', '12a', '1,5', '1 000', '+5', '0x10', '1e3', '99999999999999999999']) out.push(m(col, t, 'invalid_format', `not an integer: ${t}`));
        out.push(m(col, c.thousands ? '1.250.00' : '1.250.000', 'invalid_format', 'bad thousands separators'));
        if (c.min !== undefined) out.push(m(col, String(c.min - 1), 'out_of_range', 'below minimum'));
        if (c.min !== undefined && c.min >= 0) out.push(m(col, '-5', 'out_of_range', 'negative'));
        if (c.max !== undefined) out.push(m(col, String(c.max + 1), 'out_of_range', 'above maximum'));
        break;
      }
      case 'date':
        for (const t of ['2026-02-30', '30/02/2026', '2025-13-01', '12/31/2025', '31-04-2025', '2025-00-10']) out.push(m(col, t, 'invalid_date', `impossible date ${t}`));
        for (const t of ['2025/06/01', 'kemarin', '2025-6-1', '45000', '2025-06-01T10:00']) out.push(m(col, t, 'invalid_format', `not a date ${t}`));
        break;
      case 'timestamp':
        for (const t of ['2026-02-30 10:00', '2025-05-05 24:00', '2025-05-05T10:60', '2025-02-29T08:00:00Z', '2025-05-05 10:00:60']) out.push(m(col, t, 'invalid_date', `impossible timestamp ${t}`));
        for (const t of ['2025-05-05', '05/05/2025 10:00', '2025-05-05T10', 'besok pagi', '2025-05-05 10:00 WIB']) out.push(m(col, t, 'invalid_format', `not a timestamp ${t}`));
        break;
      case 'bool':
        for (const t of ['mungkin', 'yes', 'no', '2', 'benar', 'ya ya']) out.push(m(col, t, 'invalid_format', `not a boolean ${t}`));
        break;
      case 'period':
        for (const t of ['2026-13', '2026-00']) out.push(m(col, t, 'invalid_date', `impossible period ${t}`));
        for (const t of ['2026-1', '202601', '01-2026', '2026-01-01', 'Januari']) out.push(m(col, t, 'invalid_format', `not a period ${t}`));
        break;
      case 'enum':
        for (const t of ['xyz', `${c.values![0]}x`, 'salur proses']) out.push(m(col, t, 'unknown_value', `unknown enum ${t}`));
        break;
      case 'kabupaten':
        out.push(m(col, '99.99', 'unknown_wilayah', 'unknown kabupaten', { alone: false }));
        out.push(m(col, '6402', 'invalid_format', 'kabupaten without dot', { alone: false }));
        break;
      case 'kecamatan':
        out.push(m(col, '99.99.99', 'unknown_wilayah', 'unknown kecamatan'));
        out.push(m(col, '64.02', 'invalid_format', 'kabupaten code in kecamatan column'));
        out.push(m(col, foreignKecamatan(e.kabupaten_code as string), 'wilayah_mismatch', 'kecamatan of another kabupaten'));
        break;
      case 'desa':
        out.push(m(col, '99.99.99.9999', 'unknown_wilayah', 'unknown desa'));
        out.push(m(col, '64.02.01.20', 'invalid_format', 'short desa code'));
        if (typeof e.kecamatan_code === 'string') out.push(m(col, foreignDesa(e.kecamatan_code), 'wilayah_mismatch', 'desa of another kecamatan'));
        break;
      case 'string':
        if (!c.maskNik) out.push(m(col, NIK, 'pii_nik', '16-digit NIK'), m(col, ` ${NIK} `, 'pii_nik', '16-digit NIK with spaces'));
        // Grouped (spaces, dots, dashes, 6-6-4) and full-width: still a NIK.
        if (!c.maskNik) for (let form = 1; form < 7; form++) out.push(m(col, writtenNik(NIK, form), 'pii_nik', `NIK written as ${writtenNik(NIK, form)}`));
        if (c.pattern) out.push(m(col, 'a b!', 'invalid_format', 'breaks pattern'));
        if (c.pattern && col === 'facilitator_id') out.push(m(col, 'ab', 'invalid_format', 'too short for pattern'), m(col, 'x'.repeat(41), 'invalid_format', 'too long for pattern'));
        if (c.pattern && col === 'kpm_id') out.push(m(col, 'abc12', 'invalid_format', 'too short for pattern'));
        if (c.maxLength !== undefined) out.push(m(col, 'é'.repeat(c.maxLength + 1), 'out_of_range', 'one character too long'));
        break;
    }
  }
  crossField(name, row, out);
  return out;
}

function crossField(name: DatasetName, row: GenRow, out: Mutation[]): void {
  const e = row.expected;
  const tomorrow = localYmd(NOW + DAY_MS, row.place.offset);
  const future = new Date(NOW + 2 * DAY_MS + 60_000).toISOString();
  switch (name) {
    case 'roster': {
      if (e.role === 'pendamping' || e.role === 'apd') out.push(m('kecamatan_code', '', 'cross_field', 'kecamatan missing for a kecamatan role'));
      const before = new Date(Date.parse(e.active_from as string) - DAY_MS).toISOString().slice(0, 10);
      out.push(m('active_to', before, 'cross_field', 'active_to before active_from'));
      break;
    }
    case 'monthly_report': {
      const assigned = e.kpm_assigned as number;
      if (assigned < 2_147_483_647) {
        out.push(m('kpm_verified', String(assigned + 1), 'cross_field', 'verified > assigned'));
        out.push(m('p2k2_kpm_attended', String(assigned + 1), 'cross_field', 'attended > assigned'));
      }
      const [y, mo] = (e.period as string).split('-').map(Number);
      const lastDayBefore = new Date(Date.UTC(y, mo - 1, 0)).toISOString().slice(0, 10);
      out.push(m('submitted_at', `${lastDayBefore} 23:59`, 'cross_field', 'submitted before the period'));
      out.push(m('submitted_at', future, 'future_date', 'submitted in the future'));
      break;
    }
    case 'activity_log': {
      if (DESA_ACTIVITY_TYPES.has(e.activity_type as string)) out.push(m('desa_code', '', 'cross_field', 'desa missing for a village activity'));
      const sentDay = localYmd(e.submitted_at as number, row.place.offset);
      const after = new Date(Date.parse(sentDay) + DAY_MS).toISOString().slice(0, 10);
      if (after < tomorrow) out.push(m('activity_date', after, 'cross_field', 'activity after its submission'));
      out.push(m('activity_date', tomorrow, 'future_date', 'activity tomorrow'));
      out.push(m('submitted_at', future, 'future_date', 'submitted in the future'));
      break;
    }
    case 'disbursement': {
      const allocated = e.amount_allocated as number;
      if (allocated < Number.MAX_SAFE_INTEGER) {
        // gagal/retur also forbid any payment: the same cell then breaks two rules.
        out.push(m('amount_disbursed', String(allocated + 1), 'cross_field', 'disbursed > allocated', { alone: e.status === 'salur' || e.status === 'proses' }));
      }
      if (e.status === 'salur') {
        out.push(m('disbursed_at', '', 'cross_field', 'salur without disbursed_at'));
        out.push(m('amount_disbursed', '0', 'cross_field', 'salur with nothing paid'));
        out.push(m('disbursed_at', tomorrow, 'future_date', 'disbursed tomorrow'));
      } else {
        out.push(m('disbursed_at', '2025-03-03', 'cross_field', `disbursed_at set for ${String(e.status)}`));
      }
      if (e.status === 'gagal' || e.status === 'retur') out.push(m('amount_disbursed', '1', 'cross_field', `money paid for ${String(e.status)}`));
      if (e.field_verified === true) out.push(m('reconciled', 'tidak', 'cross_field', 'field verified but not reconciled', { column: 'field_verified' }));
      break;
    }
    case 'kecamatan_profile': {
      const households = e.households as number;
      out.push(m('dtks_households', String(households + 1), 'cross_field', 'dtks > households'));
      out.push(m('extreme_poor_households', String((e.dtks_households as number) + 1), 'cross_field', 'extreme > dtks'));
      break;
    }
  }
}
