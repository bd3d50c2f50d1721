-- One row per (facilitator_id, period): the latest monthly report of each of three periods,
-- read from every kabupaten (a facilitator's report counts whatever its kabupaten_code), with
-- the earliest submitted_at of the key. Kept: reports naming the kabupaten, and reports of
-- facilitators with any roster row in it.
-- Parameters: 1-3 periods (the scorecard's P, P-1, P-12), 4 kabupaten_code, 5 kabupaten_code.
WITH latest_report AS (
  {{latest/monthly_report: period IN (?, ?, ?)}}
)
SELECT
  period, facilitator_id, kabupaten_code, kecamatan_code, first_submitted_at,
  kpm_assigned, kpm_verified, p2k2_kpm_attended, dtks_updates, complaints_received,
  complaints_resolved, graduations
FROM latest_report
WHERE kabupaten_code = ?
   OR facilitator_id IN (SELECT facilitator_id FROM roster WHERE kabupaten_code = ?)
ORDER BY period, facilitator_id
