-- The latest monthly report per (facilitator_id, period) of up to three periods (pad the list by
-- repeating one), read from every kabupaten (a facilitator's report counts whatever its
-- kabupaten_code), with the earliest submitted_at of the key, kept when they pass {{filter}}
-- (the kabupaten or region they name, or where their facilitator has a roster row). Include as
-- {{parts/monthly_report_latest: <kept rows>}}. Parameters before the filter's own: 1-3
-- periods, 4 as of (the cut).
WITH latest_report AS (
  {{latest/monthly_report: period IN (?, ?, ?)}}
)
SELECT
  period, facilitator_id, kabupaten_code, kecamatan_code, submitted_at, first_submitted_at,
  kpm_assigned, kpm_verified, p2k2_kpm_attended, dtks_updates, complaints_received,
  complaints_resolved, graduations
FROM latest_report
WHERE {{filter}}
ORDER BY period, facilitator_id
