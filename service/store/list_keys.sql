-- Every key, newest first, revoked ones included (never the hash).
SELECT id, name, prefix, scopes, rate_per_second, burst, created_at, revoked_at
FROM api_keys
ORDER BY created_at DESC, id
