/**
 * The five data contracts of DATA.md. Everything that needs a column list (validation, Parquet,
 * Glue, DuckDB, the generator) reads it from here.
 */
import { UserError } from '../functions/lib/errors.js';
import { DATASET_NAMES, isDatasetName, type DatasetName } from '../functions/lib/lake-layout.js';
import { activityLog } from './activity-log.js';
import type { DuckDbTable } from '../functions/lib/query-engine/duckdb-engine.js';
import type { Dataset } from './dataset.js';
import { disbursement } from './disbursement.js';
import { kecamatanProfile } from './kecamatan-profile.js';
import { monthlyReport } from './monthly-report.js';
import { roster } from './roster.js';
import { DUCKDB_TYPE } from './storage-types.js';

export { Dataset, LINEAGE_COLUMNS, normalizeHeader } from './dataset.js';
export type { CellValue, Row, RawCells, ValidationContext, ValidationResult, HeaderResolution } from './dataset.js';
export { ERROR_CODES, type ErrorCode, type RowError } from './messages.js';
export { STORAGE_TYPES, GLUE_TYPE, DUCKDB_TYPE, type StorageType, type StorageColumn } from './storage-types.js';
export { maskNik, isNik } from './values.js';
export { roster, monthlyReport, activityLog, disbursement, kecamatanProfile };

/** The declaration of each name of the lake layout: a name without one (or one more) does not compile. */
const BY_NAME: Readonly<Record<DatasetName, Dataset>> = {
  roster,
  monthly_report: monthlyReport,
  activity_log: activityLog,
  disbursement,
  kecamatan_profile: kecamatanProfile,
};

/** All datasets, in DATA.md order (the order of `DATASET_NAMES`). */
export const DATASETS: readonly Dataset[] = DATASET_NAMES.map((name) => {
  if (BY_NAME[name].name !== name) throw new Error(`dataset ${BY_NAME[name].name} is filed under ${name}`);
  return BY_NAME[name];
});

/** The dataset of a name; a wrong name is a UserError that lists the valid ones. */
export function getDataset(name: string): Dataset {
  if (!isDatasetName(name)) {
    throw new UserError(
      `Dataset "${name}" tidak dikenal; pilih salah satu: ${DATASET_NAMES.join(', ')} / Unknown dataset "${name}"; use one of: ${DATASET_NAMES.join(', ')}`,
      'unknown_dataset',
    );
  }
  return BY_NAME[name];
}

export type { DatasetName };

/** Each dataset's stored columns with DuckDB types, for `DuckDbEngine.open({ tables })`. */
export const DUCKDB_TABLES: readonly DuckDbTable[] = DATASETS.map((d) => ({
  name: d.name,
  columns: d.storageColumns.map((c) => ({ name: c.name, type: DUCKDB_TYPE[c.type] })),
}));
