import { UserError } from '../errors.js';

/**
 * Checks that a key is a relative, normalised path: no leading `/`, no `\`, no empty, `.` or `..`
 * segment, no control characters. Both stores apply it so a key that works locally works on S3
 * and cannot escape the folder store's root.
 */
export function assertValidKey(key: string, what = 'key'): void {
  const problem = keyProblem(key, what === 'prefix');
  if (problem) {
    throw new UserError(
      `Kunci objek tidak sah ${JSON.stringify(key)}: ${problem.id}; gunakan jalur relatif seperti "lake/roster/x.parquet" / ` +
        `Invalid object ${what} ${JSON.stringify(key)}: ${problem.en}; use a relative path such as "lake/roster/x.parquet"`,
      'bad_object_key',
    );
  }
}

function keyProblem(key: string, isPrefix: boolean): { id: string; en: string } | undefined {
  if (typeof key !== 'string') return { id: 'bukan teks', en: 'not a string' };
  if (key === '') return isPrefix ? undefined : { id: 'kosong', en: 'empty' };
  if (key.startsWith('/') || /^[A-Za-z]:/.test(key)) return { id: 'jalur absolut', en: 'absolute path' };
  if (key.includes('\\')) return { id: 'berisi "\\"', en: 'contains "\\"' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) return { id: 'berisi karakter kontrol', en: 'contains a control character' };
  const segments = key.split('/');
  // A prefix may end with '/' (a "folder"); a key may not.
  const last = segments.length - 1;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s === '..') return { id: 'berisi ".."', en: 'contains ".."' };
    if (s === '.') return { id: 'berisi "."', en: 'contains "."' };
    if (s === '' && !(isPrefix && i === last)) return { id: 'berisi "//" atau diakhiri "/"', en: 'contains "//" or ends with "/"' };
  }
  return undefined;
}
