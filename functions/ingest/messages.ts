import { UserError } from '../lib/errors.js';

/** Text safe inside a one-line message: control characters become spaces, long text is cut. */
export function shown(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

function quoted(names: readonly string[]): string {
  return names.map((n) => `"${shown(n, 60)}"`).join(', ');
}

/** The file-level errors of the ingest core (the readers have their own for unreadable bytes). */
export const ingestErrors = {
  missingColumns(file: string, missing: readonly string[], aliases: readonly string[], hint?: readonly [string, string]): UserError {
    const f = `"${shown(file)}"`;
    const plural = missing.length > 1;
    const names = quoted(missing);
    const also = aliases.length > 0 ? ` (nama lain yang diterima: ${aliases.join(', ')})` : '';
    const alsoEn = aliases.length > 0 ? ` (other accepted names: ${aliases.join(', ')})` : '';
    const [hintId, hintEn] = hint ? [`; ${hint[0]}`, `; ${hint[1]}`] : ['', ''];
    return new UserError(
      `Kolom wajib ${names} tidak ada di header berkas ${f}${hintId}; tambahkan ${plural ? 'kolom-kolom' : 'kolom'} itu${also} / ` +
        `Required column${plural ? 's' : ''} ${names} ${plural ? 'are' : 'is'} missing from the header of file ${f}${hintEn}; add ${plural ? 'them' : 'it'}${alsoEn}`,
      'missing_column',
    );
  },
  duplicatedColumn(file: string, column: string, headers: readonly string[]): UserError {
    const f = `"${shown(file)}"`;
    return new UserError(
      `Kolom ${quoted(headers)} di header berkas ${f} sama-sama berarti "${column}"; hapus salah satunya / ` +
        `Columns ${quoted(headers)} in the header of file ${f} all mean "${column}"; remove all but one`,
      'duplicated_column',
    );
  },
};
