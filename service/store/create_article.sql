-- Insert an article and all its incidents in one statement: one round trip, atomic without
-- BEGIN/COMMIT. $11 is a JSON array of incident rows (see rows.incident_rows). Nothing comes
-- back when the article already exists (same content hash or idempotency key); then no
-- incident is inserted either, and the caller looks the article up.
WITH article AS (
    INSERT INTO articles (text, title, url, source_name, published_at, language,
                          content_hash, request_hash, extractor_version, idempotency_key)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
    ON CONFLICT DO NOTHING
    RETURNING id, received_at
), incident_json AS (
    SELECT article.id AS article_id, $11::jsonb AS rows FROM article
),
-- include: insert_incidents
SELECT article.id, article.received_at,
       ARRAY(SELECT incident.id FROM incident ORDER BY incident.ordinal) AS incident_ids
FROM article
