/**
 * Words only the region reports print (REPORTS.md §4), in Bahasa Indonesia and English. Kept
 * beside labels.ts so the single-kabupaten dictionary stays as it is.
 */
import type { AnyRegionReport } from '../regions/types.js';
import type { Lang } from './labels.js';

type Pair = Record<Lang, string>;

export const REGION_TEXT = {
  region: { id: 'Wilayah', en: 'Region' },
  kabupaten_code: { id: 'Kode kabupaten/kota', en: 'District/city code' },
  kabupaten_name: { id: 'Nama kabupaten/kota', en: 'District/city name' },
  kabupaten: { id: 'Kabupaten/Kota', en: 'District/City' },
  kabupaten_count: { id: 'Jumlah kabupaten/kota', en: 'Districts/cities' },
  kecamatan_count: { id: 'Jumlah kecamatan', en: 'Sub-districts' },
  desa_not_covered_count: { id: 'Desa belum dikoordinasi', en: 'Villages not yet coordinated' },
  region_total: { id: 'Total wilayah', en: 'Region total' },
  region_score: { id: 'Skor wilayah', en: 'Region score' },
  province: { id: 'Provinsi', en: 'Province' },
  korwil: { id: 'Korwil', en: 'Korwil area' },
  national: { id: 'Nasional', en: 'National' },
  score_by_kabupaten: { id: 'Skor per kabupaten/kota', en: 'Score by district/city' },
  weakest_kabupaten: { id: 'kabupaten/kota dengan skor terendah', en: 'districts/cities with the lowest score' },
  provisional: {
    id: 'SEMENTARA: belum final untuk semua kabupaten/kota (dihitung per {asof}); angka dapat berubah',
    en: 'PROVISIONAL: not yet final in every district/city (computed as of {asof}); figures may change',
  },
  region_rule: {
    id: 'Baris kabupaten/kota = total kartu kinerja kabupaten/kota itu sendiri; total wilayah menjumlahkan pembilang, penyebut dan hitungan',
    en: 'A district/city row = that district/city\'s own scorecard total; the region total sums numerators, denominators and counts',
  },
  region_sanctions_rule: {
    id: 'Gabungan daftar sanksi setiap kabupaten/kota, diurutkan menurut bulan rendah berturut-turut, pelaporan harian, kode kabupaten, ID pendamping',
    en: 'The union of every district/city\'s sanctions list, ordered by consecutive low months, daily reporting, district code, facilitator id',
  },
} satisfies Record<string, Pair>;

export type RegionTextKey = keyof typeof REGION_TEXT;

export function rt(key: RegionTextKey, lang: Lang): string {
  return REGION_TEXT[key][lang];
}

/**
 * The region as people say it: "Provinsi JAWA TENGAH", "Korwil jateng-2", "Nasional", or the
 * kabupaten codes of a list.
 */
export function regionTitle(report: Pick<AnyRegionReport, 'region' | 'region_name'>, lang: Lang): string {
  if (report.region === 'all') return rt('national', lang);
  if (report.region_name === null) return `${rt('kabupaten', lang)} ${report.region.split(',').join(', ')}`;
  if (/^\d{2}$/.test(report.region)) return `${rt('province', lang)} ${report.region_name}`;
  return `${rt('korwil', lang)} ${report.region_name}`;
}
