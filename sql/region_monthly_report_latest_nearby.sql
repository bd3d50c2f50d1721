-- Like monthly_report_latest_nearby for every kabupaten of a region in one pass, each read
-- only from its own partition (the latest row per key and kabupaten, as a list of one kabupaten
-- reads it), for the kabupaten whose facilitators are rostered nowhere else. The caller keeps,
-- per kabupaten, the reports of facilitators rostered there.
-- Parameters: 1 kabupaten_code pattern (LIKE), 2-3 periods, 4 as of (the cut).
WITH latest_report AS (
  {{latest/monthly_report per kabupaten: kabupaten_code LIKE ? AND period IN (?, ?)}}
)
SELECT
  period, facilitator_id, kabupaten_code, kecamatan_code, submitted_at, first_submitted_at,
  kpm_assigned, kpm_verified, p2k2_kpm_attended, dtks_updates, complaints_received,
  complaints_resolved, graduations
FROM latest_report
ORDER BY kabupaten_code, period, facilitator_id
