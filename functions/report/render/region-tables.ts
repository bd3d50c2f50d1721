/**
 * Region reports flattened into one table for CSV and XLSX: one row per kabupaten (and the
 * region total), or one per listed facilitator with its kabupaten first.
 */
import type { RegionSanctionsReport, RegionScorecardReport } from '../regions/types.js';
import type { SanctionsReport } from '../reports/types.js';
import { rt } from './region-labels.js';
import { figures, sanctionsTable, scorecardColumns, type Cell, type Column, type FlatTable } from './tables.js';

function pair(key: Parameters<typeof rt>[0]): Column['label'] {
  return { id: rt(key, 'id'), en: rt(key, 'en') };
}

/** The kecamatan scorecard's columns with kabupaten in place of kecamatan, and the region's two counts at the end. */
function regionScorecardColumns(): Column[] {
  const [, , ...rest] = scorecardColumns();
  const figuresOnly = rest.slice(0, -1); // drops desa_not_covered (a list of codes) of the kecamatan table
  return [
    { key: 'kabupaten_code', label: pair('kabupaten_code'), kind: 'id' },
    { key: 'kabupaten_name', label: pair('kabupaten_name'), kind: 'text' },
    ...figuresOnly,
    { key: 'kecamatan_count', label: pair('kecamatan_count'), kind: 'int' },
    { key: 'desa_not_covered_count', label: pair('desa_not_covered_count'), kind: 'int' },
  ];
}

/** One row per kabupaten in code order, then a `TOTAL` row for the region. */
export function regionScorecardTable(report: RegionScorecardReport): FlatTable {
  const rows: Cell[][] = report.kabupaten.map((k) => [
    k.kabupaten_code,
    k.kabupaten_name,
    k.rank,
    k.rank_prev_month,
    k.score,
    ...figures(k),
    k.kecamatan_count,
    k.desa_not_covered_count,
  ]);
  const kecamatan = report.kabupaten.reduce((n, k) => n + k.kecamatan_count, 0);
  const desa = report.kabupaten.reduce((n, k) => n + k.desa_not_covered_count, 0);
  rows.push(['TOTAL', report.region_name ?? report.region, null, null, report.total.score, ...figures(report.total), kecamatan, desa]);
  return { columns: regionScorecardColumns(), rows, totalRows: [rows.length - 1] };
}

/** One row per listed facilitator: kabupaten code and name, then the kabupaten list's columns. */
export function regionSanctionsTable(report: RegionSanctionsReport): FlatTable {
  // sanctionsTable reads only `facilitators`, whose entries carry every field it needs.
  const base = sanctionsTable(report as unknown as SanctionsReport);
  return {
    columns: [
      { key: 'kabupaten_code', label: pair('kabupaten_code'), kind: 'id' },
      { key: 'kabupaten_name', label: pair('kabupaten_name'), kind: 'text' },
      ...base.columns,
    ],
    rows: base.rows.map((row, i) => [report.facilitators[i].kabupaten_code, report.facilitators[i].kabupaten_name, ...row]),
    totalRows: [],
  };
}
