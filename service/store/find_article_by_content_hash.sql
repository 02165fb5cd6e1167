SELECT id, request_hash, content_hash FROM articles WHERE content_hash = $1
