// Which code `pkh` runs: the bundle `npm install` (or `npm run build`) compiles into dist/, while
// it is there and none of the source files it was built from changed after the build; otherwise
// (no build yet, a developer editing) the TypeScript sources. PKH_FROM_SOURCE=1 always picks
// the sources (the tests do). Kept apart from bin/pkh.js so `npm run bench` can say which ran.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The bundle's entry URL when it is there and not older than its sources, else undefined. */
export function freshBundle(root = new URL('../', import.meta.url)) {
  if (process.env.PKH_FROM_SOURCE === '1') return undefined;
  let info;
  try {
    info = JSON.parse(readFileSync(new URL('dist/build-info.json', root), 'utf8'));
  } catch {
    return undefined;
  }
  // Plain paths: a URL built per source file costs more than its stat (this runs at every start).
  const dir = fileURLToPath(root);
  for (const file of info.inputs) {
    const stat = statSync(dir + file, { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > info.builtAt) return undefined;
  }
  return new URL('dist/pkh.mjs', root);
}
