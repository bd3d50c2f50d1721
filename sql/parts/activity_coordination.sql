-- Distinct coordination facts of the latest activity rows that pass {{filter}}, in one pass:
-- koordinasi_desa → one row per (kecamatan_code, desa_code, period) for desa coverage;
-- koordinasi_kecamatan → one row per (kecamatan_code, activity_date) for meeting days.
-- Callers widen the period range by one month on each side, so re-dated activities dedupe, and
-- rank only activities with a coordination row in the range (the filter's `activity_id IN`: the
-- latest row of any other activity is not a coordination; a seventh of the rows in the bench
-- lake). Include as {{parts/activity_coordination: <filter>}}, or `per kabupaten` (the latest
-- row per activity and kabupaten, the kabupaten in each row). Parameter after the filter's own:
-- as of (the cut).
WITH latest_activity AS (
  {{latest/activity_log{{per kabupaten}}: {{filter}}}}
)
SELECT DISTINCT
  {{per}}activity_type,
  kecamatan_code,
  CASE WHEN activity_type = 'koordinasi_desa' THEN desa_code END AS desa_code,
  CASE WHEN activity_type = 'koordinasi_kecamatan' THEN activity_date END AS activity_date,
  period
FROM latest_activity
WHERE activity_type IN ('koordinasi_desa', 'koordinasi_kecamatan')
ORDER BY {{per}}activity_type, kecamatan_code, desa_code, activity_date, period
