SELECT id, title, url, source_name, published_at, language, received_at, extractor_version,
       content_hash, text
FROM articles
WHERE id = $1
