"""Opaque keyset cursors: the sort key of a page's last row, as url-safe base64 JSON."""

from __future__ import annotations

import base64
import binascii

import msgspec

from service.errors import BadCursor


def encode_cursor(key: list[str]) -> str:
    return base64.urlsafe_b64encode(msgspec.json.encode(key)).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[str]:
    """The ``size`` strings packed in ``cursor``; BadCursor (400) for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = msgspec.json.decode(raw, type=list[str])
    except (binascii.Error, ValueError, msgspec.DecodeError) as exc:
        raise BadCursor("cursor is not one this API issued") from exc
    if len(key) != size:
        raise BadCursor("cursor is not one this API issued")
    return key
