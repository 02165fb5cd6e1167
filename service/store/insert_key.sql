-- A new API key; the caller has hashed it.
INSERT INTO api_keys (name, prefix, key_hash, scopes, rate_per_second, burst)
VALUES ($1, $2, $3, $4, $5, $6)
RETURNING id, name, prefix, scopes, rate_per_second, burst, created_at, revoked_at
