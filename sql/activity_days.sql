-- The activity days of facilitators (sql/parts/activity_days.sql), read from up to eight
-- kabupaten partitions (pad the list by repeating one) over a period range that callers widen by
-- one month on each side, so re-dated activities dedupe.
-- Parameters: 1-8 kabupaten_code, 9 period from, 10 period to, 11 as of (the cut), 12 date from,
-- 13 date to.
{{parts/activity_days: kabupaten_code IN (?, ?, ?, ?, ?, ?, ?, ?) AND period BETWEEN ? AND ?}}
