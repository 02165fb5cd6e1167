"""python -m service serve | migrate | seed | extract FILE | openapi | keys create|list|revoke."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import asyncpg
import msgspec

from service.cli_keys import add_parser as add_keys_parser
from service.cli_keys import keys
from service.errors import DomainError
from service.observability import configure_logging
from service.paths import project_dir
from service.settings import Settings, get_settings, open_access, worker_count


def openapi_path() -> Path:
    return project_dir("openapi") / "openapi.json"


def serve(args: argparse.Namespace, settings: Settings) -> int:
    """Prepare the database once, then run uvicorn with ``--workers`` processes."""
    import uvicorn

    from service.db import resolve_database
    from service.migrate import upgrade

    workers = args.workers or worker_count(settings)
    env: dict[str, str] = {}
    target = resolve_database(settings)
    try:
        if target.embedded:
            upgrade(target.url)  # once, here: workers must not race to migrate
        env = worker_environment(settings, target.url, workers)
        os.environ.update(env)
        uvicorn.run(
            "service.asgi:app_from_env",
            factory=True,
            host=args.host or settings.host,
            port=args.port or settings.port,
            workers=workers,
            log_config=None,  # the app's own logging setup renders uvicorn's lines too
            access_log=False,  # the app logs one line per request, with its request id
            log_level=settings.log_level.lower(),
        )
    finally:
        if "PROMETHEUS_MULTIPROC_DIR" in env:
            shutil.rmtree(env["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
        target.release()
    return 0


def worker_environment(settings: Settings, database_url: str, workers: int) -> dict[str, str]:
    """What each worker process reads its settings from: the parent's, with the database fixed.

    Open mode is decided here, from whether the parent started the embedded server, because the
    workers only see a DATABASE_URL."""
    env = {
        "DATABASE_URL": database_url,
        "OPEN_ACCESS": "true" if open_access(settings) else "false",
        "WORKERS": str(workers),
    }
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # prometheus_client sums the workers' metrics through files in this directory
        env["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="incident-api-metrics-")
    return env


def migrate(args: argparse.Namespace, settings: Settings) -> int:
    """Apply every migration to DATABASE_URL (or the embedded default)."""
    from service.db import resolve_database
    from service.migrate import upgrade

    upgrade(resolve_database(settings).url)
    return 0


def seed(args: argparse.Namespace, settings: Settings) -> int:
    """Load seeds/ into the database (migrating the embedded default first, as serve does)."""
    from service.db import resolve_database
    from service.extraction import Extractor
    from service.migrate import upgrade
    from service.seed import load_seeds

    target = resolve_database(settings)
    if target.embedded:
        upgrade(target.url)

    async def run() -> None:
        conn = await asyncpg.connect(target.url, timeout=settings.db_acquire_timeout)
        try:
            for name, done in await load_seeds(conn, Extractor.load(), settings.max_text_chars):
                state = "stored" if done.created else "already stored"
                print(f"{name}: {state} as {done.article.id} ({len(done.article.incidents)} incidents)")
        finally:
            await conn.close()

    asyncio.run(run())
    return 0


def extract(args: argparse.Namespace, settings: Settings) -> int:
    """Print the incidents of one article file as JSON (the shape POST /v1/extract returns)."""
    from service.api.schemas import ArticleIn, ExtractResult
    from service.extraction import Extractor
    from service.ingest import check_article

    article = ArticleIn(text=Path(args.file).read_text(encoding="utf-8"), published_at=args.published_at)
    published_at = check_article(article, settings.max_text_chars)
    extractor = Extractor.load()
    result = ExtractResult(
        incidents=extractor.extract(article.text, published_at), extractor_version=extractor.version
    )
    sys.stdout.buffer.write(msgspec.json.format(msgspec.json.encode(result), indent=2) + b"\n")
    return 0


def openapi_document() -> str:
    """The app's OpenAPI spec as stable text: sorted keys, Arabic unescaped, default settings."""
    from service.app import create_app

    schema = create_app(Settings()).openapi_schema.to_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def openapi(args: argparse.Namespace, settings: Settings) -> int:
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_text(openapi_document(), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m service", description=__doc__)
    commands = root.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="run the HTTP API (embedded PostgreSQL if DATABASE_URL is unset)")
    run.add_argument("--host", help="interface to bind (default: HOST or 127.0.0.1)")
    run.add_argument("--port", type=int, help="port (default: PORT or 8000)")
    run.add_argument("--workers", type=_positive, help="processes (default: WORKERS, else one per core)")
    commands.add_parser("migrate", help="apply the migrations to the database")
    commands.add_parser("seed", help="load the seed articles in seeds/")
    one = commands.add_parser("extract", help="print the incidents of an article file as JSON")
    one.add_argument("file", help="UTF-8 text file holding one article")
    one.add_argument("--published-at", help="YYYY-MM-DD or RFC 3339; anchors relative dates")
    spec = commands.add_parser("openapi", help="write the OpenAPI spec")
    spec.add_argument("--output", default=str(openapi_path()), help="default: openapi/openapi.json")
    add_keys_parser(commands)
    return root


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "serve": serve, "migrate": migrate, "seed": seed, "extract": extract, "openapi": openapi, "keys": keys,
}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = get_settings()
    configure_logging(settings)
    try:
        return COMMANDS[args.command](args, settings)
    except DomainError as exc:  # bad input from the command line: say what, no traceback
        print(f"error: {exc.detail}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
