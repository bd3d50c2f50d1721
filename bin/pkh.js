#!/usr/bin/env node
// `pkh` runs the JavaScript bundle that `npm install` (or `npm run build`) compiles into dist/,
// which starts without a TypeScript loader. When there is no bundle, or any source file it was
// built from changed after the build (a developer editing), it runs the TypeScript sources
// through tsx instead, so an old bundle never runs in place of newer code. PKH_FROM_SOURCE=1
// always runs the sources (the tests do).
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);

/** The bundle's entry when it is there and not older than its sources, else undefined. */
function freshBundle() {
  if (process.env.PKH_FROM_SOURCE === '1') return undefined;
  let info;
  try {
    info = JSON.parse(readFileSync(new URL('dist/build-info.json', root), 'utf8'));
  } catch {
    return undefined;
  }
  for (const file of info.inputs) {
    const stat = statSync(new URL(file, root), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > info.builtAt) return undefined;
  }
  return new URL('dist/pkh.mjs', root);
}

const bundle = freshBundle();
if (bundle) {
  // The .sql files are read at run time; the sources find them from their own place, the bundle cannot.
  process.env.PKH_SQL_DIR ??= fileURLToPath(new URL('sql', root));
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/pkh.ts');
}
