-- Latest monthly_report row per natural key (facilitator_id, period) among the rows that pass
-- {{filter}}: greatest submitted_at, then _ingested_at, _source, _row. first_submitted_at is the
-- earliest submitted_at of all those rows of the key (timeliness never changes with a correction).
-- As of an instant A, rows submitted after A are left out before anything else (REPORTS.md
-- "Time of a report"): the parameter after the filter's own is A, 'YYYY-MM-DD HH:MM:SS.sss UTC'.
-- Per kabupaten ({{per}}: see sql-loader) when included as {{<name> per kabupaten: <filter>}}.
-- Both window functions share one PARTITION BY and ORDER BY (the MIN over the whole frame),
-- so DuckDB sorts the rows once instead of twice.
-- Include as {{latest/monthly_report: <filter>}}.
SELECT
  period, facilitator_id, kabupaten_code, kecamatan_code, submitted_at, first_submitted_at,
  kpm_assigned, kpm_verified, p2k2_groups, p2k2_sessions, p2k2_kpm_attended, dtks_updates,
  complaints_received, complaints_resolved, graduations, coord_meetings_kecamatan, coord_meetings_desa
FROM (
  SELECT
    period, facilitator_id, kabupaten_code, kecamatan_code, submitted_at,
    kpm_assigned, kpm_verified, p2k2_groups, p2k2_sessions, p2k2_kpm_attended, dtks_updates,
    complaints_received, complaints_resolved, graduations, coord_meetings_kecamatan, coord_meetings_desa,
    MIN(submitted_at) OVER (
      PARTITION BY {{per}}facilitator_id, period
      ORDER BY submitted_at DESC, _ingested_at DESC, _source DESC, _row DESC
      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS first_submitted_at,
    ROW_NUMBER() OVER (
      PARTITION BY {{per}}facilitator_id, period
      ORDER BY submitted_at DESC, _ingested_at DESC, _source DESC, _row DESC
    ) AS row_rank
  FROM monthly_report
  WHERE {{filter}}
    AND submitted_at <= CAST(? AS TIMESTAMP WITH TIME ZONE)
) ranked
WHERE row_rank = 1
