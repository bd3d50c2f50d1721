import { describe, expect, it } from 'vitest';
import { DATASETS, getDataset } from '../../schemas/index.js';
import { check, codes, NOW, VALID } from './helpers.js';

describe('aturan umum / common rules', () => {
  it('every valid example passes and matches the derived zod row schema', () => {
    for (const d of DATASETS) {
      const r = d.validate(VALID[d.name], { now: NOW });
      expect(r.ok, d.name).toBe(true);
      if (r.ok) expect(d.rowSchema.safeParse(r.row).success, d.name).toBe(true);
    }
  });

  it('an empty or whitespace-only required cell is `required`', () => {
    expect(codes('roster', { full_name: '   ' })).toEqual(['full_name:required']);
    expect(codes('disbursement', { kpm_id: null })).toEqual(['kpm_id:required']);
    expect(codes('kecamatan_profile', { population: '' })).toEqual(['population:required']);
  });

  it('optional cells may be empty', () => {
    expect(codes('roster', { supervisor_id: '', active_to: '' })).toEqual([]);
    expect(codes('monthly_report', { notes: '' })).toEqual([]);
    expect(codes('disbursement', { reconciled_by: '' })).toEqual([]);
  });

  it('cells are trimmed before they are parsed and stored', () => {
    const r = check('roster', { facilitator_id: '  PD-1  ', role: ' Pendamping ' });
    expect(r.ok && r.row.facilitator_id).toBe('PD-1');
    expect(r.ok && r.row.role).toBe('pendamping');
  });

  describe('tanggal / dates', () => {
    it.each([
      ['2025-01-31', '2025-01-31'],
      ['31/01/2025', '2025-01-31'],
      ['31-01-2025', '2025-01-31'],
      ['1/2/2025', '2025-02-01'],
    ])('%s is read in Indonesian order as %s', (raw, stored) => {
      const r = check('roster', { active_from: raw, active_to: '' });
      expect(r.ok && r.row.active_from).toBe(stored);
    });

    it('never reads MM/DD: 01/31/2025 is not a real date', () => {
      expect(codes('roster', { active_from: '01/31/2025' })).toEqual(['active_from:invalid_date']);
    });

    it('2026-02-30 is invalid_date, "kemarin" is invalid_format', () => {
      expect(codes('roster', { active_from: '2026-02-30' })).toEqual(['active_from:invalid_date']);
      expect(codes('roster', { active_from: 'kemarin' })).toEqual(['active_from:invalid_format']);
    });

    it('Excel serial dates are accepted from XLSX only', () => {
      const d = getDataset('roster');
      const cells = { ...VALID.roster, active_from: '45658' };
      const x = d.validate(cells, { now: NOW, fromXlsx: true });
      expect(x.ok && x.row.active_from).toBe('2025-01-01');
      expect(d.validate(cells, { now: NOW }).ok).toBe(false);
    });
  });

  describe('waktu / timestamps', () => {
    const at = (raw: string) => {
      const r = check('monthly_report', { submitted_at: raw });
      return r.ok ? new Date(r.row.submitted_at as number).toISOString() : r.errors.map((e) => e.code).join();
    };
    it('without an offset it is local time of the kabupaten (64.02 is WITA, UTC+8)', () => {
      expect(at('2026-11-05 23:59:59')).toBe('2026-11-05T15:59:59.000Z');
      expect(at('2026-11-05T23:59')).toBe('2026-11-05T15:59:00.000Z');
    });
    it('a WIB kabupaten (33.10 Klaten) is UTC+7', () => {
      const r = check('monthly_report', {
        kabupaten_code: '33.10',
        kecamatan_code: '33.10.01',
        submitted_at: '2026-11-05 23:59:59',
      });
      expect(r.ok && new Date(r.row.submitted_at as number).toISOString()).toBe('2026-11-05T16:59:59.000Z');
    });
    it('explicit Z, ±HH:MM and ±HHMM offsets and fractions are honoured', () => {
      expect(at('2026-11-05T10:00:00Z')).toBe('2026-11-05T10:00:00.000Z');
      expect(at('2026-11-05T10:00:00+07:00')).toBe('2026-11-05T03:00:00.000Z');
      expect(at('2026-11-05T10:00:00.25+0900')).toBe('2026-11-05T01:00:00.250Z');
    });
    it('impossible moments are invalid_date, garbage is invalid_format', () => {
      expect(at('2026-02-30T10:00')).toBe('invalid_date');
      expect(at('2026-11-05 25:00')).toBe('invalid_date');
      expect(at('5 Nov 2026')).toBe('invalid_format');
      expect(at('2026-11-05')).toBe('invalid_format');
    });
  });

  describe('periode / periods', () => {
    it('YYYY-MM passes; 2026-13 is invalid_date; 10/2026 is invalid_format', () => {
      expect(codes('disbursement', { period: '2026-09' })).toEqual([]);
      expect(codes('disbursement', { period: '2026-13' })).toEqual(['period:invalid_date']);
      expect(codes('disbursement', { period: '10/2026' })).toEqual(['period:invalid_format']);
    });
  });

  describe('bilangan / integers', () => {
    it('plain digits pass; "-5" is a number out of range; "lima" and "2.5" are invalid_format', () => {
      expect(codes('monthly_report', { dtks_updates: '7' })).toEqual([]);
      expect(codes('monthly_report', { dtks_updates: '-5' })).toEqual(['dtks_updates:out_of_range']);
      expect(codes('monthly_report', { dtks_updates: 'lima' })).toEqual(['dtks_updates:invalid_format']);
      expect(codes('monthly_report', { dtks_updates: '2.5' })).toEqual(['dtks_updates:invalid_format']);
    });
    it('a count past the int32 storage range is out_of_range', () => {
      expect(codes('monthly_report', { dtks_updates: '2147483647' })).toEqual([]);
      expect(codes('monthly_report', { dtks_updates: '2147483648' })).toEqual(['dtks_updates:out_of_range']);
    });
    it('rupiah amounts accept Indonesian thousands separators; counts do not', () => {
      const r = check('disbursement', { amount_allocated: '1.250.000', amount_disbursed: '1.250.000' });
      expect(r.ok && r.row.amount_allocated).toBe(1_250_000);
      expect(codes('monthly_report', { kpm_assigned: '1.250' })).toEqual(['kpm_assigned:invalid_format']);
      expect(codes('disbursement', { amount_allocated: '1.25.000' })).toEqual(['amount_allocated:invalid_format']);
    });
  });

  describe('boolean', () => {
    it.each(['true', 'FALSE', 'ya', 'Tidak', 'y', 'N', '1', '0'])('%s is a boolean', (v) => {
      expect(codes('disbursement', { card_held_by_third_party: v })).toEqual([]);
    });
    it('"mungkin" is invalid_format', () => {
      expect(codes('disbursement', { card_held_by_third_party: 'mungkin' })).toEqual(['card_held_by_third_party:invalid_format']);
    });
    it('ya/tidak are stored as true/false', () => {
      const r = check('disbursement', { reconciled: 'YA', field_verified: 'tidak' });
      expect(r.ok && [r.row.reconciled, r.row.field_verified]).toEqual([true, false]);
    });
  });

  describe('enum', () => {
    it('matches case-insensitively and is stored in the case DATA.md writes', () => {
      const r = check('disbursement', { program: 'pkh', channel: 'mandiri', status: 'SALUR' });
      expect(r.ok && [r.row.program, r.row.channel, r.row.status]).toEqual(['PKH', 'MANDIRI', 'salur']);
    });
    it('a value outside the list is unknown_value', () => {
      expect(codes('disbursement', { channel: 'BCA' })).toEqual(['channel:unknown_value']);
    });
  });

  describe('wilayah', () => {
    it('a malformed code is invalid_format', () => {
      expect(codes('kecamatan_profile', { kecamatan_code: '6402001' })).toEqual(['kecamatan_code:invalid_format']);
    });
    it('a code not in the reference is unknown_wilayah', () => {
      expect(codes('kecamatan_profile', { kecamatan_code: '64.02.99' })).toEqual(['kecamatan_code:unknown_wilayah']);
    });
    it('a known kecamatan outside its known kabupaten is wilayah_mismatch', () => {
      expect(codes('kecamatan_profile', { kecamatan_code: '33.10.01' })).toEqual(['kecamatan_code:wilayah_mismatch']);
    });
    it('a desa outside the row kecamatan is wilayah_mismatch', () => {
      expect(codes('disbursement', { desa_code: '64.02.02.2001' })).toEqual(['desa_code:wilayah_mismatch']);
    });
    it('a child of an unknown parent is only checked for its own existence', () => {
      expect(codes('kecamatan_profile', { kabupaten_code: '64.99' })).toEqual(['kabupaten_code:unknown_wilayah']);
      expect(codes('kecamatan_profile', { kabupaten_code: '64.99', kecamatan_code: '64.02.77' })).toEqual([
        'kabupaten_code:unknown_wilayah',
        'kecamatan_code:unknown_wilayah',
      ]);
    });
  });

  describe('data pribadi / personal data', () => {
    it.each([
      ['disbursement', 'kpm_id'],
      ['disbursement', 'reconciled_by'],
      ['roster', 'facilitator_id'],
      ['roster', 'supervisor_id'],
      ['monthly_report', 'facilitator_id'],
      ['activity_log', 'facilitator_id'],
    ])('a 16-digit NIK in %s.%s rejects the row with pii_nik', (dataset, column) => {
      expect(codes(dataset, { [column]: '6402011203900001' })).toEqual([`${column}:pii_nik`]);
    });
    it.each([
      ['disbursement', 'kpm_id', 'KPM-6402011203900001'],
      ['disbursement', 'disbursement_id', '6402011203900001'],
      ['activity_log', 'activity_id', 'ACT-6402011203900001-1'],
      ['roster', 'facilitator_id', 'PD-6402011203900001'],
    ])('no column may carry a NIK: a 16-digit run inside %s.%s rejects the row', (dataset, column, value) => {
      expect(codes(dataset, { [column]: value })).toEqual([`${column}:pii_nik`]);
    });
    it('a NIK inside a name is stored masked', () => {
      const r = check('roster', { full_name: 'Ani 6402011203900001' });
      expect(r.ok && r.row.full_name).toBe('Ani ************0001');
    });
    it('15 or 17 digits are not a NIK', () => {
      expect(codes('disbursement', { kpm_id: '640201120390000' })).toEqual([]);
    });
    it('a NIK inside free text is stored masked to its last 4 digits and the row is accepted', () => {
      const r = check('activity_log', { description: 'KPM NIK 6402011203900001, kartu di ketua kelompok' });
      expect(r.ok && r.row.description).toBe('KPM NIK ************0001, kartu di ketua kelompok');
      const m = check('monthly_report', { notes: '6402011203900001' });
      expect(m.ok && m.row.notes).toBe('************0001');
    });
    it('formula and script payloads in text are stored as text, unchanged', () => {
      const r = check('activity_log', { description: '=HYPERLINK("http://x","y") <script>alert(1)</script>' });
      expect(r.ok && r.row.description).toBe('=HYPERLINK("http://x","y") <script>alert(1)</script>');
    });
    it('error messages never repeat a NIK', () => {
      const r = check('roster', { facilitator_id: '6402011203900001' });
      expect(JSON.stringify(r)).not.toContain('6402011203900001');
    });
  });

  it('every message is one line, Indonesian first then English after " / "', () => {
    const r = check('disbursement', { amount_disbursed: '900000', channel: 'BCA', tahap: '13', desa_code: '' });
    expect(r.ok).toBe(false);
    for (const e of r.ok ? [] : r.errors) {
      expect(e.message).toMatch(/^[^\n]+ \/ [^\n]+$/);
    }
  });

  it('a row failing several rules lists each failed rule once', () => {
    expect(codes('disbursement', { channel: 'BCA', tahap: '13' })).toEqual(['tahap:out_of_range', 'channel:unknown_value']);
  });
});
