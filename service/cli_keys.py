"""``python -m service keys create|list|revoke``: manage API keys from the shell."""

from __future__ import annotations

import argparse
import asyncio
import sys

import asyncpg

from service.auth.keys import hash_key, new_key, parse_scopes
from service.settings import Settings
from service.store import keys as store
from service.store.keys import ApiKey

MAX_NAME_CHARS = 100  # as the api_keys table checks


def add_parser(commands: argparse._SubParsersAction) -> None:
    keys = commands.add_parser("keys", help="create, list or revoke API keys")
    actions = keys.add_subparsers(dest="action", required=True)
    create = actions.add_parser("create", help="make a key and print it (it is shown only once)")
    create.add_argument("--name", required=True, help="who or what the key is for")
    create.add_argument("--scopes", default="read", help="comma-separated: read, write (default: read)")
    create.add_argument("--rate", type=float, help="requests/s (default: RATE_LIMIT_PER_SECOND)")
    create.add_argument("--burst", type=int, help="requests at once (default: RATE_LIMIT_BURST)")
    actions.add_parser("list", help="every key: id, prefix, name, scopes, rate, created, revoked")
    revoke = actions.add_parser("revoke", help="revoke a key by its id or prefix")
    revoke.add_argument("key", help="the key's id or prefix (as `keys list` shows)")


def _row(key: ApiKey) -> str:
    rate = f"{key.rate_per_second:g}/s" if key.rate_per_second else "default"
    burst = str(key.burst) if key.burst else "default"
    revoked = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "live"
    fields = [str(key.id), key.prefix, key.name, ",".join(key.scopes), rate, burst]
    return "\t".join([*fields, f"{key.created_at:%Y-%m-%d %H:%M}", revoked])


async def _run(conn: asyncpg.Connection, args: argparse.Namespace) -> int:
    if args.action == "create":
        key, prefix = new_key()
        stored = await store.insert_key(
            conn, args.name, prefix, hash_key(key), args.scopes, args.rate, args.burst
        )
        print(f"created {stored.id} ({','.join(stored.scopes)}); the key, shown only now:", file=sys.stderr)
        print(key)
        return 0
    if args.action == "list":
        print("id\tprefix\tname\tscopes\trate\tburst\tcreated\tstate")
        for stored in await store.list_keys(conn):
            print(_row(stored))
        return 0
    revoked = await store.revoke_key(conn, args.key)
    if revoked is None:
        print(f"error: no live key with id or prefix {args.key!r}", file=sys.stderr)
        return 1
    print(f"revoked {revoked.id} ({revoked.prefix}, {revoked.name})")
    return 0


def keys(args: argparse.Namespace, settings: Settings) -> int:
    """Run one ``keys`` action against DATABASE_URL (or the embedded default, migrated first)."""
    from service.db import resolve_database
    from service.migrate import upgrade

    if args.action == "create":
        try:
            args.scopes = parse_scopes(args.scopes)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if (args.rate is not None and args.rate <= 0) or (args.burst is not None and args.burst <= 0):
            print("error: --rate and --burst must be positive", file=sys.stderr)
            return 2
        if not 1 <= len(args.name.strip()) <= MAX_NAME_CHARS:
            print(f"error: --name must have 1 to {MAX_NAME_CHARS} characters", file=sys.stderr)
            return 2
    target = resolve_database(settings)
    try:
        if target.embedded:
            upgrade(target.url)
        return asyncio.run(_with_connection(target.url, settings, args))
    finally:
        target.release()


async def _with_connection(url: str, settings: Settings, args: argparse.Namespace) -> int:
    conn = await asyncpg.connect(url, timeout=settings.db_acquire_timeout)
    try:
        return await _run(conn, args)
    finally:
        await conn.close()
