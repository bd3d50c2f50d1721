-- One row per (facilitator_id, period) with a stored monthly report, from every kabupaten:
-- the earliest submitted_at over all its stored rows (all that timeliness needs; no dedupe).
-- Kept: facilitators with any roster row in the kabupaten.
-- Rows submitted after the as-of instant A are left out first (REPORTS.md "Time of a report").
-- Parameters: 1 period from, 2 period to, 3 as of (the cut, 'YYYY-MM-DD HH:MM:SS.sss UTC'),
-- 4 kabupaten_code.
SELECT facilitator_id, period, MIN(submitted_at) AS first_submitted_at
FROM monthly_report
WHERE period BETWEEN ? AND ?
  AND submitted_at <= CAST(? AS TIMESTAMP WITH TIME ZONE)
  AND facilitator_id IN (SELECT facilitator_id FROM roster WHERE kabupaten_code = ?)
GROUP BY facilitator_id, period
ORDER BY facilitator_id, period
