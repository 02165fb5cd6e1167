-- Part of a statement (see queries.sql): the CTE that inserts articles' incidents. The
-- statement defines, before it, `article` (`id`: the articles whose incidents are stored) and
-- `incident_json` (`article_id`, and `rows`: a JSON array of that article's incident rows, see
-- rows.incident_rows).
incident AS (
    INSERT INTO incidents (article_id, ordinal, is_primary, event_type, sub_event_type, weapons,
                           date_start, date_end, date_precision, location,
                           perpetrators, targets, claimed_by, blamed, perpetrator_ids, target_ids,
                           killed_min, killed_max, injured_min, injured_max,
                           sources_cited, evidence, confidence)
    SELECT article.id, i.ordinal, i.is_primary, i.event_type, i.sub_event_type, i.weapons,
           i.date_start, i.date_end, i.date_precision, i.location,
           i.perpetrators, i.targets, i.claimed_by, i.blamed, i.perpetrator_ids, i.target_ids,
           i.killed_min, i.killed_max, i.injured_min, i.injured_max,
           i.sources_cited, i.evidence, i.confidence
    FROM article JOIN incident_json ON incident_json.article_id = article.id,
         jsonb_to_recordset(incident_json.rows) AS i (
        ordinal integer, is_primary boolean, event_type text, sub_event_type text, weapons text[],
        date_start date, date_end date, date_precision text, location jsonb,
        perpetrators jsonb, targets jsonb, claimed_by jsonb, blamed jsonb,
        perpetrator_ids text[], target_ids text[],
        killed_min integer, killed_max integer, injured_min integer, injured_max integer,
        sources_cited text[], evidence jsonb, confidence double precision
    )
    RETURNING id, ordinal
)
