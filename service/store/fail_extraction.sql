-- The extractor failed on these pending articles: they stay stored, without incidents, marked failed.
UPDATE articles SET extraction_status = 'failed' WHERE id = ANY($1::uuid[]) AND extraction_status = 'pending'
