/**
 * Generated files with personal data planted in them: 16-digit NIKs in free text (start, middle,
 * end, twice, glued to punctuation), in a column the schema does not know, in rows rejected for
 * another reason, and a ragged row; plus numbers that are NOT NIKs (15 and 17 digits), which must
 * stay as written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { csvLine } from '../../functions/generator/index.js';

/** Sixteen-digit numbers shaped like NIKs of Kutai Kartanegara (64.02). */
export const NIKS = ['6402014501900007', '6402025708850003', '6402034112790011', '6402046603920002', '6402050101010001'];
/** Not NIKs: one digit short, one digit long. */
export const NOT_NIKS = ['640201450190000', '64020145019000071'];

export const masked = (nik: string) => `************${nik.slice(-4)}`;

/** Free-text values carrying the planted numbers, in the spots a regex could miss. */
export function freeTexts(): string[] {
  const [a, b, c, d, e] = NIKS;
  return [
    `KPM dengan NIK ${a} sudah dikunjungi`,
    `${b}`,
    `nik:${c};alamat RT 02`,
    `dua KPM (${d}) dan (${e}) belum hadir`,
    `NIK ${a}, NIK ${b}.`,
    `nomor rekening ${NOT_NIKS[0]} dan kartu ${NOT_NIKS[1]}`,
  ];
}

/**
 * Rewrites a generated CSV: every `every`-th row gets one of the free texts in `column`, and a
 * column the schema does not know (`nik_kpm`) carries a NIK on every row. Returns the new file.
 */
export async function plantInCsv(file: string, column: string, every: number, out: string): Promise<{ planted: number }> {
  const [header, ...records] = parse(await readFile(file)) as string[][];
  const col = header.indexOf(column);
  if (col < 0) throw new Error(`no column ${column} in ${file}`);
  const texts = freeTexts();
  let planted = 0;
  const lines = [csvLine([...header, 'nik_kpm'])];
  records.forEach((r, i) => {
    const row = [...r];
    if (i % every === 0) row[col] = texts[planted++ % texts.length];
    lines.push(csvLine([...row, NIKS[i % NIKS.length]]));
  });
  await writeFile(out, lines.join(''));
  return { planted };
}
