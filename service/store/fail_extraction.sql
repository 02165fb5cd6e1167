-- The extractor failed on a pending article: it stays stored, without incidents, marked failed.
UPDATE articles SET extraction_status = 'failed' WHERE id = $1 AND extraction_status = 'pending'
