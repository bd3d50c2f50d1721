-- Like disbursement_kecamatan_month for every kabupaten of a region in one pass (the latest row
-- per disbursement and kabupaten), with the kabupaten in each row.
-- Parameters: 1 kabupaten_code pattern (LIKE), 2 read from, 3 read to, 4 period from, 5 period to.
WITH latest_disbursement AS (
  {{latest/disbursement per kabupaten: kabupaten_code LIKE ? AND period BETWEEN ? AND ?}}
)
SELECT
  kabupaten_code,
  period,
  kecamatan_code,
  SUM(amount_allocated) AS amount_allocated,
  SUM(amount_disbursed) AS amount_disbursed,
  SUM(CASE WHEN status = 'salur' THEN 1 ELSE 0 END) AS salur_rows,
  SUM(CASE WHEN status = 'salur' AND reconciled THEN 1 ELSE 0 END) AS reconciled_rows,
  SUM(CASE WHEN status = 'salur' AND field_verified THEN 1 ELSE 0 END) AS field_verified_rows,
  SUM(CASE WHEN card_held_by_third_party THEN 1 ELSE 0 END) AS card_custody_rows
FROM latest_disbursement
WHERE period BETWEEN ? AND ?
GROUP BY kabupaten_code, period, kecamatan_code
ORDER BY kabupaten_code, period, kecamatan_code
