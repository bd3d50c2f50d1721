-- One row per latest roster row (facilitator_id, active_from) of every facilitator with a
-- stored roster row in the kabupaten. Deduplicated over the whole country (the roster is
-- small, and a correction may move a row to another kabupaten); the kabupaten's own partition
-- names the facilitators.
-- Parameters: 1 kabupaten_code.
WITH latest_roster AS (
  {{latest/roster: 1 = 1}}
)
SELECT facilitator_id, full_name, role, kabupaten_code, kecamatan_code, supervisor_id, active_from, active_to
FROM latest_roster
WHERE facilitator_id IN (SELECT facilitator_id FROM roster WHERE kabupaten_code = ?)
ORDER BY facilitator_id, active_from
