SELECT id, request_hash, content_hash FROM articles WHERE idempotency_key = $1
