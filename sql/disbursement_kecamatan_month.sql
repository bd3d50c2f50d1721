-- One row per (period, kecamatan_code): sums and counts of the latest disbursement rows of one
-- kabupaten. Deduplicated over the read range (callers widen it by one month on each side, as
-- a correction may change a row's period), then kept for the periods asked.
-- Parameters: 1 kabupaten_code, 2 read from, 3 read to, 4 period from, 5 period to.
WITH latest_disbursement AS (
  {{latest/disbursement: kabupaten_code = ? AND period BETWEEN ? AND ?}}
)
SELECT
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
GROUP BY period, kecamatan_code
ORDER BY period, kecamatan_code
