import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../functions/lib/errors.js';

/**
 * `node:util.parseArgs` with the project's error style: a wrong flag becomes one usage line
 * (exit code 2) instead of a stack trace.
 */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new UserError(
      `Opsi salah untuk "pkh ${command}": ${detail}; lihat "pkh ${command} --help" / Wrong options for "pkh ${command}": ${detail}; see "pkh ${command} --help"`,
      'usage',
    );
  }
}

export function usageError(command: string, id: string, en: string): UserError {
  return new UserError(`${id}; lihat "pkh ${command} --help" / ${en}; see "pkh ${command} --help"`, 'usage');
}
