#!/usr/bin/env node
// `pkh` runs the JavaScript bundle that `npm install` compiles into dist/ (no TypeScript loader at
// start-up), or the TypeScript sources through tsx when that bundle is missing or older than any
// of its sources (see fresh-bundle.js), so an old bundle never runs in place of newer code.
import { fileURLToPath } from 'node:url';
import { freshBundle } from './fresh-bundle.js';

const root = new URL('../', import.meta.url);
const bundle = freshBundle(root);
if (bundle) {
  // The .sql files are read at run time; the sources find them from their own place, the bundle cannot.
  process.env.PKH_SQL_DIR ??= fileURLToPath(new URL('sql', root));
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/pkh.ts');
}
