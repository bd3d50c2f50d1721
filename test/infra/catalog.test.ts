import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { glueColumnsOf } from '../../infra/constructs/catalog.js';
import { DATASETS } from '../../schemas/index.js';
import { logicalIdOf, resourcesOfType, synthStack, type Synthesized } from './stack-fixture.js';

// The brief's type table, written out here on purpose: the stack maps through schemas/ GLUE_TYPE,
// so comparing against that same table would prove nothing.
const EXPECTED_GLUE_TYPE: Record<string, string> = {
  string: 'string',
  int32: 'int',
  int64: 'bigint',
  double: 'double',
  date: 'date',
  timestamp: 'timestamp',
  bool: 'boolean',
};

/** Kabupaten codes straight from the reference CSV (not through functions/lib/wilayah). */
function kabupatenCodesFromCsv(): string[] {
  const dir = join(dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');
  return readFileSync(join(dir, 'regencies.csv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(',')[0])
    .sort();
}

let s: Synthesized;
beforeAll(() => {
  s = synthStack();
});

function tableInput(name: string) {
  const found = resourcesOfType(s, 'AWS::Glue::Table').find(([, t]) => t.Properties!.TableInput.Name === name);
  expect(found, `Glue table ${name}`).toBeDefined();
  return found![1].Properties!.TableInput;
}

describe('Glue tables generated from schemas/', () => {
  it('has one table per dataset and no other', () => {
    const names = resourcesOfType(s, 'AWS::Glue::Table').map(([, t]) => t.Properties!.TableInput.Name);
    expect(names.sort()).toEqual(DATASETS.map((d) => d.name).sort());
  });

  it.each(DATASETS.map((d) => [d.name, d] as const))('%s: columns equal the stored columns of schemas/, in order', (_name, dataset) => {
    // Prepare: derived independently from the dataset definition.
    const expected = dataset.storageColumns.map((c) => ({ Name: c.name, Type: EXPECTED_GLUE_TYPE[c.type] }));
    // Act
    const input = tableInput(dataset.name);
    // Assess
    expect(input.StorageDescriptor.Columns).toEqual(expected);
    expect(input.PartitionKeys).toEqual(dataset.partitionKeys.map((k) => ({ Name: k, Type: 'string' })));
    // Lineage columns are stored; partition keys are not repeated as columns.
    const names = expected.map((c) => c.Name);
    expect(names).toEqual(expect.arrayContaining(['_source', '_row', '_ingested_at']));
    for (const k of dataset.partitionKeys) expect(names).not.toContain(k);
  });

  it.each(DATASETS.map((d) => [d.name, d] as const))('%s: Parquet SerDe under lake/<dataset>/', (_name, dataset) => {
    const sd = tableInput(dataset.name).StorageDescriptor;
    expect(sd.SerdeInfo.SerializationLibrary).toBe('org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe');
    expect(sd.InputFormat).toBe('org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat');
    expect(sd.OutputFormat).toBe('org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat');
    expect(s.stack.resolve(sd.Location)).toEqual({
      'Fn::Join': ['', ['s3://', { Ref: logicalIdOf(s, s.stack.storage.lake) }, `/lake/${dataset.name}/`]],
    });
  });

  it.each(DATASETS.map((d) => [d.name, d] as const))('%s: partition projection over the keys of the lake layout', (_name, dataset) => {
    const params = tableInput(dataset.name).Parameters;
    expect(params.has_encrypted_data).toBe(false);
    const lake = { Ref: logicalIdOf(s, s.stack.storage.lake) };
    if (dataset.partitionKeys.length === 0) {
      // The roster and the profiles: no folders, no projection; Athena reads the files under the location.
      expect(Object.keys(params).filter((k) => k.startsWith('projection.') || k.startsWith('storage.location'))).toEqual([]);
      return;
    }
    expect(params['projection.enabled']).toBe('true');
    if (dataset.partitionKeys.includes('kabupaten_code')) {
      expect(params['projection.kabupaten_code.type']).toBe('enum');
      expect(params['projection.kabupaten_code.values'].split(',')).toEqual(kabupatenCodesFromCsv());
    } else {
      expect(Object.keys(params).filter((k) => k.startsWith('projection.kabupaten_code'))).toEqual([]);
    }
    const folders = dataset.partitionKeys.map((k) => `${k}=\${${k}}/`).join('');
    if (dataset.partitionKeys.includes('period')) {
      expect(params).toMatchObject({
        'projection.period.type': 'date',
        'projection.period.format': 'yyyy-MM',
        'projection.period.range': '2015-01,NOW',
        'projection.period.interval': '1',
        'projection.period.interval.unit': 'MONTHS',
      });
    } else {
      expect(Object.keys(params).filter((k) => k.startsWith('projection.period'))).toEqual([]);
    }
    expect(params['storage.location.template']).toEqual({ 'Fn::Join': ['', ['s3://', lake, `/lake/${dataset.name}/${folders}`]] });
  });

  it('maps every storage type of the schema vocabulary (fixture covering all seven)', () => {
    const fixture = {
      name: 'fixture',
      partitionKeys: ['kabupaten_code'] as const,
      storageColumns: Object.keys(EXPECTED_GLUE_TYPE).map((t) => ({ name: `c_${t}`, type: t as any })),
    };
    expect(glueColumnsOf(fixture)).toEqual(
      Object.entries(EXPECTED_GLUE_TYPE).map(([t, g]) => ({ name: `c_${t}`, type: g })),
    );
  });
});

describe('Athena workgroup', () => {
  it('runs engine v3 with enforced settings, KMS-encrypted results, metrics and a 1 GB per-query cutoff', () => {
    const [, wg] = resourcesOfType(s, 'AWS::Athena::WorkGroup')[0];
    const cfg = wg.Properties!.WorkGroupConfiguration;
    expect(cfg.EngineVersion).toEqual({ SelectedEngineVersion: 'Athena engine version 3' });
    expect(cfg.EnforceWorkGroupConfiguration).toBe(true);
    expect(cfg.PublishCloudWatchMetricsEnabled).toBe(true);
    expect(cfg.BytesScannedCutoffPerQuery).toBe(1024 ** 3);
    expect(cfg.ResultConfiguration.EncryptionConfiguration).toEqual({
      EncryptionOption: 'SSE_KMS',
      KmsKey: { 'Fn::GetAtt': [logicalIdOf(s, s.stack.storage.key), 'Arn'] },
    });
    expect(cfg.ResultConfiguration.OutputLocation).toEqual({
      'Fn::Join': ['', ['s3://', { Ref: logicalIdOf(s, s.stack.storage.athenaResults) }, '/athena/']],
    });
  });
});
