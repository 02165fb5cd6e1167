-- The $1 oldest articles waiting for extraction that no other worker holds, locked until the
-- caller's transaction ends (so a worker that dies leaves them pending for the next).
SELECT id, text, published_at
FROM articles
WHERE extraction_status = 'pending'
ORDER BY received_at
LIMIT $1
FOR UPDATE SKIP LOCKED
