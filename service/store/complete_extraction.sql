-- Store the incidents of pending articles and mark them extracted, in one statement. $1 the
-- articles, $2 for each a JSON array of its incident rows (see rows.incident_rows), $3 the
-- extractor's version. An article no longer pending (deleted, or done by another) is skipped.
WITH article AS (
    UPDATE articles SET extraction_status = 'extracted', extractor_version = $3
    WHERE id = ANY($1::uuid[]) AND extraction_status = 'pending'
    RETURNING id
), incident_json AS (
    SELECT t.article_id, t.rows::jsonb AS rows FROM unnest($1::uuid[], $2::text[]) AS t (article_id, rows)
),
-- include: insert_incidents
SELECT count(*) FROM incident
