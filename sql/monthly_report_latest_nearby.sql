-- Like monthly_report_latest for two other periods (the scorecard's P-1 and P-12), read only
-- from up to eight kabupaten partitions (pad the list by repeating one): the report's kabupaten
-- and those where its facilitators have roster rows, as a national read of three months would
-- cost too much.
-- Parameters: 1-8 kabupaten_code, 9-10 periods, 11 as of (the cut), 12 kabupaten_code (roster).
WITH latest_report AS (
  {{latest/monthly_report: kabupaten_code IN (?, ?, ?, ?, ?, ?, ?, ?) AND period IN (?, ?)}}
)
SELECT
  period, facilitator_id, kabupaten_code, kecamatan_code, submitted_at, first_submitted_at,
  kpm_assigned, kpm_verified, p2k2_kpm_attended, dtks_updates, complaints_received,
  complaints_resolved, graduations
FROM latest_report
WHERE facilitator_id IN (SELECT facilitator_id FROM roster WHERE kabupaten_code = ?)
ORDER BY period, facilitator_id
