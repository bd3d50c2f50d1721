/**
 * `pkh`'s dispatcher: `runCli(argv)` runs one command and returns its exit code. Each sub-command
 * lives in `cli/commands/<name>.ts`, loaded only when named (so `pkh --help` loads none), and
 * exports `run(args): Promise<number>`. Errors a person can cause are `UserError`s and print as
 * one line; anything else is a bug and prints its stack. `cli/pkh.ts` is the program; the tests
 * call `runCli` in process.
 */
import { isUserError } from '../functions/lib/errors.js';

interface Command {
  summary: string;
  load: () => Promise<{ run: (args: string[]) => Promise<number> }>;
}

const COMMANDS: Record<string, Command> = {
  generate: { summary: 'buat data sintetis / generate synthetic data', load: () => import('./commands/generate.js') },
  ingest: { summary: 'validasi dan simpan berkas ke lake / validate and store files', load: () => import('./commands/ingest.js') },
  report: { summary: 'buat laporan / write a report', load: () => import('./commands/report.js') },
  status: { summary: 'isi folder data dan laporan / what the data folder holds', load: () => import('./commands/status.js') },
  demo: { summary: 'contoh lengkap Kutai Kartanegara / full sample run', load: () => import('./commands/demo.js') },
};

export const USAGE = `Penggunaan / Usage: pkh <perintah> [opsi]

Perintah / Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join('\n')}

Jalankan "pkh <perintah> --help" untuk opsinya / Run "pkh <command> --help" for its options.`;

/** Where the dispatcher's own lines go (the commands print with `console`). */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const CONSOLE_IO: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(
      `Perintah tidak dikenal "${name}"; pilih salah satu: ${Object.keys(COMMANDS).join(', ')} / Unknown command "${name}"; use one of: ${Object.keys(COMMANDS).join(', ')}`,
    );
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

/** Runs `pkh <argv>`; returns the exit code: 2 wrong usage, 1 a person's error, 70 a bug. */
export async function runCli(argv: string[], io: CliIo = CONSOLE_IO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (thrown) {
    // A full disk, a read-only or impossible folder: one line, exit 1 (cli/io-errors.ts). Loaded
    // here only: it masks NIKs with the schemas' detector, which `pkh --help` need not load.
    const { ioErrorToUserError } = await import('./io-errors.js');
    const err = ioErrorToUserError(thrown) ?? thrown;
    if (isUserError(err)) {
      io.err(`pkh: ${err.message}`);
      return err.code === 'usage' ? 2 : 1;
    }
    io.err(err instanceof Error && err.stack ? err.stack : String(err));
    return 70;
  }
}
