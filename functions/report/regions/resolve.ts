/**
 * Which kabupaten a region is (REPORTS.md §4 "Regions"): `R` is a province code `NN`, a
 * comma-separated list of kabupaten codes, a name from the config's `regions`, or `all`.
 * Pure: the wilayah reference and the config are the only inputs.
 */
import type { PkhConfig } from '../../lib/config.js';
import { UserError } from '../../lib/errors.js';
import { getKabupaten, getProvince, listKabupaten } from '../../lib/wilayah.js';

/** The region name of `all`. */
export const NATIONAL_NAME = 'Nasional';

export interface ResolvedRegion {
  /** `R` as given; a list normalised to its ascending codes joined by `,`. */
  region: string;
  /** Province name for `NN`, the config name for a named region, "Nasional" for `all`, null for a list. */
  region_name: string | null;
  /** Ascending kabupaten codes. */
  kabupaten_codes: string[];
}

const PROVINCE = /^\d{2}$/;
const KABUPATEN = /^\d{2}\.\d{2}$/;

function regionError(r: string, id: string, en: string): UserError {
  return new UserError(`Wilayah "${r}": ${id} / Region "${r}": ${en}`, 'invalid_region');
}

const ascending = (codes: Iterable<string>): string[] => [...new Set(codes)].sort();

/**
 * Resolves `R` to its kabupaten. Each problem is one UserError line (code `invalid_region`).
 *
 * @example resolveRegion('33', config) // {region: '33', region_name: 'JAWA TENGAH', kabupaten_codes: ['33.01', …]}
 * @example resolveRegion('33.08,33.07', config) // {region: '33.07,33.08', region_name: null, …}
 */
export function resolveRegion(r: string, config: Pick<PkhConfig, 'regions'>): ResolvedRegion {
  const text = r.trim();
  if (text === 'all') {
    return { region: 'all', region_name: NATIONAL_NAME, kabupaten_codes: ascending(listKabupaten().map((k) => k.code)) };
  }
  if (Object.hasOwn(config.regions, text)) {
    return { region: text, region_name: text, kabupaten_codes: ascending(config.regions[text]) };
  }
  if (PROVINCE.test(text)) {
    const province = getProvince(text);
    const codes = listKabupaten()
      .filter((k) => k.code.startsWith(`${text}.`))
      .map((k) => k.code);
    if (!province || codes.length === 0) {
      throw regionError(text, 'provinsi ini tidak ada di referensi wilayah; pakai kode provinsi NN, mis. 33', 'this province is not in the wilayah reference; use a province code NN, e.g. 33');
    }
    return { region: text, region_name: province.name, kabupaten_codes: ascending(codes) };
  }
  if (text.includes(',') || KABUPATEN.test(text)) {
    const codes = text.split(',').map((c) => c.trim());
    for (const code of codes) {
      if (!KABUPATEN.test(code) || !getKabupaten(code)) {
        throw regionError(
          text,
          `kabupaten "${code}" tidak ada di referensi wilayah; tulis kode Kemendagri NN.NN dipisah koma, mis. 33.07,33.08`,
          `kabupaten "${code}" is not in the wilayah reference; write Kemendagri codes NN.NN separated by commas, e.g. 33.07,33.08`,
        );
      }
    }
    const sorted = ascending(codes);
    return { region: sorted.join(','), region_name: null, kabupaten_codes: sorted };
  }
  const names = Object.keys(config.regions);
  throw regionError(
    text,
    `bukan kode provinsi NN, daftar kode kabupaten, "all", atau nama di "regions" konfigurasi (ada: ${names.join(', ') || 'belum ada'})`,
    `not a province code NN, a list of kabupaten codes, "all", or a name in the config's "regions" (known: ${names.join(', ') || 'none yet'})`,
  );
}
