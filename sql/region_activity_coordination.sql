-- Like activity_coordination for every kabupaten of a region in one pass (the latest row per
-- activity and kabupaten), with the kabupaten in each row.
-- Only activities with a coordination row in the range are ranked, as in activity_coordination.
-- Parameters: 1 kabupaten_code pattern (LIKE), 2 period from, 3 period to, 4-6 the same again,
-- 7 as of (the cut).
WITH latest_activity AS (
  {{latest/activity_log per kabupaten: kabupaten_code LIKE ? AND period BETWEEN ? AND ? AND activity_id IN (
    SELECT activity_id FROM activity_log
    WHERE kabupaten_code LIKE ? AND period BETWEEN ? AND ? AND activity_type IN ('koordinasi_desa', 'koordinasi_kecamatan'))}}
)
SELECT DISTINCT
  kabupaten_code,
  activity_type,
  kecamatan_code,
  CASE WHEN activity_type = 'koordinasi_desa' THEN desa_code END AS desa_code,
  CASE WHEN activity_type = 'koordinasi_kecamatan' THEN activity_date END AS activity_date,
  period
FROM latest_activity
WHERE activity_type IN ('koordinasi_desa', 'koordinasi_kecamatan')
ORDER BY kabupaten_code, activity_type, kecamatan_code, desa_code, activity_date, period
