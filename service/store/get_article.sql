SELECT id, title, url, source_name, published_at, language, received_at, extractor_version, extraction_status,
       content_hash, text
FROM articles
WHERE id = $1
