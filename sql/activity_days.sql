-- One row per (facilitator_id, kabupaten_code, activity_date) of the latest activity rows:
-- the earliest first submission among that day's activities (a day is on time when any of
-- them was first submitted on time, and "on time" is monotone in the submission instant).
-- Read from up to eight kabupaten partitions (pad the list by repeating one) over a period
-- range that callers widen by one month on each side, so re-dated activities dedupe.
-- Parameters: 1-8 kabupaten_code, 9 period from, 10 period to, 11 as of (the cut), 12 date from,
-- 13 date to.
WITH latest_activity AS (
  {{latest/activity_log: kabupaten_code IN (?, ?, ?, ?, ?, ?, ?, ?) AND period BETWEEN ? AND ?}}
)
SELECT facilitator_id, kabupaten_code, activity_date, MIN(first_submitted_at) AS first_submitted_at
FROM latest_activity
WHERE activity_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
GROUP BY facilitator_id, kabupaten_code, activity_date
ORDER BY facilitator_id, activity_date, kabupaten_code
