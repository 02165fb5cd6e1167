-- Insert an article whose extraction is deferred (Prefer: respond-async); the background
-- worker (service.deferred) extracts it. No row back means it already exists.
INSERT INTO articles (text, title, url, source_name, published_at, language,
                      content_hash, request_hash, extractor_version, idempotency_key,
                      extraction_status)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending')
ON CONFLICT DO NOTHING
RETURNING id, received_at
