/**
 * `pkh`: the local runner. Each sub-command lives in `cli/commands/<name>.ts` and exports
 * `run(args): Promise<number>` (the exit code). Errors a person can cause are `UserError`s
 * and print as one line; anything else is a bug and prints its stack.
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

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(
      `Perintah tidak dikenal "${name}"; pilih salah satu: ${Object.keys(COMMANDS).join(', ')} / Unknown command "${name}"; use one of: ${Object.keys(COMMANDS).join(', ')}`,
    );
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (isUserError(err)) {
      console.error(`pkh: ${err.message}`);
      process.exitCode = err.code === 'usage' ? 2 : 1;
    } else {
      console.error(err);
      process.exitCode = 70;
    }
  },
);
