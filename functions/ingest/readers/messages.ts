import { UserError } from '../../lib/errors.js';

/**
 * Text of a file name or header cell safe to put in a one-line message: control characters
 * (newlines included) become spaces and very long text is cut, so a hostile name cannot break
 * the "one line" rule or flood the log.
 */
export function shown(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Human size, e.g. "16 MiB", "1.5 GiB", "812 byte". */
export function bytesText(n: number): string {
  const units = ['byte', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const rounded = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  return `${rounded} ${units[unit]}`;
}

/** Builds the one-line "Indonesian / English" UserError every reader throws. */
export function readerError(code: string, indonesian: string, english: string): UserError {
  return new UserError(shown(`${indonesian} / ${english}`, 2000), code);
}

/** Factory of the reader errors about one file, so every message names it the same way. */
export function errorsFor(fileName: string) {
  const f = `"${shown(fileName)}"`;
  return {
    fileTooLarge: (size: number, max: number) =>
      readerError(
        'file_too_large',
        `Berkas ${f} berukuran ${bytesText(size)}, melebihi batas ${bytesText(max)}; pecah menjadi beberapa berkas yang lebih kecil`,
        `File ${f} is ${bytesText(size)}, over the ${bytesText(max)} limit; split it into smaller files`,
      ),
    fileTooLargeWhileReading: (max: number) =>
      readerError(
        'file_too_large',
        `Berkas ${f} lebih besar dari batas ${bytesText(max)} (terdeteksi saat membaca); pecah menjadi beberapa berkas yang lebih kecil`,
        `File ${f} is larger than the ${bytesText(max)} limit (found while reading); split it into smaller files`,
      ),
    empty: () =>
      readerError(
        'file_empty',
        `Berkas ${f} kosong (baris 1); isi dengan baris header dan baris data`,
        `File ${f} is empty (line 1); add a header row and data rows`,
      ),
    notText: (line: number, what: string, whatEn: string) =>
      readerError(
        'not_text',
        `Berkas ${f} bukan berkas CSV/teks (${what} dekat baris ${line}); simpan ulang sebagai CSV UTF-8, JSONL, atau XLSX`,
        `File ${f} is not a CSV/text file (${whatEn} near line ${line}); save it again as UTF-8 CSV, JSONL or XLSX`,
      ),
    lineTooLong: (line: number, max: number) =>
      readerError(
        'line_too_long',
        `Baris ${line} di berkas ${f} lebih panjang dari ${bytesText(max)}; periksa pemisah baris dan tanda kutip`,
        `Line ${line} in file ${f} is longer than ${bytesText(max)}; check the line breaks and quotes`,
      ),
    unterminatedQuote: (line: number) =>
      readerError(
        'unterminated_quote',
        `Tanda kutip (") yang dibuka di baris ${line} berkas ${f} tidak pernah ditutup; tutup atau hapus tanda kutip itu`,
        `The quote (") opened at line ${line} of file ${f} is never closed; close or remove that quote`,
      ),
    malformedCsv: (line: number, reason: string) =>
      readerError(
        'malformed_csv',
        `Baris ${line} di berkas ${f} bukan CSV yang sah (${shown(reason, 160)}); perbaiki baris itu`,
        `Line ${line} in file ${f} is not valid CSV (${shown(reason, 160)}); fix that line`,
      ),
    duplicatedColumn: (column: string, normalised: string, where: string, whereEn: string) =>
      readerError(
        'duplicated_column',
        `Kolom "${shown(column, 80)}" muncul lebih dari sekali (sebagai "${shown(normalised, 80)}") di header berkas ${f} (${where}); hapus atau ganti nama salah satunya`,
        `Column "${shown(column, 80)}" appears more than once (as "${shown(normalised, 80)}") in the header of file ${f} (${whereEn}); remove or rename one of them`,
      ),
    tooManyRows: (max: number, row: number, where: 'line' | 'sheet row' = 'line') =>
      readerError(
        'too_many_rows',
        `Berkas ${f} berisi lebih dari ${max} baris data (batas terlampaui di ${where === 'line' ? 'baris' : 'baris lembar'} ${row}); pecah menjadi beberapa berkas`,
        `File ${f} has more than ${max} data rows (limit exceeded at ${where} ${row}); split it into several files`,
      ),
    utf16: () =>
      readerError(
        'unsupported_encoding',
        `Berkas ${f} memakai encoding UTF-16 (baris 1); simpan ulang sebagai CSV UTF-8`,
        `File ${f} is UTF-16 encoded (line 1); save it again as UTF-8 CSV`,
      ),
    xls: () =>
      readerError(
        'unsupported_format',
        `Berkas ${f} adalah Excel 97-2003 (.xls) atau buku kerja berkata sandi, yang tidak didukung; simpan ulang sebagai .xlsx tanpa kata sandi atau CSV`,
        `File ${f} is an Excel 97-2003 (.xls) or password-protected workbook, which is not supported; save it as .xlsx without a password, or CSV`,
      ),
    corruptXlsx: (detail: string) =>
      readerError(
        'corrupt_xlsx',
        `Berkas ${f} bukan XLSX yang sah atau rusak (${shown(detail, 160)}); buka di Excel lalu simpan ulang sebagai .xlsx`,
        `File ${f} is not a valid XLSX or is damaged (${shown(detail, 160)}); open it in Excel and save it again as .xlsx`,
      ),
    xlsxTooLarge: (total: number, max: number) =>
      readerError(
        'xlsx_too_large',
        `Isi berkas XLSX ${f} berukuran ${bytesText(total)} setelah diekstrak, melebihi batas ${bytesText(max)}; pecah menjadi beberapa berkas`,
        `XLSX file ${f} holds ${bytesText(total)} once unzipped, over the ${bytesText(max)} limit; split it into several files`,
      ),
    sharedStringsTooLarge: (bytes: number, budget: number) =>
      readerError(
        'xlsx_too_large',
        `Tabel teks bersama (shared strings) berkas XLSX ${f} berukuran ${bytesText(bytes)}, melebihi batas ${bytesText(budget)}; pecah menjadi beberapa berkas atau simpan sebagai CSV`,
        `The shared strings of XLSX file ${f} take ${bytesText(bytes)}, over the ${bytesText(budget)} limit; split it into several files or save it as CSV`,
      ),
    zipBomb: (entry: string, ratio?: number) => {
      const how = ratio === undefined ? ['mengembang melebihi ukuran yang dinyatakan', 'inflates beyond its declared size'] : [`terkompresi ${Math.round(ratio)}:1`, `is compressed ${Math.round(ratio)}:1`];
      return readerError(
        'xlsx_zip_bomb',
        `Berkas XLSX ${f} ditolak: bagian "${shown(entry, 80)}" ${how[0]}, tidak wajar untuk lembar kerja (kemungkinan zip bomb); ekspor ulang dari Excel`,
        `XLSX file ${f} rejected: entry "${shown(entry, 80)}" ${how[1]}, not plausible for a worksheet (likely a zip bomb); export it again from Excel`,
      );
    },
    notCsv: (format: string) =>
      readerError(
        'not_csv',
        `Berkas ${f} berformat ${format.toUpperCase()}, bukan CSV (baris 1); baca dengan pembaca umum (openRecords)`,
        `File ${f} is ${format.toUpperCase()}, not CSV (line 1); read it with the general reader (openRecords)`,
      ),
    jsonArray: () =>
      readerError(
        'json_array',
        `Berkas ${f} berisi satu larik JSON, bukan JSON Lines (baris 1); tulis satu objek JSON per baris`,
        `File ${f} holds one JSON array, not JSON Lines (line 1); write one JSON object per line`,
      ),
    noSheet: () =>
      readerError(
        'xlsx_no_sheet',
        `Berkas XLSX ${f} tidak memiliki lembar kerja; tambahkan lembar dengan header di baris 1`,
        `XLSX file ${f} has no worksheet; add a sheet with the header in row 1`,
      ),
  };
}

export type ReaderErrors = ReturnType<typeof errorsFor>;
