-- Coordination facts of the latest activity rows that pass {{filter}}, in one pass, grouped so
-- that few rows come back:
-- koordinasi_desa → one row per (kecamatan_code, desa_code, year): `period` the year's first
--   month with a coordination of the desa (a desa is covered up to month p of that year when
--   that month is at most p);
-- koordinasi_kecamatan → one row per (kecamatan_code, period): `meeting_days` the distinct days
--   with a meeting.
-- Callers widen the period range by one month on each side, so re-dated activities dedupe, and
-- rank only activities with a coordination row in the range (the filter's `activity_id IN`: the
-- latest row of any other activity is not a coordination; a seventh of the rows in the bench
-- lake). Include as {{parts/activity_coordination: <filter>}}, or `per kabupaten` (the latest
-- row per activity and kabupaten, the kabupaten in each row). Parameter after the filter's own:
-- as of (the cut).
WITH latest_activity AS (
  {{latest/activity_log{{per kabupaten}}: {{filter}}}}
)
SELECT
  {{per}}activity_type,
  kecamatan_code,
  CASE WHEN activity_type = 'koordinasi_desa' THEN desa_code END AS desa_code,
  MIN(period) AS period,
  COUNT(DISTINCT CASE WHEN activity_type = 'koordinasi_kecamatan' THEN activity_date END) AS meeting_days
FROM latest_activity
WHERE activity_type IN ('koordinasi_desa', 'koordinasi_kecamatan')
GROUP BY
  {{per}}activity_type,
  kecamatan_code,
  CASE WHEN activity_type = 'koordinasi_desa' THEN desa_code END,
  CASE WHEN activity_type = 'koordinasi_desa' THEN SUBSTR(period, 1, 4) ELSE period END
ORDER BY {{per}}activity_type, kecamatan_code, desa_code, period
