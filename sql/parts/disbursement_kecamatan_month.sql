-- One row per (period, kecamatan_code): sums and counts of the latest disbursement rows that
-- pass {{filter}}, deduplicated over the read range (callers widen it by one month on each
-- side, as a correction may change a row's period), then kept for the periods asked. Include as
-- {{parts/disbursement_kecamatan_month: <filter>}}, or `per kabupaten` (the latest row per
-- disbursement and kabupaten, the kabupaten in each row). Parameters after the filter's own:
-- period from, period to.
WITH latest_disbursement AS (
  {{latest/disbursement{{per kabupaten}}: {{filter}}}}
)
SELECT
  {{per}}period,
  kecamatan_code,
  SUM(amount_allocated) AS amount_allocated,
  SUM(amount_disbursed) AS amount_disbursed,
  SUM(CASE WHEN status = 'salur' THEN 1 ELSE 0 END) AS salur_rows,
  SUM(CASE WHEN status = 'salur' AND reconciled THEN 1 ELSE 0 END) AS reconciled_rows,
  SUM(CASE WHEN status = 'salur' AND field_verified THEN 1 ELSE 0 END) AS field_verified_rows,
  SUM(CASE WHEN card_held_by_third_party THEN 1 ELSE 0 END) AS card_custody_rows
FROM latest_disbursement
WHERE period BETWEEN ? AND ?
GROUP BY {{per}}period, kecamatan_code
ORDER BY {{per}}period, kecamatan_code
