-- One row per (kecamatan_code, year ≤ the year asked): the latest profile row of one kabupaten.
-- Parameters: 1 kabupaten_code, 2 latest year.
WITH latest_profile AS (
  {{latest/kecamatan_profile: kabupaten_code = ?}}
)
SELECT year, kecamatan_code, households, dtks_households, extreme_poor_households
FROM latest_profile
WHERE year <= ?
ORDER BY kecamatan_code, year
