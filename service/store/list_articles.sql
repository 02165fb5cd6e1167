-- Newest first; keyset cursor ($1 received_at, $2 id) is the last row of the previous page.
SELECT a.id, a.title, a.url, a.source_name, a.published_at, a.language, a.received_at,
       a.extractor_version, a.extraction_status, a.content_hash,
       (SELECT count(*) FROM incidents i WHERE i.article_id = a.id) AS incident_count
FROM articles a
WHERE $1::timestamptz IS NULL OR (a.received_at, a.id) < ($1::timestamptz, $2::uuid)
ORDER BY a.received_at DESC, a.id DESC
LIMIT $3
