-- The days on which facilitators have activities (the latest activity rows that pass {{filter}},
-- as activity_days reads them), one row per (facilitator_id, kabupaten_code, month) with the
-- month's days as bits: bit d−1 of `days` is set when day d has at least one activity. For the
-- sanctions list, which needs only whether a day was reported (not when): twelve months come back
-- as one row per facilitator and month instead of one per day.
-- Include as {{parts/reported_days: <filter>}}, or `per kabupaten` (the latest row per activity
-- and kabupaten, ordered by kabupaten first). Parameters after the filter's own: as of (the cut),
-- date from, date to.
WITH latest_activity AS (
  {{latest/activity_log{{per kabupaten}}: {{filter}}}}
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
ORDER BY {{per}}facilitator_id, month, kabupaten_code
