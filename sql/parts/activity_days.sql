-- One row per (facilitator_id, kabupaten_code, activity_date) of the latest activity rows that
-- pass {{filter}}: the earliest first submission among that day's activities (a day is on time
-- when any of them was first submitted on time, and "on time" is monotone in the submission
-- instant). Include as {{parts/activity_days: <filter>}}, or `per kabupaten` (the latest row per
-- activity and kabupaten, ordered by kabupaten first). Parameters after the filter's own: as of
-- (the cut), date from, date to.
WITH latest_activity AS (
  {{latest/activity_log{{per kabupaten}}: {{filter}}}}
)
SELECT facilitator_id, kabupaten_code, activity_date, MIN(first_submitted_at) AS first_submitted_at
FROM latest_activity
WHERE activity_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
GROUP BY facilitator_id, kabupaten_code, activity_date
ORDER BY {{per}}facilitator_id, activity_date, kabupaten_code
