-- Like activity_coordination for every kabupaten of a region in one pass (the latest row per
-- activity and kabupaten), with the kabupaten in each row.
-- Parameters: 1 kabupaten_code pattern (LIKE), 2 period from, 3 period to, 4-6 the same again,
-- 7 as of (the cut).
{{parts/activity_coordination per kabupaten: kabupaten_code LIKE ? AND period BETWEEN ? AND ? AND activity_id IN (
  SELECT activity_id FROM activity_log
  WHERE kabupaten_code LIKE ? AND period BETWEEN ? AND ? AND activity_type IN ('koordinasi_desa', 'koordinasi_kecamatan'))}}
