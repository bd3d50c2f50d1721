import { readdirSync } from 'node:fs';
import { join } from 'node:path';
// The Trino dialect alone: the package index pulls in eight grammars (about 20 MB of JavaScript to transform).
import { TrinoSQL } from 'dt-sql-parser/dist/parser/trino/index.js';
import { describe, expect, it } from 'vitest';
import { countParameters, loadSql, sqlDir, stripComments } from '../../../functions/lib/query-engine/index.js';

const topLevel = readdirSync(sqlDir())
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.slice(0, -4))
  .sort();

describe('sql/ files', () => {
  it('ada kueri untuk ketiga laporan / the report queries exist', () => {
    expect(topLevel.length).toBeGreaterThanOrEqual(8);
  });

  it.each(topLevel)('%s: lolos parser Trino (dt-sql-parser) / parses with the Trino grammar', (name) => {
    // Prepare
    const text = loadSql(name);
    // Act
    const errors = new TrinoSQL().validate(text);
    // Assess
    expect(errors, text).toEqual([]);
  });

  it.each(topLevel)('%s: hanya subset bersama, tanpa QUALIFY / GROUP BY ALL / teks tersisip / common SQL subset only', (name) => {
    const text = loadSql(name);
    expect(text).not.toMatch(/\bQUALIFY\b/i);
    expect(text).not.toMatch(/GROUP\s+BY\s+ALL/i);
    expect(text).not.toMatch(/\{\{|\}\}/);
    expect(text).not.toMatch(/\$\{/);
    expect(countParameters(text)).toBeGreaterThan(0);
  });

  it.each(topLevel)('%s: parameter hanya di klausa WHERE / parameters only in WHERE clauses', (name) => {
    // Every line holding a `?` belongs to a WHERE condition (directly, or continuing one with AND/OR).
    const lines = loadSql(name).split('\n');
    let inWhere = false;
    for (const line of lines) {
      const t = line.trim();
      if (/^WHERE\b/i.test(t)) inWhere = true;
      else if (/^(SELECT|FROM|GROUP BY|ORDER BY|\)|SELECT DISTINCT|WITH)\b/i.test(t)) inWhere = false;
      if (t.includes('?')) expect(inWhere, `${name}: ${t}`).toBe(true);
    }
  });

  it('baris terbaru ditulis sekali per dataset dan disisipkan / latest-row logic is written once and included', () => {
    const latest = readdirSync(join(sqlDir(), 'latest')).sort();
    expect(latest).toEqual(['activity_log.sql', 'disbursement.sql', 'kecamatan_profile.sql', 'monthly_report.sql', 'roster.sql']);
    expect(loadSql('activity_days')).toContain('ROW_NUMBER() OVER');
  });

  it('bagian bersama meneruskan "per kabupaten" ke sisipannya / a shared part passes "per kabupaten" on to its includes', () => {
    const one = loadSql('activity_reported_days');
    const region = loadSql('region_activity_reported_days');
    expect(one).toContain('PARTITION BY activity_id');
    expect(one).not.toContain('PARTITION BY kabupaten_code, activity_id');
    expect(region).toContain('PARTITION BY kabupaten_code, activity_id');
    expect(region).toMatch(/ORDER BY kabupaten_code, facilitator_id, month/);
  });

  it('komentar dibuang di luar literal teks / comments are stripped outside string literals', () => {
    expect(stripComments("SELECT '--x' AS a -- note ?\nFROM t")).toBe("SELECT '--x' AS a\nFROM t");
  });
});
