"""python -m service extract and seed, run as a user would run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import msgspec

from service.api.schemas import ExtractResult

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "service", *args],
        cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_extract_prints_valid_json() -> None:
    seed = next((ROOT / "seeds").glob("000_*.txt"))
    done = run("extract", str(seed), "--published-at", "2023-12-26")
    assert done.returncode == 0, done.stderr
    msgspec.convert(json.loads(done.stdout), ExtractResult)


def test_extract_rejects_a_bad_date() -> None:
    seed = next((ROOT / "seeds").glob("000_*.txt"))
    done = run("extract", str(seed), "--published-at", "someday")
    assert done.returncode == 2 and "published_at" in done.stderr and "Traceback" not in done.stderr


def test_seed_loads_every_seed_once(database_url: str) -> None:
    first = run("seed", env={"DATABASE_URL": database_url})
    assert first.returncode == 0, first.stderr
    again = run("seed", env={"DATABASE_URL": database_url})
    lines = again.stdout.strip().splitlines()
    assert len(lines) == 5 and all("already stored" in line for line in lines)
