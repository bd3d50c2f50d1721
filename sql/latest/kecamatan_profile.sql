-- Latest kecamatan_profile row per natural key (kecamatan_code, year) among the rows that pass
-- {{filter}}: greatest _ingested_at, then _source, then _row.
-- Include as {{latest/kecamatan_profile: <filter>}}.
SELECT
  year, kabupaten_code, kecamatan_code, population, households, dtks_households, extreme_poor_households
FROM (
  SELECT
    year, kabupaten_code, kecamatan_code, population, households, dtks_households, extreme_poor_households,
    ROW_NUMBER() OVER (
      PARTITION BY kecamatan_code, year
      ORDER BY _ingested_at DESC, _source DESC, _row DESC
    ) AS row_rank
  FROM kecamatan_profile
  WHERE {{filter}}
) ranked
WHERE row_rank = 1
