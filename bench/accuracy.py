"""Accuracy of the extractor on gold sets, scored by the evaluation's own scorer.

    python -m bench.accuracy                      # bench/gold and ../shared/eval/dev
    python -m bench.accuracy bench/gold --verbose # one set, every wrong slot
    python -m bench.accuracy --scorer PATH        # another copy of score.py

Extracts every gold article in this process (no service, no database), writes the
predictions as JSON Lines and runs ``score.py`` on them, one report per gold set. ``bench/gold``
holds articles written for this project and coded by hand before the extractor read them (see
``bench/gold/README.md``). Prints figures only: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

import msgspec

from service.extraction import Extractor

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_SETS = [ROOT / "bench" / "gold", ROOT.parent / "shared" / "eval" / "dev"]
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def predictions(extractor: Extractor, gold_dir: pathlib.Path) -> list[dict]:
    """One {"id", "incidents"} line per gold article, the incidents as the API would encode them."""
    lines = []
    for path in sorted(gold_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        incidents = extractor.extract(doc["text"], doc.get("published_at"))
        lines.append({"id": doc["id"], "incidents": json.loads(msgspec.json.encode(incidents))})
    return lines


def score(scorer: pathlib.Path, gold_dir: pathlib.Path, lines: list[dict], verbose: bool) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as out:
        out.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        out.flush()
        args = [sys.executable, str(scorer), str(gold_dir), "--predictions", out.name]
        done = subprocess.run(args + (["--verbose"] if verbose else []), capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"score.py failed on {gold_dir}: {done.stderr.strip()}")
    return done.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="*", type=pathlib.Path, help="gold folders (default: bench/gold, dev)")
    ap.add_argument("--scorer", type=pathlib.Path, default=DEFAULT_SCORER)
    ap.add_argument("--verbose", action="store_true", help="every wrong slot, missed and spurious incident")
    a = ap.parse_args()
    if not a.scorer.is_file():
        raise SystemExit(f"no scorer at {a.scorer}: pass --scorer PATH to score.py")
    extractor = Extractor.load()
    for gold_dir in a.gold or [d for d in DEFAULT_SETS if d.is_dir()]:
        print(f"== {gold_dir} ({extractor.version})")
        print(score(a.scorer, gold_dir, predictions(extractor, gold_dir), a.verbose), end="")


if __name__ == "__main__":
    main()
