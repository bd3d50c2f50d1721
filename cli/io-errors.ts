/**
 * One translator for operating-system I/O errors at the CLI's edge: a read-only or missing data
 * folder, a full disk, an output folder that cannot be made. Each becomes one line (what, where,
 * what to do; Indonesian / English) and exit code 1 instead of a stack trace. The ingest and the
 * report writers remove what they had written before the error (commit protocol, report output),
 * so nothing half-written stays.
 */
import { maskNik } from '../schemas/index.js';
import { UserError } from '../functions/lib/errors.js';

type Reason = readonly [id: string, en: string, doId: string, doEn: string];

const REASONS: Record<string, Reason> = {
  ENOSPC: ['disk penuh', 'the disk is full', 'kosongkan ruang disk lalu ulangi', 'free disk space and run it again'],
  EDQUOT: ['kuota disk habis', 'the disk quota is used up', 'kosongkan ruang disk lalu ulangi', 'free disk space and run it again'],
  EROFS: ['disk hanya-baca', 'the disk is read-only', 'pilih folder yang bisa ditulis (PKH_DATA_DIR atau --out)', 'choose a writable folder (PKH_DATA_DIR or --out)'],
  EACCES: ['tidak ada izin menulis/membaca', 'permission denied', 'periksa izin folder atau pilih folder lain (PKH_DATA_DIR atau --out)', 'check the folder permissions or choose another folder (PKH_DATA_DIR or --out)'],
  EPERM: ['operasi tidak diizinkan', 'operation not permitted', 'periksa izin folder atau pilih folder lain (PKH_DATA_DIR atau --out)', 'check the folder permissions or choose another folder (PKH_DATA_DIR or --out)'],
  ENOTDIR: ['bagian dari path adalah berkas, bukan folder', 'part of the path is a file, not a folder', 'perbaiki path (PKH_DATA_DIR atau --out)', 'fix the path (PKH_DATA_DIR or --out)'],
  EISDIR: ['path adalah folder, bukan berkas', 'the path is a folder, not a file', 'perbaiki path', 'fix the path'],
  ENOENT: ['folder tidak ada dan tidak dapat dibuat', 'the folder does not exist and cannot be made', 'buat foldernya atau pilih folder lain (PKH_DATA_DIR atau --out)', 'create it or choose another folder (PKH_DATA_DIR or --out)'],
  EMFILE: ['terlalu banyak berkas terbuka', 'too many open files', 'tutup program lain lalu ulangi', 'close other programs and run it again'],
  EIO: ['galat baca/tulis disk', 'a disk read/write error', 'periksa disk lalu ulangi', 'check the disk and run it again'],
};

/** The errno error in `err` or its causes, if any. */
function errnoOf(err: unknown): NodeJS.ErrnoException | undefined {
  for (let e = err as (NodeJS.ErrnoException & { cause?: unknown }) | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e === 'object' && typeof e.code === 'string' && REASONS[e.code]) return e;
  }
  return undefined;
}

/**
 * A UserError for an I/O error a person can fix, or undefined for anything else (a bug).
 *
 * @example ioErrorToUserError(Object.assign(new Error('x'), { code: 'ENOSPC', path: '/data/.pkh/lake' }))?.message
 * // 'Tidak dapat menulis /data/.pkh/lake: disk penuh; … / Cannot write /data/.pkh/lake: the disk is full; …'
 */
export function ioErrorToUserError(err: unknown): UserError | undefined {
  const e = errnoOf(err);
  if (!e) return undefined;
  const [id, en, doId, doEn] = REASONS[e.code!];
  const where = maskNik(e.path ?? (e as { dest?: string }).dest ?? '?');
  return new UserError(`Tidak dapat memakai ${where}: ${id}; ${doId} / Cannot use ${where}: ${en}; ${doEn}`, `io_${e.code!.toLowerCase()}`);
}
