-- One row per facilitator_id: the latest monthly report of one period, read from every
-- kabupaten (a facilitator's report counts whatever its kabupaten_code), with the earliest
-- submitted_at of the key. Kept: reports naming the kabupaten, and reports of facilitators with
-- any roster row in it.
-- Parameters: 1 period, 2 as of (the cut), 3 kabupaten_code, 4 kabupaten_code.
WITH latest_report AS (
  {{latest/monthly_report: period = ?}}
)
SELECT
  period, facilitator_id, kabupaten_code, kecamatan_code, submitted_at, first_submitted_at,
  kpm_assigned, kpm_verified, p2k2_kpm_attended, dtks_updates, complaints_received,
  complaints_resolved, graduations
FROM latest_report
WHERE kabupaten_code = ?
   OR facilitator_id IN (SELECT facilitator_id FROM roster WHERE kabupaten_code = ?)
ORDER BY period, facilitator_id
