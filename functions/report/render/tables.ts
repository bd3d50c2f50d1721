/**
 * Each report flattened into one table (one row per kecamatan or facilitator), the shape the CSV
 * and XLSX writers share. Cells keep the JSON's raw values (fractions, codes); each column's
 * `kind` tells a writer how to show it (percent, rupiah, translated code, text id…).
 */
import type { RankingReport, SanctionsReport, ScorecardReport } from '../reports/types.js';
import { COMPONENT_NAMES, COUNT_NAMES, INDICATOR_NAMES } from '../reports/types.js';
import {
  COMPONENT_LABELS,
  COUNT_LABELS,
  COUNT_STATUS_LABELS,
  INDICATOR_LABELS,
  MONTHLY_STATUS_LABELS,
  ROLE_LABELS,
  SANCTION_LABELS,
  STATUS_LABELS,
  labelOf,
  t,
  tierLabel,
  type Lang,
  type TextKey,
} from './labels.js';

export type Cell = string | number | null;

export type ColumnKind =
  | 'id' // identifier: always text, never a number
  | 'text'
  | 'int'
  | 'rate' // fraction shown as a percentage
  | 'delta' // change of a rate, signed percentage
  | 'delta_int' // change of a count, signed
  | 'score1' // 0–100, 1 decimal
  | 'score2' // 0–100, 2 decimals
  | 'rupiah'
  | 'code'; // a code (status, tier, level…) translated by `translate`

export interface Column {
  /** Machine key (snake_case, English): the CSV header with lang `en`. */
  key: string;
  label: Record<Lang, string>;
  kind: ColumnKind;
  /** For kind `code`: code → label in a language. */
  translate?: (code: string, lang: Lang) => string;
  /** For kind `code` holding a status: fill the cell with the status colour (XLSX). */
  status?: boolean;
  /** A status code that means "not judged" here: shown in words, without a colour. */
  unjudged?: string;
}

export interface FlatTable {
  columns: Column[];
  rows: Cell[][];
  /** Indexes of rows that are totals (shown bold). */
  totalRows: number[];
}

type Pair = Record<Lang, string>;

function text(key: TextKey): Pair {
  return { id: t(key, 'id'), en: t(key, 'en') };
}

function joined(main: Pair, sub: TextKey): Pair {
  return { id: `${main.id} – ${t(sub, 'id')}`, en: `${main.en} – ${t(sub, 'en')}` };
}

const statusCode = (code: string, lang: Lang) => labelOf(STATUS_LABELS, code, lang);
/** A count's `none` means "not judged" (no thresholds), not "no data": its value is there. */
const countStatusCode = (code: string, lang: Lang) => labelOf(COUNT_STATUS_LABELS, code, lang);

function col(key: string, label: Pair, kind: ColumnKind, extra: Partial<Column> = {}): Column {
  return { key, label, kind, ...extra };
}

// ------------------------------------------------------------------ scorecard

/** Rupiah sums, not head counts, are the numerator and denominator of this indicator. */
const RUPIAH_INDICATORS = new Set(['disbursement_rate']);

export function scorecardColumns(): Column[] {
  const cols: Column[] = [
    col('kecamatan_code', text('kecamatan_code'), 'id'),
    col('kecamatan_name', text('kecamatan_name'), 'text'),
    col('rank', text('rank'), 'int'),
    col('rank_prev_month', text('rank_prev_month'), 'int'),
    col('score', text('score'), 'score1'),
  ];
  for (const name of INDICATOR_NAMES) {
    const label = INDICATOR_LABELS[name];
    const amount: ColumnKind = RUPIAH_INDICATORS.has(name) ? 'rupiah' : 'int';
    cols.push(
      col(`${name}_value`, joined(label, 'value'), 'rate'),
      col(`${name}_numerator`, joined(label, 'numerator'), amount),
      col(`${name}_denominator`, joined(label, 'denominator'), amount),
      col(`${name}_status`, joined(label, 'status'), 'code', { translate: statusCode, status: true }),
      col(`${name}_delta_prev_month`, joined(label, 'delta_prev_month'), 'delta'),
      col(`${name}_delta_prev_year`, joined(label, 'delta_prev_year'), 'delta'),
    );
  }
  for (const name of COUNT_NAMES) {
    const label = COUNT_LABELS[name];
    cols.push(
      col(`${name}_value`, joined(label, 'value'), 'int'),
      col(`${name}_status`, joined(label, 'status'), 'code', { translate: countStatusCode, status: true, unjudged: 'none' }),
      col(`${name}_delta_prev_month`, joined(label, 'delta_prev_month'), 'delta_int'),
      col(`${name}_delta_prev_year`, joined(label, 'delta_prev_year'), 'delta_int'),
    );
  }
  cols.push(col('desa_not_covered', text('desa_not_covered'), 'id'));
  return cols;
}

export function figures(part: Pick<ScorecardReport['total'], 'indicators' | 'counts'>): Cell[] {
  const out: Cell[] = [];
  for (const name of INDICATOR_NAMES) {
    const i = part.indicators[name];
    out.push(i.value, i.numerator, i.denominator, i.status, i.delta_prev_month, i.delta_prev_year);
  }
  for (const name of COUNT_NAMES) {
    const c = part.counts[name];
    out.push(c.value, c.status, c.delta_prev_month, c.delta_prev_year);
  }
  return out;
}

/**
 * One row per kecamatan, then a `TOTAL` row for the kabupaten. `desa_not_covered` is the
 * `;`-joined list of desa codes.
 */
export function scorecardTable(report: ScorecardReport): FlatTable {
  const rows: Cell[][] = report.kecamatan.map((k) => [
    k.kecamatan_code,
    k.kecamatan_name,
    k.rank,
    k.rank_prev_month,
    k.score,
    ...figures(k),
    k.desa_not_covered.map((d) => d.desa_code).join(';'),
  ]);
  rows.push(['TOTAL', report.kabupaten_name, null, null, report.total.score, ...figures(report.total), null]);
  return { columns: scorecardColumns(), rows, totalRows: [rows.length - 1] };
}

// ------------------------------------------------------------------ sanctions

/** One row per listed facilitator; `missing_dates` `;`-joined. */
export function sanctionsTable(report: SanctionsReport): FlatTable {
  const columns: Column[] = [
    col('facilitator_id', text('facilitator_id'), 'id'),
    col('full_name', text('full_name'), 'text'),
    col('role', text('role'), 'code', { translate: (c, l) => labelOf(ROLE_LABELS, c, l) }),
    col('kecamatan_code', text('kecamatan_code'), 'id'),
    col('kecamatan_name', text('kecamatan_name'), 'text'),
    col('supervisor_id', text('supervisor_id'), 'id'),
    col('working_days', text('working_days'), 'int'),
    col('reported_days', text('reported_days'), 'int'),
    col('daily_reporting_rate', text('daily_reporting_rate'), 'rate'),
    col('monthly_report_status', text('monthly_report_status'), 'code', {
      translate: (c, l) => labelOf(MONTHLY_STATUS_LABELS, c, l),
    }),
    col('consecutive_low_months', text('consecutive_low_months'), 'int'),
    col('sanction_level', text('sanction_level'), 'code', { translate: (c, l) => labelOf(SANCTION_LABELS, c, l) }),
    col('missing_dates', text('missing_dates'), 'text'),
  ];
  const rows: Cell[][] = report.facilitators.map((f) => [
    f.facilitator_id,
    f.full_name,
    f.role,
    f.kecamatan_code,
    f.kecamatan_name,
    f.supervisor_id,
    f.working_days,
    f.reported_days,
    f.daily_reporting_rate,
    f.monthly_report_status,
    f.consecutive_low_months,
    f.sanction_level,
    f.missing_dates.join(';'),
  ]);
  return { columns, rows, totalRows: [] };
}

// ------------------------------------------------------------------ ranking

/** True when the ranking carries a budget allocation. */
export function hasAllocation(report: RankingReport): boolean {
  return report.allocation !== undefined || report.kecamatan.some((k) => k.allocation !== undefined);
}

/** One row per kecamatan: components (value and score) and, with a budget, the allocation. */
export function rankingTable(report: RankingReport): FlatTable {
  const columns: Column[] = [
    col('kecamatan_code', text('kecamatan_code'), 'id'),
    col('kecamatan_name', text('kecamatan_name'), 'text'),
    col('rank', text('rank'), 'int'),
    col('index', text('index'), 'score2'),
    col('tier', text('tier'), 'code', { translate: tierLabel }),
    col('extreme_poor_households', text('extreme_poor_households'), 'int'),
    col('pkh_families', text('pkh_families'), 'int'),
    col('uncovered_households', text('uncovered_households'), 'int'),
  ];
  for (const name of COMPONENT_NAMES) {
    const label = COMPONENT_LABELS[name];
    columns.push(
      col(`${name}_value`, joined(label, 'value'), 'rate'),
      col(`${name}_score`, joined(label, 'component_score'), 'score2'),
    );
  }
  const withAllocation = hasAllocation(report);
  if (withAllocation) {
    columns.push(
      col('allocation_households', text('allocation_households'), 'int'),
      col('allocation_rupiah', text('allocation_rupiah'), 'rupiah'),
    );
  }
  const rows: Cell[][] = report.kecamatan.map((k) => {
    const row: Cell[] = [
      k.kecamatan_code,
      k.kecamatan_name,
      k.rank,
      k.index,
      k.tier,
      k.extreme_poor_households,
      k.pkh_families,
      k.uncovered_households,
    ];
    for (const name of COMPONENT_NAMES) row.push(k.components[name].value, k.components[name].score);
    if (withAllocation) row.push(k.allocation?.households ?? null, k.allocation?.rupiah ?? null);
    return row;
  });
  return { columns, rows, totalRows: [] };
}
