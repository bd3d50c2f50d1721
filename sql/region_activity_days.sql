-- Like activity_days for every kabupaten of a region in one pass, each read only from its own
-- partition (the latest row per activity and kabupaten, as kabupaten_code = ? reads it): for the
-- kabupaten whose facilitators are rostered nowhere else. Callers widen the period range by one
-- month on each side.
-- Parameters: 1 kabupaten_code pattern (LIKE), 2 period from, 3 period to, 4 as of (the cut),
-- 5 date from, 6 date to.
WITH latest_activity AS (
  {{latest/activity_log per kabupaten: kabupaten_code LIKE ? AND period BETWEEN ? AND ?}}
)
SELECT facilitator_id, kabupaten_code, activity_date, MIN(first_submitted_at) AS first_submitted_at
FROM latest_activity
WHERE activity_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
GROUP BY facilitator_id, kabupaten_code, activity_date
ORDER BY kabupaten_code, facilitator_id, activity_date
