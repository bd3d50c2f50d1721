/**
 * Regression for a gap the properties of this folder found, now closed (schemas reject any
 * standalone 16-digit run in id columns with pii_nik and mask it in names and free text). Before:
 * DATA.md says "No column may carry a NIK" and SYSTEM.md "no raw NIK ... is ever stored", but
 * only two cases are handled: a value of EXACTLY 16 digits in kpm_id / facilitator_id /
 * supervisor_id / reconciled_by is rejected (pii_nik), and 16-digit runs in notes / description
 * are masked. Everything else is stored as written, e.g.
 *   roster.full_name = "3201234567890123"              → stored raw
 *   activity_log.activity_id = "3201234567890123"      → stored raw
 *   disbursement.disbursement_id = "3201234567890123"  → stored raw
 *   disbursement.kpm_id = "KPM-3201234567890123"       → stored raw (fits ^[A-Za-z0-9-]{6,40}$)
 *   roster.facilitator_id = "PD-3201234567890123"      → stored raw
 * The fix: reject (pii_nik) any standalone 16-digit run in every string column
 * that is not free text, and mask it in names and free text.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../schemas/index.js';
import { ingestBytes, lakeStrings, openDuck, tempLake, type Duck } from './support/lake.js';
import { DATASET_NAMES_ALL, validRow } from './support/rows.js';
import { runs } from './support/runs.js';
import { NIK_RUN, NOW } from './support/world.js';

let duck: Duck;
beforeAll(async () => {
  duck = await openDuck();
});
afterAll(() => duck?.close());

const nik = fc.stringMatching(/^[1-9]\d{15}$/);
const prefix = fc.constantFrom('', '', 'PD-', 'KPM-', 'x', 'NIK.');
const suffix = fc.constantFrom('', '', '-01', 'a');

describe.each(DATASET_NAMES_ALL.filter((n) => getDataset(n).columns.some((c) => c.kind === 'string' && !c.maskNik)))(
  'no NIK in a %s text column that is not free text is stored as written',
  (name) => {
    const d = getDataset(name);
    const columns = d.columns.filter((c) => c.kind === 'string' && !c.maskNik).map((c) => c.name);

    it('a 16-digit run in any such column is rejected (pii_nik) or stored masked, never stored as written', () => {
      fc.assert(
        fc.property(validRow(name, 'any'), fc.constantFrom(...columns), prefix, nik, suffix, (r, column, before, digits, after) => {
          // Arrange
          const cells = { ...r.cells, [column]: `${before}${digits}${after}` };
          // Act
          const result = d.validate(cells, { now: NOW });
          // Assess
          if (result.ok) expect(NIK_RUN.test(String(result.row[column])), `${column} = ${cells[column]} stored`).toBe(false);
          else expect(result.errors.map((e) => e.column)).toContain(column);
        }),
        { numRuns: runs(60) },
      );
    });
  },
);

describe('regression: NIKs reach the lake through ingest', () => {
  it('minimal: roster full_name and disbursement ids holding a NIK leave no 16-digit run in any lake string', async () => {
    // Arrange
    const uploads = [
      ['roster', 'roster.csv', 'facilitator_id,full_name,role,kabupaten_code,kecamatan_code,active_from\nPD-3201234567890123,3201234567890123,pendamping,64.02,64.02.01,2025-01-01\n'],
      [
        'disbursement',
        'salur.csv',
        'disbursement_id,kpm_id,program,period,tahap,kabupaten_code,kecamatan_code,desa_code,channel,amount_allocated,amount_disbursed,status,disbursed_at,reconciled,field_verified,card_held_by_third_party\n3201234567890123,KPM-3201234567890123,PKH,2026-01,1,64.02,64.02.01,64.02.01.2001,BRI,750000,0,proses,,ya,tidak,tidak\n',
      ],
    ] as const;
    for (const [name, key, csv] of uploads) {
      const lake = await tempLake();
      try {
        // Act
        await ingestBytes(lake.store, name, key, Buffer.from(csv));
        // Assess
        const leaks = (await lakeStrings(duck, lake.root, name)).filter((s) => NIK_RUN.test(s.value));
        expect(leaks, `${name}: NIK stored in ${leaks.map((l) => l.column).join(', ')}`).toEqual([]);
      } finally {
        await lake.dispose();
      }
    }
  });
});
