-- One row per (facilitator_id, period) with a stored monthly report, from every kabupaten:
-- the earliest submitted_at over all its stored rows (all that timeliness needs; no dedupe).
-- Kept: facilitators with any roster row in the kabupaten.
-- Parameters: 1 period from, 2 period to, 3 kabupaten_code.
SELECT facilitator_id, period, MIN(submitted_at) AS first_submitted_at
FROM monthly_report
WHERE period BETWEEN ? AND ?
  AND facilitator_id IN (SELECT facilitator_id FROM roster WHERE kabupaten_code = ?)
GROUP BY facilitator_id, period
ORDER BY facilitator_id, period
