-- Like monthly_report_first_submission, but read only from up to eight kabupaten partitions
-- (pad the list by repeating one): the report's kabupaten and those where its facilitators
-- have roster rows. Used for the months before P, where a national read of every month would
-- cost too much.
-- Rows submitted after the as-of instant A are left out first.
-- Parameters: 1-8 kabupaten_code, 9 period from, 10 period to, 11 as of (the cut),
-- 12 kabupaten_code (roster).
SELECT facilitator_id, period, MIN(submitted_at) AS first_submitted_at
FROM monthly_report
WHERE kabupaten_code IN (?, ?, ?, ?, ?, ?, ?, ?) AND period BETWEEN ? AND ?
  AND submitted_at <= CAST(? AS TIMESTAMP WITH TIME ZONE)
  AND facilitator_id IN (SELECT facilitator_id FROM roster WHERE kabupaten_code = ?)
GROUP BY facilitator_id, period
ORDER BY facilitator_id, period
