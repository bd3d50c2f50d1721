/**
 * `functions/lib` is the ground floor: `schemas/` builds on it, so it must import nothing from
 * `schemas/` (an import cycle makes load order decide which module sees `undefined`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const libDir = join(root, 'functions', 'lib');
const schemasDir = join(root, 'schemas');

/**
 * Known imports of schemas/ still in lib, each to be removed by its owner (the lead knows). None
 * left: duckdb-engine.ts takes the table definitions from its caller (`DUCKDB_TABLES`).
 */
const KNOWN: ReadonlySet<string> = new Set<string>([]);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Module specifiers of every static import/export-from and dynamic import() in the text. */
export function specifiers(text: string): string[] {
  const re = /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\bimport\s+['"]([^'"]+)['"]/g;
  return [...text.matchAll(re)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The lib-relative files under functions/lib that import a module under schemas/. */
function importersOfSchemas(): string[] {
  return tsFiles(libDir)
    .filter((file) =>
      specifiers(readFileSync(file, 'utf8')).some((s) => s.startsWith('.') && resolve(dirname(file), s).startsWith(schemasDir + '/')),
    )
    .map((file) => relative(libDir, file).split('\\').join('/'))
    .sort();
}

describe('functions/lib is the ground floor', () => {
  it('pemindai melihat impor statis, ekspor ulang dan impor dinamis / the scanner sees static, re-export and dynamic imports', () => {
    const text = [
      "import { a } from '../../schemas/index.js';",
      "import type {\n  B,\n} from \"../schemas/roster.js\";",
      "export { c } from './x.js';",
      "const d = await import('../schemas/y.js');",
      "import './side-effect.js';",
      "// from '../schemas/comment.js' is not an import",
    ].join('\n');
    expect(specifiers(text)).toEqual(['../../schemas/index.js', '../schemas/roster.js', './x.js', '../schemas/y.js', './side-effect.js']);
  });

  it('tidak ada berkas functions/lib yang mengimpor schemas/ / no file under functions/lib imports schemas/', () => {
    expect(importersOfSchemas().filter((f) => !KNOWN.has(f))).toEqual([]);
  });

  it('daftar pengecualian tidak usang / each known exception still imports schemas/ (drop it once fixed)', () => {
    expect(importersOfSchemas().filter((f) => KNOWN.has(f))).toEqual([...KNOWN].sort());
  });
});
