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
    return parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals, strict: true });
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

/**
 * `--budget -5`: parseArgs takes `-5` for an option and answers "argument is ambiguous". A value
 * that looks like a negative number after an option that takes a value is joined to it
 * (`--budget=-5`), so the command's own check can say what is wrong with it.
 */
function joinNegativeValues(args: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const name = a.startsWith('--') && !a.includes('=') ? a.slice(2) : undefined;
    if (name && options[name]?.type === 'string' && /^-\d/.test(args[i + 1] ?? '')) {
      out.push(`${a}=${args[i + 1]}`);
      i++;
    } else out.push(a);
  }
  return out;
}
