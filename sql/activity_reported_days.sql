-- The days on which facilitators have activities (the latest activity rows, as activity_days
-- reads them), one row per (facilitator_id, kabupaten_code, month) with the month's days as
-- bits: bit d−1 of `days` is set when day d has at least one activity. For the sanctions list,
-- which needs only whether a day was reported (not when): twelve months of a kabupaten come back
-- as a few thousand rows instead of one per day.
-- Read from up to eight kabupaten partitions (pad the list by repeating one) over a period
-- range that callers widen by one month on each side, so re-dated activities dedupe.
-- Parameters: 1-8 kabupaten_code, 9 period from, 10 period to, 11 as of (the cut), 12 date from,
-- 13 date to.
WITH latest_activity AS (
  {{latest/activity_log: kabupaten_code IN (?, ?, ?, ?, ?, ?, ?, ?) AND period BETWEEN ? AND ?}}
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
ORDER BY facilitator_id, month, kabupaten_code
