-- Like monthly_report_first_submission for every kabupaten of a region in one pass: the
-- earliest submitted_at per (facilitator_id, period) from every kabupaten, for facilitators
-- with a roster row in a kabupaten matching the pattern (the caller keeps, per kabupaten, those
-- rostered there; the minimum does not depend on the kabupaten).
-- Parameters: 1 period from, 2 period to, 3 as of (the cut), 4 kabupaten_code pattern.
SELECT facilitator_id, period, MIN(submitted_at) AS first_submitted_at
FROM monthly_report
WHERE period BETWEEN ? AND ?
  AND submitted_at <= CAST(? AS TIMESTAMP WITH TIME ZONE)
  AND facilitator_id IN (SELECT facilitator_id FROM roster WHERE kabupaten_code LIKE ?)
GROUP BY facilitator_id, period
ORDER BY facilitator_id, period
