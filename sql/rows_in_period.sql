-- data_quality.rows_in_period (REPORTS.md §1): rows of one kabupaten for one period that the
-- reports read, latest per key, after the as-of cut. Monthly reports: the latest row of each
-- (facilitator, P) from every kabupaten (as the reports read them), counted when it names K.
-- Activities: by activity_date in P, deduplicated over one month more on each side (a
-- correction may re-date a row). Disbursements: period P, deduplicated over P-1 .. P+1.
-- Parameters: 1 period, 2 as of, 3 kabupaten_code, 4 read from, 5 read to, 6 as of,
-- 7 kabupaten_code, 8 read from, 9 read to, 10 kabupaten_code, 11 date from, 12 date to, 13 period.
WITH latest_report AS (
  {{latest/monthly_report: period = ?}}
),
latest_activity AS (
  {{latest/activity_log: kabupaten_code = ? AND period BETWEEN ? AND ?}}
),
latest_disbursement AS (
  {{latest/disbursement: kabupaten_code = ? AND period BETWEEN ? AND ?}}
)
SELECT 'monthly_report' AS dataset, COUNT(*) AS row_count
FROM latest_report
WHERE kabupaten_code = ?
UNION ALL
SELECT 'activity_log' AS dataset, COUNT(*) AS row_count
FROM latest_activity
WHERE activity_date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
UNION ALL
SELECT 'disbursement' AS dataset, COUNT(*) AS row_count
FROM latest_disbursement
WHERE period = ?
