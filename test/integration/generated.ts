/**
 * Generated Kutai Kartanegara (64.02) data for the integration, fault and PII tests, and the
 * upload keys a person would really use (spaces, `+`, parentheses).
 */
import { generate, previousMonth, type GenerateResult } from '../../functions/generator/index.js';
import { DATASET_NAMES, type DatasetName } from '../../functions/lib/lake-layout.js';

export const KAB = '64.02';

/** Upload keys under `incoming/<dataset>/`, each with characters S3 URL-encodes in events. */
export const UPLOAD_KEYS: Record<DatasetName, string> = {
  roster: 'incoming/roster/Daftar SDM Kukar (Okt 2026).csv',
  monthly_report: 'incoming/monthly_report/laporan bulanan+rev (1).csv',
  activity_log: 'incoming/activity_log/aktivitas 3 bulan (final)+koreksi.csv',
  disbursement: 'incoming/disbursement/penyaluran Q3+Q4 (v2).csv',
  kecamatan_profile: 'incoming/kecamatan_profile/profil kecamatan (2026).csv',
};

export { DATASET_NAMES };

/** The five datasets of 64.02 for `months` months ending the month before `now` (WIB). */
export function generateKukar(outDir: string, opts: { months: number; invalidRate: number; seed: number; now: number }): Promise<GenerateResult> {
  return generate({ kabupaten: KAB, months: opts.months, seed: opts.seed, invalidRate: opts.invalidRate, outDir, now: opts.now, endPeriod: previousMonth(opts.now) });
}
