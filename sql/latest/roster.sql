-- Latest roster row per natural key (facilitator_id, active_from) among the rows that pass
-- {{filter}}: greatest _ingested_at, then _source, then _row (roster has no submitted_at).
-- Include as {{latest/roster: <filter>}}.
SELECT facilitator_id, full_name, role, kabupaten_code, kecamatan_code, supervisor_id, active_from, active_to
FROM (
  SELECT
    facilitator_id, full_name, role, kabupaten_code, kecamatan_code, supervisor_id, active_from, active_to,
    ROW_NUMBER() OVER (
      PARTITION BY facilitator_id, active_from
      ORDER BY _ingested_at DESC, _source DESC, _row DESC
    ) AS row_rank
  FROM roster
  WHERE {{filter}}
) ranked
WHERE row_rank = 1
