-- Like monthly_report_latest for every kabupaten of a region and up to three periods in one
-- pass: the latest monthly report per (facilitator_id, period), read from every kabupaten, kept
-- when it names a kabupaten matching the pattern or its facilitator has a roster row in one.
-- The caller keeps, per kabupaten K, the rows naming K or of facilitators rostered in K (the
-- latest row of a key does not depend on K, so this equals the reads one by one).
-- Parameters: 1-3 periods, 4 as of (the cut), 5 kabupaten_code pattern, 6 kabupaten_code pattern.
WITH latest_report AS (
  {{latest/monthly_report: period IN (?, ?, ?)}}
)
SELECT
  period, facilitator_id, kabupaten_code, kecamatan_code, submitted_at, first_submitted_at,
  kpm_assigned, kpm_verified, p2k2_kpm_attended, dtks_updates, complaints_received,
  complaints_resolved, graduations
FROM latest_report
WHERE kabupaten_code LIKE ?
   OR facilitator_id IN (SELECT facilitator_id FROM roster WHERE kabupaten_code LIKE ?)
ORDER BY period, facilitator_id
