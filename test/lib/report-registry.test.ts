import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, RATE_INDICATORS, RANKING_COMPONENTS, COUNT_NAMES } from '../../functions/lib/config.js';
import { COMPONENTS, COUNTS, INDICATORS } from '../../functions/lib/report-registry.js';
import { COMPONENT_LABELS, COUNT_LABELS, INDICATOR_LABELS } from '../../functions/report/render/labels.js';

describe('satu daftar indikator / one registry of indicators, counts and components', () => {
  it('konfigurasi dan label membaca daftar yang sama / the config and the labels read it', () => {
    expect(RATE_INDICATORS).toEqual(INDICATORS.map((i) => i.name));
    expect(COUNT_NAMES).toEqual(COUNTS.map((c) => c.name));
    expect(RANKING_COMPONENTS).toEqual(COMPONENTS.map((c) => c.name));
    for (const i of INDICATORS) {
      expect(INDICATOR_LABELS[i.name]).toEqual(i.label);
      if (i.threshold) expect(DEFAULT_CONFIG.thresholds[i.name as keyof typeof DEFAULT_CONFIG.thresholds]).toEqual(i.threshold);
    }
    for (const c of COUNTS) expect(COUNT_LABELS[c.name]).toEqual(c.label);
    for (const c of COMPONENTS) {
      expect(COMPONENT_LABELS[c.name]).toEqual(c.label);
      expect(DEFAULT_CONFIG.weights[c.name]).toBe(c.defaultWeight);
    }
  });

  it('nilai bawaan REPORTS.md / REPORTS.md defaults', () => {
    const t = Object.fromEntries(INDICATORS.map((i) => [i.name, i.threshold]));
    expect(t.daily_reporting_rate).toEqual({ green: 0.9, amber: 0.8 });
    expect(t.complaint_resolution_rate).toEqual({ green: 0.8, amber: 0.6 });
    expect(t.desa_coordination_coverage).toBeNull();
    expect(t.field_verification_rate).toEqual({ green: 0.9, amber: 0.75 });
    expect(INDICATORS.filter((i) => i.monthly).map((i) => i.name)).toEqual(['monthly_report_rate', 'monthly_report_on_time_rate']);
  });
});
