/**
 * A lake as it was laid out before issue 11 (every dataset in `kabupaten_code=K/` folders, the
 * kabupaten only in the folder name), made from a current lake with the project's own Parquet
 * writer: what a data folder written by an older pkh holds.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LEGACY_PARTITION_KEYS, REPARTITIONED, type DatasetName } from '../../functions/lib/lake-layout.js';
import { ColumnBatch, encodeParquet } from '../../functions/lib/parquet/index.js';
import { getDataset } from '../../schemas/index.js';
import { openDuck } from './duck.js';

const lit = (text: string) => `'${text.replaceAll("'", "''")}'`;

async function parquetFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await parquetFiles(p)));
    else if (e.name.endsWith('.parquet')) out.push(p);
  }
  return out;
}

/** Rewrites the re-partitioned datasets of the lake under `root` into the legacy layout, one object per old folder. */
export async function toLegacyLayout(root: string, objectName = '0123456789abcdef'): Promise<string[]> {
  const duck = await openDuck({ threads: 1 });
  const written: string[] = [];
  try {
    for (const name of REPARTITIONED as DatasetName[]) {
      const d = getDataset(name);
      const dir = join(root, 'lake', name);
      const files = await parquetFiles(dir);
      if (files.length === 0) continue;
      const keys = d.partitionKeys;
      const hive = keys.length === 0 ? 'hive_partitioning = false' : `hive_partitioning = true, hive_types = {${keys.map((k) => `'${k}': VARCHAR`).join(', ')}}`;
      const select = [
        ...d.storageColumns.map((c) =>
          c.type === 'date' ? `strftime("${c.name}", '%Y-%m-%d') AS "${c.name}"` : c.type === 'timestamp' ? `epoch_ms("${c.name}") AS "${c.name}"` : `"${c.name}"`,
        ),
        ...keys.map((k) => `"${k}"`),
      ];
      const rows = await duck.rows(`SELECT ${select.join(', ')} FROM read_parquet([${files.map(lit).join(', ')}], ${hive}) ORDER BY _source, _row`);
      const legacyKeys = LEGACY_PARTITION_KEYS[name];
      const columns = d.storageColumns.filter((c) => !(legacyKeys as readonly string[]).includes(c.name));
      const groups = new Map<string, Record<string, unknown>[]>();
      for (const r of rows) {
        for (const [k, v] of Object.entries(r)) if (typeof v === 'bigint') r[k] = Number(v);
        const folder = legacyKeys.map((k) => `${k}=${String(r[k])}`).join('/');
        groups.set(folder, [...(groups.get(folder) ?? []), r]);
      }
      await rm(dir, { recursive: true, force: true });
      for (const [folder, group] of groups) {
        const batch = new ColumnBatch(columns);
        for (const r of group) batch.push(r as never);
        const file = join(dir, folder, `${objectName}.parquet`);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, encodeParquet(columns, batch));
        written.push(file);
      }
    }
  } finally {
    duck.close();
  }
  return written.sort();
}
