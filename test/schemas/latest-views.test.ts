/**
 * The natural keys of `schemas/` are the one home of "which rows are the same fact": each
 * `sql/latest/<dataset>.sql` must partition by exactly that key and order by DATA.md's
 * "duplicates" rule, or a report would silently count a corrected row twice or keep the old one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqlDir, stripComments } from '../../functions/lib/query-engine/index.js';
import { DATASETS, type Dataset } from '../../schemas/index.js';

const latestDir = join(sqlDir(), 'latest');

/** Column lists of every `PARTITION BY … [ORDER BY …]` window in the file, lower case. */
function windows(sql: string): { partitionBy: string[]; orderBy?: string[] }[] {
  const re = /PARTITION\s+BY\s+([\s\S]*?)(?:\s+ORDER\s+BY\s+([\s\S]*?))?\s*\)/gi;
  const list = (s: string) => s.split(',').map((c) => c.trim().replace(/\s+/g, ' ').toLowerCase());
  // A frame clause (the first submission's MIN over the ranking's sort) is not part of the order.
  const order = (s: string) => list(s.replace(/\s+ROWS\s+BETWEEN[\s\S]*$/i, ''));
  return [...sql.matchAll(re)].map((m) => ({ partitionBy: list(m[1]), orderBy: m[2] === undefined ? undefined : order(m[2]) }));
}

/** DATA.md "duplicates": greatest submitted_at where the dataset has one, then _ingested_at, _source, _row. */
function duplicatesOrder(d: Dataset): string[] {
  const cols = [...(d.column('submitted_at') ? ['submitted_at'] : []), '_ingested_at', '_source', '_row'];
  return cols.map((c) => `${c} desc`);
}

describe('sql/latest/* follow the natural keys of schemas/', () => {
  it('satu berkas per dataset, tidak lebih / one file per dataset, no more', () => {
    const files = readdirSync(latestDir).filter((f) => f.endsWith('.sql')).map((f) => f.slice(0, -4)).sort();
    expect(files).toEqual(DATASETS.map((d) => d.name).sort());
  });

  describe.each(DATASETS.map((d) => [d.name, d] as const))('%s', (_name, d) => {
    // `{{per}}` is empty as the reports include the view, `kabupaten_code, ` in a region's
    // per-kabupaten reads (sql-loader): the key the test checks is the view's own.
    const sql = stripComments(readFileSync(join(latestDir, `${d.name}.sql`), 'utf8')).replaceAll('{{per}}', '');
    const all = windows(sql);
    const ranking = all.filter((w) => w.orderBy !== undefined);

    it('setiap PARTITION BY = kunci alami skema / every PARTITION BY is the schema\'s natural key', () => {
      expect(all.length).toBeGreaterThan(0);
      for (const w of all) expect(w.partitionBy).toEqual([...d.naturalKey]);
    });

    it('satu peringkat ROW_NUMBER dengan urutan "duplicates" DATA.md / one ranking in DATA.md\'s duplicates order', () => {
      expect(sql).toMatch(/ROW_NUMBER\(\)\s+OVER\s*\(\s*PARTITION\s+BY/i);
      expect(sql.match(/ROW_NUMBER\(\)/gi)).toHaveLength(1);
      // Every ordered window (the ranking, and the first submission sharing its sort) in that order.
      expect(ranking.length).toBeGreaterThanOrEqual(1);
      for (const w of ranking) expect(w.orderBy).toEqual(duplicatesOrder(d));
    });
  });
});
