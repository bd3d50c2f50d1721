/**
 * Reads the `.sql` files of `sql/` and expands their includes.
 *
 * An include is `{{name}}` or `{{name: filter}}`: the text of `sql/<name>.sql`, with every
 * `{{filter}}` in it replaced by the filter text. The "latest row per natural key" queries in
 * `sql/latest/` take their partition filter this way, so the filter sits inside the subquery,
 * before the window function, where both engines prune partitions with it. Written
 * `{{name per kabupaten: filter}}`, every `{{per}}` in the file becomes `kabupaten_code, `
 * (else nothing): the latest row per key and kabupaten, so a region's read of many kabupaten
 * equals each kabupaten's own read (`kabupaten_code = ?`); `{{per kabupaten}}` becomes
 * ` per kabupaten` (else nothing), so an included file passes it on to its own includes
 * (`sql/parts/`). `?` parameters keep
 * their order in the expanded text. `--` comments are removed (they may mention `?`).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = /^[a-z0-9_]+(?:\/[a-z0-9_]+)*$/;
const INCLUDE = /\{\{\s*([a-z0-9_/]+)(\s+per\s+kabupaten)?\s*(?::([^}]*))?\}\}/g;
const MAX_DEPTH = 5;

/** Folder of the `.sql` files: `PKH_SQL_DIR` when set (the Lambda bundle copies `sql/` there), else the repository's `sql/`. */
export function sqlDir(): string {
  return process.env.PKH_SQL_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../sql');
}

const cache = new Map<string, string>();

/**
 * The expanded text of `sql/<name>.sql`, ready to send to an engine.
 *
 * @example
 * const text = loadSql('activity_days'); // includes sql/latest/activity_log.sql
 */
export function loadSql(name: string, dir: string = sqlDir()): string {
  const key = `${dir}\u0000${name}`;
  let text = cache.get(key);
  if (text === undefined) {
    text = expand(name, undefined, false, dir, 0).trim();
    cache.set(key, text);
  }
  return text;
}

/** Number of `?` parameters in an expanded query (outside string literals). */
export function countParameters(sql: string): number {
  let n = 0;
  let inString = false;
  for (const ch of sql) {
    if (ch === "'") inString = !inString;
    else if (ch === '?' && !inString) n++;
  }
  return n;
}

function readSqlFile(name: string, dir: string): string {
  if (!NAME.test(name)) throw new Error(`Bad SQL file name: ${name}`);
  try {
    return readFileSync(join(dir, `${name}.sql`), 'utf8');
  } catch {
    throw new Error(`SQL file not found: ${join(dir, `${name}.sql`)}`);
  }
}

function expand(name: string, filter: string | undefined, perKabupaten: boolean, dir: string, depth: number): string {
  if (depth > MAX_DEPTH) throw new Error(`SQL includes nested too deep at ${name}`);
  let text = stripComments(readSqlFile(name, dir))
    .replaceAll('{{per kabupaten}}', perKabupaten ? ' per kabupaten' : '')
    .replaceAll('{{per}}', perKabupaten ? 'kabupaten_code, ' : '');
  if (text.includes('{{filter}}')) {
    if (filter === undefined) throw new Error(`SQL file ${name} needs a filter: include it as {{${name}: <filter>}}`);
    text = text.replaceAll('{{filter}}', filter.trim());
  }
  return text.replace(INCLUDE, (_m, inner: string, per: string | undefined, innerFilter: string | undefined) =>
    indent(expand(inner, innerFilter, per !== undefined, dir, depth + 1).trim()),
  );
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n  ');
}

/** Removes `--` comments outside string literals; keeps line breaks. */
export function stripComments(sql: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'") inString = !inString;
    if (!inString && ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      if (i < sql.length) out += '\n';
      continue;
    }
    out += ch;
  }
  return out
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .join('\n');
}
