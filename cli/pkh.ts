/** `pkh`: the program (`bin/pkh.js` starts it, from the bundle or the sources); the work is in `main.ts`. */
import { runCli } from './main.js';

process.exitCode = await runCli(process.argv.slice(2));
