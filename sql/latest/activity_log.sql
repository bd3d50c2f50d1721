-- Latest activity_log row per natural key activity_id among the rows that pass {{filter}}:
-- greatest submitted_at, then _ingested_at, _source, _row. The latest row gives the date,
-- facilitator and place (a correction may re-date an activity into another month's partition,
-- so callers read one month more on each side); first_submitted_at is the earliest
-- submitted_at of all those rows of the activity.
-- As of an instant A, rows submitted after A are left out before anything else (REPORTS.md
-- "Time of a report"): the parameter after the filter's own is A, 'YYYY-MM-DD HH:MM:SS.sss UTC'.
-- Per kabupaten ({{per}}: see sql-loader) when included as {{<name> per kabupaten: <filter>}}.
-- Both window functions share one PARTITION BY and ORDER BY (the MIN over the whole frame),
-- so DuckDB sorts the rows once instead of twice.
-- Include as {{latest/activity_log: <filter>}}.
SELECT
  activity_id, facilitator_id, activity_date, period, kabupaten_code, kecamatan_code, desa_code,
  activity_type, kpm_reached, submitted_at, first_submitted_at
FROM (
  SELECT
    activity_id, facilitator_id, activity_date, period, kabupaten_code, kecamatan_code, desa_code,
    activity_type, kpm_reached, submitted_at,
    MIN(submitted_at) OVER (
      PARTITION BY {{per}}activity_id
      ORDER BY submitted_at DESC, _ingested_at DESC, _source DESC, _row DESC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS first_submitted_at,
    ROW_NUMBER() OVER (
      PARTITION BY {{per}}activity_id
      ORDER BY submitted_at DESC, _ingested_at DESC, _source DESC, _row DESC
    ) AS row_rank
  FROM activity_log
  WHERE {{filter}}
    AND submitted_at <= CAST(? AS TIMESTAMP WITH TIME ZONE)
) ranked
WHERE row_rank = 1
