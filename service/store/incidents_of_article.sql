SELECT * FROM incidents WHERE article_id = $1 ORDER BY ordinal
