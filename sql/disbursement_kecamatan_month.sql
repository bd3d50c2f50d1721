-- Disbursement sums per (period, kecamatan_code) of one kabupaten
-- (sql/parts/disbursement_kecamatan_month.sql).
-- Parameters: 1 kabupaten_code, 2 read from, 3 read to, 4 period from, 5 period to.
{{parts/disbursement_kecamatan_month: kabupaten_code = ? AND period BETWEEN ? AND ?}}
