"""A uvicorn worker as ``serve`` starts it (``service.asgi:app_from_env``), in a process of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Start the worker's app, run its lifespan as uvicorn would, and report what the collector sees.
WORKER = """
import asyncio, gc, json
from service.asgi import app_from_env

async def main():
    app = app_from_env()
    async with app.lifespan():
        print(json.dumps({"frozen": gc.get_freeze_count(), "tracked": len(gc.get_objects())}))

asyncio.run(main())
"""


def test_a_worker_freezes_what_start_up_left_alive(database_url: str) -> None:
    """The extractor's lexicons and the app are out of the collector's reach once the worker
    serves: a full collection walks only what requests create, not a few hundred thousand objects."""
    env = {**os.environ, "DATABASE_URL": database_url, "OPEN_ACCESS": "true", "LOG_LEVEL": "WARNING"}
    done = subprocess.run(
        [sys.executable, "-c", WORKER], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    heap = json.loads(done.stdout.strip().splitlines()[-1])
    assert heap["frozen"] > 100_000  # the extractor alone is more than that
    assert heap["tracked"] < heap["frozen"] // 20
