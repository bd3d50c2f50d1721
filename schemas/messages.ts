/** Error codes of DATA.md and their messages, Indonesian first, English after " / ". */

export const ERROR_CODES = [
  'required',
  'invalid_format',
  'invalid_date',
  'unknown_value',
  'out_of_range',
  'unknown_wilayah',
  'wilayah_mismatch',
  'cross_field',
  'future_date',
  'pii_nik',
  'ragged_row',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One failed rule of one row. */
export interface RowError {
  column: string;
  code: ErrorCode;
  message: string;
}

/** Quote a cell for a message: short, one line, NIK masked by the caller. */
export function show(value: string): string {
  const flat = value.replace(/[\r\n\t]+/g, ' ');
  return flat.length > 40 ? `"${flat.slice(0, 37)}..."` : `"${flat}"`;
}

export function rowError(column: string, code: ErrorCode, id: string, en: string): RowError {
  return { column, code, message: `${id} / ${en}` };
}

/**
 * How to fix a cell that failed a rule, per error code, Indonesian then English: the correction
 * workbook (SYSTEM.md "Command line") writes it after the quarantine's message.
 */
export const FIX_HINTS: Record<ErrorCode, readonly [string, string]> = {
  required: ['isi sel ini', 'fill in this cell'],
  invalid_format: [
    'tulis dengan format yang diminta (tanggal YYYY-MM-DD, periode YYYY-MM, angka tanpa huruf)',
    'write it in the expected format (date YYYY-MM-DD, period YYYY-MM, digits only)',
  ],
  invalid_date: ['ganti dengan tanggal yang benar-benar ada', 'use a date that exists'],
  unknown_value: ['pilih salah satu nilai yang diterima', 'use one of the accepted values'],
  out_of_range: ['ubah ke nilai di dalam rentang yang diizinkan', 'change it to a value inside the allowed range'],
  unknown_wilayah: ['periksa kode wilayah Kemendagri (kode yang benar-benar ada)', 'check the Kemendagri code (one that exists)'],
  wilayah_mismatch: [
    'pastikan kode berada di dalam kode induknya pada baris yang sama',
    'make the code belong to the parent code on the same row',
  ],
  cross_field: ['periksa sel ini bersama kolom yang disebut pesan', 'check this cell together with the column the message names'],
  future_date: ['tanggal tidak boleh di masa depan; periksa tahun dan bulannya', 'the date cannot be in the future; check the year and month'],
  pii_nik: ['hapus NIK; tulis ID pseudonim (bukan 16 digit)', 'remove the NIK; write the pseudonymous id (not 16 digits)'],
  ragged_row: [
    'baris asal terpotong atau bergeser; lengkapi semua sel baris ini dari data asal',
    'the original line was cut or shifted; fill every cell of this row from the source data',
  ],
};
