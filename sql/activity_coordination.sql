-- Distinct coordination facts of the latest activity rows of one kabupaten, in one pass:
-- koordinasi_desa → one row per (kecamatan_code, desa_code, period) for desa coverage;
-- koordinasi_kecamatan → one row per (kecamatan_code, activity_date) for meeting days.
-- Callers widen the period range by one month on each side, so re-dated activities dedupe.
-- Only activities with a coordination row in the range are ranked (the latest row of any other
-- activity is not a coordination): the same rows, ranking a seventh of them in the bench lake.
-- Parameters: 1 kabupaten_code, 2 period from, 3 period to, 4-6 the same again, 7 as of (the cut).
WITH latest_activity AS (
  {{latest/activity_log: kabupaten_code = ? AND period BETWEEN ? AND ? AND activity_id IN (
    SELECT activity_id FROM activity_log
    WHERE kabupaten_code = ? AND period BETWEEN ? AND ? AND activity_type IN ('koordinasi_desa', 'koordinasi_kecamatan'))}}
)
SELECT DISTINCT
  activity_type,
  kecamatan_code,
  CASE WHEN activity_type = 'koordinasi_desa' THEN desa_code END AS desa_code,
  CASE WHEN activity_type = 'koordinasi_kecamatan' THEN activity_date END AS activity_date,
  period
FROM latest_activity
WHERE activity_type IN ('koordinasi_desa', 'koordinasi_kecamatan')
ORDER BY activity_type, kecamatan_code, desa_code, activity_date, period
