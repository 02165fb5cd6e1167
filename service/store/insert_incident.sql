INSERT INTO incidents (article_id, ordinal, is_primary, event_type, sub_event_type, weapons,
                       date_start, date_end, date_precision, location,
                       perpetrators, targets, claimed_by, blamed, perpetrator_ids, target_ids,
                       killed_min, killed_max, injured_min, injured_max,
                       sources_cited, evidence, confidence)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12::jsonb, $13::jsonb, $14::jsonb,
        $15, $16, $17, $18, $19, $20, $21, $22::jsonb, $23)
