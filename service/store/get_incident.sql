SELECT * FROM incidents WHERE id = $1
