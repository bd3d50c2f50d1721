-- Coordination facts of one kabupaten (sql/parts/activity_coordination.sql).
-- Parameters: 1 kabupaten_code, 2 period from, 3 period to, 4-6 the same again, 7 as of (the cut).
{{parts/activity_coordination: kabupaten_code = ? AND period BETWEEN ? AND ? AND activity_id IN (
  SELECT activity_id FROM activity_log
  WHERE kabupaten_code = ? AND period BETWEEN ? AND ? AND activity_type IN ('koordinasi_desa', 'koordinasi_kecamatan'))}}
