/**
 * Catalog and queries: a Glue database with one Parquet table per dataset, generated from
 * `schemas/` (the column list lives there only), partition projection so Athena never needs
 * `MSCK REPAIR` or a crawler, and an Athena engine v3 workgroup whose settings clients cannot
 * override.
 */
import { Aws, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import { LAKE_PREFIX } from '../../functions/lib/lake-layout.js';
import { GLUE_TYPE, type StorageColumn } from '../../schemas/index.js';
import type { PantauStorage } from './storage.js';

export const GLUE_DATABASE_NAME = 'pantau_pkh';
export const ATHENA_WORKGROUP_NAME = 'pantau-pkh';
export const ATHENA_ENGINE_VERSION = 'Athena engine version 3';
/** Per-query scan limit. A kabupaten report scans under 10 MB; 1 GB stops a runaway query. */
export const BYTES_SCANNED_CUTOFF = 1024 ** 3;
/** First month the period projection covers. */
export const PERIOD_PROJECTION_START = '2015-01';

/** What the catalog needs of a dataset (a subset of `schemas/` `Dataset`). */
export interface CatalogDataset {
  readonly name: string;
  readonly storageColumns: readonly StorageColumn[];
  readonly partitionKeys: readonly ('kabupaten_code' | 'period')[];
}

/** Glue columns of a dataset: its stored columns, in order, with their Hive types. */
export function glueColumnsOf(dataset: CatalogDataset): { name: string; type: string }[] {
  return dataset.storageColumns.map((c) => ({ name: c.name, type: GLUE_TYPE[c.type] }));
}

/**
 * Table parameters for partition projection over the dataset's partition keys (lake-layout's
 * `PARTITION_KEYS`). Kabupaten codes are an `enum` of the whole wilayah reference (the reports
 * read several kabupaten with IN lists and all kabupaten of a period, so `injected` would not
 * do); periods a monthly `date` range up to now. An unpartitioned dataset (the roster, the
 * profiles) has no projection: Athena reads the files under its location.
 */
export function projectionParameters(dataset: CatalogDataset, lakeBucketName: string, kabupatenCodes: readonly string[]): Record<string, string> {
  if (dataset.partitionKeys.length === 0) return {};
  const params: Record<string, string> = { 'projection.enabled': 'true' };
  let template = `s3://${lakeBucketName}/${LAKE_PREFIX}/${dataset.name}/`;
  for (const key of dataset.partitionKeys) {
    if (key === 'kabupaten_code') {
      params['projection.kabupaten_code.type'] = 'enum';
      params['projection.kabupaten_code.values'] = kabupatenCodes.join(',');
    } else {
      params['projection.period.type'] = 'date';
      params['projection.period.format'] = 'yyyy-MM';
      params['projection.period.range'] = `${PERIOD_PROJECTION_START},NOW`;
      params['projection.period.interval'] = '1';
      params['projection.period.interval.unit'] = 'MONTHS';
    }
    template += `${key}=\${${key}}/`;
  }
  params['storage.location.template'] = template;
  return params;
}

export interface CatalogProps {
  storage: PantauStorage;
  datasets: readonly CatalogDataset[];
  kabupatenCodes: readonly string[];
}

export class Catalog extends Construct {
  readonly database: glue.Database;
  readonly tables = new Map<string, glue.S3Table>();
  readonly workgroup: athena.CfnWorkGroup;

  constructor(scope: Construct, id: string, props: CatalogProps) {
    super(scope, id);
    const { storage } = props;

    this.database = new glue.Database(this, 'Database', {
      databaseName: GLUE_DATABASE_NAME,
      description: 'Pantau PKH lake: one table per dataset, partition projection over lake/',
    });

    for (const dataset of props.datasets) {
      const table = new glue.S3Table(this, `Table-${dataset.name}`, {
        database: this.database,
        tableName: dataset.name,
        description: `Pantau PKH ${dataset.name} (generated from schemas/)`,
        storage: glue.S3TableStorage.fromBucket(storage.lake),
        s3Prefix: `${LAKE_PREFIX}/${dataset.name}/`,
        dataFormat: glue.DataFormat.PARQUET,
        // The lake is SSE-KMS, which S3 decrypts transparently; `has_encrypted_data` means CSE-KMS.
        hasEncryptedData: false,
        columns: glueColumnsOf(dataset).map((c) => ({ name: c.name, type: glue.Schema.custom(c.type, true) })),
        partitionKeys: dataset.partitionKeys.map((k) => ({ name: k, type: glue.Schema.STRING })),
        parameters: projectionParameters(dataset, storage.lake.bucketName, props.kabupatenCodes),
      });
      this.tables.set(dataset.name, table);
    }

    this.workgroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: ATHENA_WORKGROUP_NAME,
      description: 'Pantau PKH reports: engine v3, enforced settings, encrypted results, per-query scan limit',
      state: 'ENABLED',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        engineVersion: { selectedEngineVersion: ATHENA_ENGINE_VERSION },
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: BYTES_SCANNED_CUTOFF,
        requesterPaysEnabled: false,
        resultConfiguration: {
          outputLocation: `s3://${storage.athenaResults.bucketName}/athena/`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: storage.key.keyArn },
          expectedBucketOwner: Aws.ACCOUNT_ID,
        },
      },
    });
  }

  /** ARN of the workgroup (IAM resource for the query actions). */
  get workgroupArn(): string {
    return Stack.of(this).formatArn({ service: 'athena', resource: 'workgroup', resourceName: ATHENA_WORKGROUP_NAME });
  }

  /** Glue ARNs a query reader needs: the catalog, the database and each table, named one by one. */
  get glueReadArns(): string[] {
    const stack = Stack.of(this);
    return [
      stack.formatArn({ service: 'glue', resource: 'catalog' }),
      this.database.databaseArn,
      ...[...this.tables.values()].map((t) => t.tableArn),
    ];
  }
}
