-- Like activity_reported_days for every kabupaten of a region in one pass, each read only from
-- its own partition (the latest row per activity and kabupaten, as kabupaten_code = ? reads it):
-- for the kabupaten whose facilitators are rostered nowhere else. Callers widen the period range
-- by one month on each side.
-- Parameters: 1 kabupaten_code pattern (LIKE), 2 period from, 3 period to, 4 as of (the cut),
-- 5 date from, 6 date to.
WITH latest_activity AS (
  {{latest/activity_log per kabupaten: kabupaten_code LIKE ? AND period BETWEEN ? AND ?}}
),
reported AS (
  SELECT DISTINCT facilitator_id, kabupaten_code, activity_date
  FROM latest_activity
  WHERE activity_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
)
SELECT
  facilitator_id,
  kabupaten_code,
  CAST(date_trunc('month', activity_date) AS DATE) AS month,
  SUM(CAST(power(2, EXTRACT(DAY FROM activity_date) - 1) AS BIGINT)) AS days
FROM reported
GROUP BY facilitator_id, kabupaten_code, date_trunc('month', activity_date)
ORDER BY kabupaten_code, facilitator_id, month
