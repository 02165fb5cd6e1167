-- Revoke the key with this id, or the one key whose prefix this is; no row back: no such live key.
UPDATE api_keys SET revoked_at = clock_timestamp()
WHERE revoked_at IS NULL
  AND (id::text = $1 OR prefix = $1)
RETURNING id, name, prefix, scopes, rate_per_second, burst, created_at, revoked_at
