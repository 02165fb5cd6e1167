-- Store the incidents of a pending article and mark it extracted, in one statement.
-- $1 the article, $2 a JSON array of incident rows (see rows.incident_rows), $3 the extractor's version.
WITH article AS (
    UPDATE articles SET extraction_status = 'extracted', extractor_version = $3
    WHERE id = $1 AND extraction_status = 'pending'
    RETURNING id
), incident_json AS (
    SELECT $2::jsonb AS rows
),
-- include: insert_incidents
SELECT count(*) FROM incident
