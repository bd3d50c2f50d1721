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
