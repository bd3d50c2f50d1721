-- Like rows_in_period for every kabupaten of a region in one pass, one row per (kabupaten,
-- dataset) with rows: monthly reports read from every kabupaten as the reports read them;
-- activities and disbursements the latest row per key and kabupaten.
-- Parameters: 1 period, 2 as of, 3 kabupaten_code pattern, 4 read from, 5 read to, 6 as of,
-- 7 kabupaten_code pattern, 8 read from, 9 read to, 10 kabupaten_code pattern, 11 date from,
-- 12 date to, 13 period.
WITH latest_report AS (
  {{latest/monthly_report: period = ?}}
),
latest_activity AS (
  {{latest/activity_log per kabupaten: kabupaten_code LIKE ? AND period BETWEEN ? AND ?}}
),
latest_disbursement AS (
  {{latest/disbursement per kabupaten: kabupaten_code LIKE ? AND period BETWEEN ? AND ?}}
)
SELECT kabupaten_code, 'monthly_report' AS dataset, COUNT(*) AS row_count
FROM latest_report
WHERE kabupaten_code LIKE ?
GROUP BY kabupaten_code
UNION ALL
SELECT kabupaten_code, 'activity_log' AS dataset, COUNT(*) AS row_count
FROM latest_activity
WHERE activity_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
GROUP BY kabupaten_code
UNION ALL
SELECT kabupaten_code, 'disbursement' AS dataset, COUNT(*) AS row_count
FROM latest_disbursement
WHERE period = ?
GROUP BY kabupaten_code
