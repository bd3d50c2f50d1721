-- Like monthly_report_first_submission_nearby for every kabupaten of a region in one pass, each
-- read only from its own partition, for the kabupaten whose facilitators are rostered nowhere
-- else. The caller keeps, per kabupaten, the facilitators rostered there.
-- Parameters: 1 kabupaten_code pattern (LIKE), 2 period from, 3 period to, 4 as of (the cut).
SELECT kabupaten_code, facilitator_id, period, MIN(submitted_at) AS first_submitted_at
FROM monthly_report
WHERE kabupaten_code LIKE ? AND period BETWEEN ? AND ?
  AND submitted_at <= CAST(? AS TIMESTAMP WITH TIME ZONE)
GROUP BY kabupaten_code, facilitator_id, period
ORDER BY kabupaten_code, facilitator_id, period
