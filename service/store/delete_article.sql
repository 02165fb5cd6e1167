-- Its incidents go with it (ON DELETE CASCADE).
DELETE FROM articles WHERE id = $1 RETURNING id
