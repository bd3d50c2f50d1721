-- Like activity_days for every kabupaten of a region in one pass, each read only from its own
-- partition (the latest row per activity and kabupaten, as kabupaten_code = ? reads it): for the
-- kabupaten whose facilitators are rostered nowhere else. Callers widen the period range by one
-- month on each side.
-- Parameters: 1 kabupaten_code pattern (LIKE), 2 period from, 3 period to, 4 as of (the cut),
-- 5 date from, 6 date to.
{{parts/activity_days per kabupaten: kabupaten_code LIKE ? AND period BETWEEN ? AND ?}}
