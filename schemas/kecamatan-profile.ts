import { col } from './columns.js';
import { Dataset } from './dataset.js';

/** kecamatan_profile — profil kemiskinan kecamatan: yearly statistics per kecamatan. */
export const kecamatanProfile = new Dataset({
  name: 'kecamatan_profile',
  title: ['Profil kemiskinan kecamatan', 'Kecamatan poverty profile'],
  naturalKey: ['kecamatan_code', 'year'],
  columns: [
    col.int('year', ['tahun', 'year'], { aliases: ['tahun'], min: 2015, max: 2100 }),
    col.kabupaten(),
    col.kecamatan(),
    col.int('population', ['jumlah penduduk', 'population'], { aliases: ['jumlah_penduduk'], min: 1 }),
    col.int('households', ['jumlah KK', 'households'], { aliases: ['jumlah_kk', 'jumlah_rumah_tangga'], min: 1 }),
    // DTSEN replaced DTKS in 2025 (Inpres 4/2025): exports may carry either name (DATA.md).
    col.int('dtks_households', ['KK DTKS/DTSEN', 'DTKS/DTSEN households'], { aliases: ['kk_dtks', 'kk_dtsen', 'dtsen_households'], min: 0 }),
    col.int('extreme_poor_households', ['KK miskin ekstrem', 'extreme poor households'], {
      aliases: ['kk_miskin_ekstrem', 'desil_1'],
      min: 0,
    }),
  ],
  rules: [
    ({ values: v, fail }) => {
      const pairs: [string, string][] = [
        ['dtks_households', 'households'],
        ['extreme_poor_households', 'dtks_households'],
      ];
      for (const [small, big] of pairs) {
        const a = v[small];
        const b = v[big];
        if (typeof a === 'number' && typeof b === 'number' && a > b) {
          fail(small, 'cross_field', `${small} (${a}) melebihi ${big} (${b})`, `${small} (${a}) exceeds ${big} (${b})`);
        }
      }
    },
  ],
});
