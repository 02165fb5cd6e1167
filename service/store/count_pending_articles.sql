SELECT count(*) FROM articles WHERE extraction_status = 'pending'
