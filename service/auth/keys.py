"""Making API keys and hashing them; the database keeps only the hash and a short prefix."""

from __future__ import annotations

import hashlib
import secrets

SCOPES = ("read", "write")
KEY_MARK = "iak_"
PREFIX_CHARS = len(KEY_MARK) + 8
MAX_KEY_CHARS = 200


def hash_key(key: str) -> str:
    """The stored form of a key. Keys carry 256 random bits, so a fast hash is enough: there is
    nothing to guess from it, and checking a request costs microseconds."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """A fresh key and its prefix (what lists show to tell keys apart)."""
    key = KEY_MARK + secrets.token_urlsafe(32)
    return key, key[:PREFIX_CHARS]


def parse_scopes(text: str) -> list[str]:
    """``"read,write"`` -> ``["read", "write"]``; ValueError names an unknown scope."""
    scopes = sorted({part.strip() for part in text.split(",") if part.strip()})
    unknown = [scope for scope in scopes if scope not in SCOPES]
    if unknown or not scopes:
        raise ValueError(f"scopes must be a comma-separated subset of {', '.join(SCOPES)}; got {text!r}")
    return scopes
