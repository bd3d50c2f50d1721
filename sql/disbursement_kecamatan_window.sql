-- One row per kecamatan_code over a window of periods: PKH families paid (distinct kpm_id with
-- program PKH and status salur) and allocated amounts, failed/returned and all, every program.
-- Deduplicated over the read range (callers widen it by one month on each side).
-- Parameters: 1 kabupaten_code, 2 read from, 3 read to, 4 period from, 5 period to.
WITH latest_disbursement AS (
  {{latest/disbursement: kabupaten_code = ? AND period BETWEEN ? AND ?}}
)
SELECT
  kecamatan_code,
  COUNT(DISTINCT CASE WHEN program = 'PKH' AND status = 'salur' THEN kpm_id END) AS pkh_families,
  SUM(CASE WHEN status IN ('gagal', 'retur') THEN amount_allocated ELSE 0 END) AS failed_allocated,
  SUM(amount_allocated) AS amount_allocated,
  COUNT(*) AS row_count
FROM latest_disbursement
WHERE period BETWEEN ? AND ?
GROUP BY kecamatan_code
ORDER BY kecamatan_code
