/**
 * `npm run bench [-- <startup|ingest|reports>]`: the performance figures of SYSTEM.md "Performance",
 * each printed with its target. Without an argument every benchmark runs.
 */
const BENCHES = {
  startup: './startup.js',
  ingest: './ingest.js',
  reports: './reports.js',
} as const;

type BenchName = keyof typeof BENCHES;

interface BenchModule {
  main: (args: string[]) => Promise<number>;
}

/** Loads a sub-benchmark; a non-literal specifier, as bench/reports.ts is written separately. */
async function load(name: BenchName): Promise<BenchModule> {
  const specifier: string = BENCHES[name];
  try {
    return (await import(specifier)) as BenchModule;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(`bench/${name}`)) {
      throw new Error(`bench/${name}.ts belum ada / does not exist yet`);
    }
    throw err;
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    console.log(`Penggunaan / Usage: npm run bench [-- ${Object.keys(BENCHES).join('|')} [opsi/options]]`);
    return 0;
  }
  const names = name === undefined ? (Object.keys(BENCHES) as BenchName[]) : [name];
  let code = 0;
  for (const n of names) {
    if (!(n in BENCHES)) {
      console.error(`Benchmark tidak dikenal "${n}"; pilih ${Object.keys(BENCHES).join(' atau ')} / Unknown benchmark "${n}"; use ${Object.keys(BENCHES).join(' or ')}`);
      return 2;
    }
    const mod = await load(n as BenchName);
    code = Math.max(code, await mod.main(name === undefined ? [] : rest));
  }
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
