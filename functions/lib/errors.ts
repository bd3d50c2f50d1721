/**
 * An error caused by something a person did (a bad file, a wrong flag, a bad config).
 * Its message is one line, Indonesian first then English after " / ", saying what went wrong,
 * where, and what to do. The CLI prints it without a stack trace.
 *
 * @example
 * throw new UserError('Kolom wajib "period" tidak ada di data.csv; tambahkan kolom itu / Required column "period" is missing in data.csv; add it');
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    /** Stable snake_case code, e.g. `missing_column`, `file_too_large`. */
    readonly code: string = 'user_error',
  ) {
    super(message);
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
