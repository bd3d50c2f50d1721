-- Like roster_facilitators for every kabupaten of a region in one pass: the latest roster rows
-- (deduplicated over the whole country) of every facilitator with a stored roster row in a
-- kabupaten matching the pattern, once per such kabupaten (home_kabupaten), so the caller
-- splits them per kabupaten exactly as roster_facilitators reads them one by one.
-- Parameters: 1 kabupaten_code pattern (LIKE: 'NN.%' for a province, '%' for the country).
WITH latest_roster AS (
  {{latest/roster: 1 = 1}}
),
home AS (
  SELECT DISTINCT facilitator_id, kabupaten_code AS home_kabupaten
  FROM roster
  WHERE kabupaten_code LIKE ?
)
SELECT
  home.home_kabupaten, l.facilitator_id, l.full_name, l.role, l.kabupaten_code, l.kecamatan_code,
  l.supervisor_id, l.active_from, l.active_to
FROM latest_roster l
JOIN home ON home.facilitator_id = l.facilitator_id
ORDER BY home.home_kabupaten, l.facilitator_id, l.active_from
