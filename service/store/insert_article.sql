-- Insert an article without incidents unless one with the same content hash or idempotency key
-- exists; $11 is its extraction_status ('pending' when the background worker will extract it).
-- No row back means it already exists (a concurrent duplicate); the caller looks it up.
INSERT INTO articles (text, title, url, source_name, published_at, language,
                      content_hash, request_hash, extractor_version, idempotency_key,
                      extraction_status)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT DO NOTHING
RETURNING id, received_at
