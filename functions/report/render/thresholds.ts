/**
 * The legend's thresholds, as the report's config and REPORTS.md define them.
 */
import type { ReportConfigJson } from '../reports/types.js';
import { INDICATOR_NAMES, type IndicatorName } from '../reports/types.js';

/** Year-to-date target of desa coordination coverage: month(P) / 12 (not configurable). */
export function coverageTarget(period: string): number {
  const month = Number(period.slice(5, 7));
  return Number.isFinite(month) && month >= 1 && month <= 12 ? month / 12 : 1;
}

export interface ThresholdRow {
  indicator: IndicatorName;
  green: number;
  amber: number;
}

/** Green/amber lower bounds of every scorecard rate, coverage from month/12 (amber at 75 % of it). */
export function thresholdRows(config: ReportConfigJson, period: string): ThresholdRow[] {
  const target = coverageTarget(period);
  const rows: ThresholdRow[] = [];
  for (const indicator of INDICATOR_NAMES) {
    if (indicator === 'desa_coordination_coverage') {
      rows.push({ indicator, green: target, amber: 0.75 * target });
      continue;
    }
    const pair = config.thresholds[indicator];
    if (pair) rows.push({ indicator, green: pair.green, amber: pair.amber });
  }
  return rows;
}
