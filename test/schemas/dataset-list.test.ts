/**
 * The dataset names and which of them are partitioned by month have one home, the lake layout
 * (functions/lib/lake-layout.ts, the ground floor); the schemas declare each name's columns and
 * how a row finds its month, and may not disagree with it.
 */
import { describe, expect, it } from 'vitest';
import { DATASET_NAMES, PARTITION_KEYS, PERIOD_PARTITIONED } from '../../functions/lib/lake-layout.js';
import { Dataset, DATASETS, getDataset, monthlyReport, roster } from '../../schemas/index.js';

describe('dataset list and period partitions', () => {
  it('DATASETS mengikuti DATASET_NAMES, satu deklarasi per nama / one declaration per lake name, in order', () => {
    expect(DATASETS.map((d) => d.name)).toEqual([...DATASET_NAMES]);
    for (const name of DATASET_NAMES) expect(getDataset(name).name).toBe(name);
  });

  it.each(DATASET_NAMES)('%s: kunci partisi dari tata letak lake / partition keys follow the lake layout', (name) => {
    const d = getDataset(name);
    expect(d.partitionKeys).toEqual(PARTITION_KEYS[name]);
    expect(PERIOD_PARTITIONED.has(name)).toBe(d.partitionKeys.includes('period'));
    const stored = d.storageColumns.map((c) => c.name);
    // A key is either a folder or a column of the file, never both, never neither.
    for (const key of ['kabupaten_code', 'period'] as const) {
      if (d.partitionKeys.includes(key)) expect(stored).not.toContain(key);
      else if (d.column(key)) expect(stored).toContain(key);
    }
  });

  it('periodOf tanpa partisi periode (atau sebaliknya) ditolak / a periodOf that disagrees with the layout is refused', () => {
    const { columns, naturalKey, title } = monthlyReport;
    expect(() => new Dataset({ name: 'monthly_report', title, naturalKey, columns })).toThrow(/periodOf/);
    expect(() => new Dataset({ name: 'roster', title: roster.title, naturalKey: roster.naturalKey, columns: roster.columns, periodOf: () => '2026-10' })).toThrow(/periodOf/);
  });

  it('nama salah: satu baris yang menyebut nama yang sah / a wrong name lists the valid ones', () => {
    expect(() => getDataset('laporan')).toThrow(/Dataset "laporan" tidak dikenal; pilih salah satu: roster, monthly_report/);
  });
});
