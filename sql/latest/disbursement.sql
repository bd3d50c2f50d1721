-- Latest disbursement row per natural key disbursement_id among the rows that pass {{filter}}:
-- greatest _ingested_at, then _source, then _row (disbursement has no submitted_at).
-- Per kabupaten ({{per}}: see sql-loader) when included as {{<name> per kabupaten: <filter>}}.
-- Include as {{latest/disbursement: <filter>}}.
SELECT
  disbursement_id, kpm_id, program, period, tahap, kabupaten_code, kecamatan_code, desa_code, channel,
  amount_allocated, amount_disbursed, status, disbursed_at, reconciled, field_verified,
  card_held_by_third_party, reconciled_by
FROM (
  SELECT
    disbursement_id, kpm_id, program, period, tahap, kabupaten_code, kecamatan_code, desa_code, channel,
    amount_allocated, amount_disbursed, status, disbursed_at, reconciled, field_verified,
    card_held_by_third_party, reconciled_by,
    ROW_NUMBER() OVER (
      PARTITION BY {{per}}disbursement_id
      ORDER BY _ingested_at DESC, _source DESC, _row DESC
    ) AS row_rank
  FROM disbursement
  WHERE {{filter}}
) ranked
WHERE row_rank = 1
