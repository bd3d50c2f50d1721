-- Like monthly_report_latest for every kabupaten of a region and up to three periods in one
-- pass: the latest monthly report per (facilitator_id, period), read from every kabupaten, kept
-- when it names a kabupaten matching the pattern or its facilitator has a roster row in one.
-- The caller keeps, per kabupaten K, the rows naming K or of facilitators rostered in K (the
-- latest row of a key does not depend on K, so this equals the reads one by one).
-- Parameters: 1-3 periods, 4 as of (the cut), 5 kabupaten_code pattern, 6 kabupaten_code pattern.
{{parts/monthly_report_latest: kabupaten_code LIKE ?
  OR facilitator_id IN (SELECT facilitator_id FROM roster WHERE kabupaten_code LIKE ?)}}
