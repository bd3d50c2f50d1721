-- One row per (facilitator_id, period): the latest monthly report of up to three periods (pad
-- the list by repeating one), read from every kabupaten (a facilitator's report counts whatever
-- its kabupaten_code), with the earliest submitted_at of the key. Kept: reports naming the
-- kabupaten, and reports of facilitators with any roster row in it. The scorecard reads P, P−1
-- and P−12 at once: a month's reports are one partition for the whole country, so the earlier
-- months cost no more files than reading them from a few kabupaten would.
-- Parameters: 1-3 periods, 4 as of (the cut), 5 kabupaten_code, 6 kabupaten_code.
{{parts/monthly_report_latest: kabupaten_code = ?
  OR facilitator_id IN (SELECT facilitator_id FROM roster WHERE kabupaten_code = ?)}}
