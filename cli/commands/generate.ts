/**
 * `pkh generate`: deterministic synthetic data for the demo, the tests and the benchmarks.
 */
import { DATASET_NAMES } from '../../functions/lib/lake-layout.js';
import { UserError } from '../../functions/lib/errors.js';
import { ERROR_CODES } from '../../schemas/index.js';
import { generate, resolveKabupaten, type GenerateProgress, type OutputFormat, type SplitMode } from '../../functions/generator/index.js';
import { parseFlags, usageError } from '../args.js';

export const HELP = `Penggunaan / Usage:
  pkh generate --kabupaten <kode|all> --months N --out DIR [opsi / options]

Membuat data sintetis yang realistis dan deterministik (seed yang sama = berkas yang sama).
Writes realistic, deterministic synthetic data (same seed = byte-identical files).

  --kabupaten K      kode kabupaten (64.02), beberapa dipisah koma, kode provinsi (64), atau "all"
                     kabupaten codes, comma separated, province codes, or "all"
  --months N         jumlah bulan (1–120) / number of months
  --out DIR          folder keluaran / output folder
  --seed S           bilangan bulat, bawaan 1 / integer seed, default 1
  --invalid-rate R   porsi baris tidak valid 0–1, bawaan 0 / share of invalid rows, default 0
  --end-period P     bulan terakhir YYYY-MM, bawaan bulan lalu / last month, default last month
  --format F         csv (bawaan/default) atau/or jsonl
  --split S          none (bawaan: satu berkas per dataset / one file per dataset) atau/or
                     kabupaten (<dataset>/<dataset>-<NN.NN>.csv)
  -h, --help         bantuan ini / this help

Berkas / files: roster, monthly_report, activity_log, disbursement, kecamatan_profile (.csv|.jsonl)
Contoh / example: pkh generate --kabupaten 64.02 --months 14 --out ./sampel --invalid-rate 0.02`;

const OPTIONS = {
  kabupaten: { type: 'string' },
  months: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string' },
  'invalid-rate': { type: 'string' },
  'end-period': { type: 'string' },
  format: { type: 'string' },
  split: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function integer(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw usageError('generate', `--${flag} harus bilangan bulat, bukan "${text}"`, `--${flag} must be a whole number, not "${text}"`);
  return Number(text);
}

function rate(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw usageError('generate', `--invalid-rate harus angka 0–1, bukan "${text}"`, `--invalid-rate must be a number 0–1, not "${text}"`);
  }
  return n;
}

function oneOf<T extends string>(flag: string, text: string, values: readonly T[]): T {
  if (!(values as readonly string[]).includes(text)) {
    throw usageError('generate', `--${flag} harus salah satu dari ${values.join(', ')}, bukan "${text}"`, `--${flag} must be one of ${values.join(', ')}, not "${text}"`);
  }
  return text as T;
}

function required(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw usageError('generate', `opsi --${name} wajib diisi`, `option --${name} is required`);
  return value;
}

/** The kabupaten list, checked up front: an unknown code is wrong usage (exit 2). */
function kabupatenFlag(text: string): string[] {
  try {
    return resolveKabupaten(text);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(err.message, 'usage');
    throw err;
  }
}

const nf = new Intl.NumberFormat('id-ID');

function progressLine(p: GenerateProgress): string {
  const rate = p.elapsedMs > 0 ? Math.round((p.rows * 1000) / p.elapsedMs) : 0;
  return `\rkabupaten ${p.kabupatenDone}/${p.kabupatenTotal} (${p.kabupatenCode}) · ${nf.format(p.rows)} baris/rows · ${nf.format(rate)} baris/s   `;
}

/** Runs `pkh generate`; returns the exit code. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseFlags('generate', args, OPTIONS);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const tty = process.stderr.isTTY === true;
  const result = await generate({
    kabupaten: kabupatenFlag(required('kabupaten', values.kabupaten)),
    months: integer('months', required('months', values.months)),
    outDir: required('out', values.out),
    seed: values.seed === undefined ? undefined : integer('seed', values.seed),
    invalidRate: values['invalid-rate'] === undefined ? undefined : rate(values['invalid-rate']),
    endPeriod: values['end-period'],
    format: values.format === undefined ? undefined : oneOf<OutputFormat>('format', values.format, ['csv', 'jsonl']),
    split: values.split === undefined ? undefined : oneOf<SplitMode>('split', values.split, ['none', 'kabupaten']),
    onProgress: tty ? (p) => process.stderr.write(progressLine(p)) : undefined,
  });
  if (tty) process.stderr.write('\n');

  console.log(
    `Data sintetis / synthetic data: ${result.kabupaten.length} kabupaten, ${result.periods[0]}..${result.periods.at(-1)}, ${(result.elapsedMs / 1000).toFixed(1)} s`,
  );
  const width = Math.max(...DATASET_NAMES.map((d) => d.length));
  for (const d of DATASET_NAMES) {
    const codes = ERROR_CODES.filter((c) => result.invalidByCode[d][c])
      .map((c) => `${c} ${result.invalidByCode[d][c]}`)
      .join(', ');
    const where = result.fileList[d].length === 1 ? result.files[d] : `${result.files[d]} (${result.fileList[d].length} berkas/files)`;
    console.log(
      `  ${d.padEnd(width)}  ${nf.format(result.rows[d]).padStart(12)} baris/rows  ${nf.format(result.invalidRows[d]).padStart(9)} tidak valid/invalid  ${where}${codes ? `  [${codes}]` : ''}`,
    );
  }
  return 0;
}
