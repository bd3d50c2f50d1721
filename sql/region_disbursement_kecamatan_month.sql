-- Like disbursement_kecamatan_month for every kabupaten of a region in one pass (the latest row
-- per disbursement and kabupaten), with the kabupaten in each row.
-- Parameters: 1 kabupaten_code pattern (LIKE), 2 read from, 3 read to, 4 period from, 5 period to.
{{parts/disbursement_kecamatan_month per kabupaten: kabupaten_code LIKE ? AND period BETWEEN ? AND ?}}
