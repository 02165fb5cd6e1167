"""Who may call the API: API keys (only their hashes are stored), scopes, per-key rate limits."""
