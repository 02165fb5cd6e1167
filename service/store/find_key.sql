-- The live key with this hash, if any.
SELECT id, name, prefix, scopes, rate_per_second, burst, created_at, revoked_at
FROM api_keys
WHERE key_hash = $1 AND revoked_at IS NULL
