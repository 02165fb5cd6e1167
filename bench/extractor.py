"""Benchmark of the extractor alone: load time, resident memory, articles per second.

    python -m bench.extractor [--articles 2000] [--seed 7]

Runs in one process on one core (extraction is single-threaded); articles are
2–5 KB, from bench.articles plus the seed articles. Then the worst texts a client may
send: as long as the service accepts, without sentence ends, dense with event words, at two
lengths, so the time per character shows whether the work grows faster than the text.
Prints figures only: it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import pathlib
import random
import re
import resource
import time

from bench.articles import article
from service.extraction import Extractor
from service.settings import Settings

SEEDS = pathlib.Path(__file__).resolve().parent.parent / "seeds"


def rss_mb() -> float:
    """Current resident set size of this process, from /proc (Linux)."""
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def corpus(n: int, seed: int) -> list[tuple[str, object]]:
    rng = random.Random(seed)
    docs: list[tuple[str, object]] = [
        (p.read_text(encoding="utf-8"), None) for p in sorted(SEEDS.glob("*.txt"))
    ]
    docs += [article(rng) for _ in range(max(0, n - len(docs)))]
    return docs


EVENT_WORDS = [
    "قتل", "قصف", "جرح", "غارة", "بغداد", "الموصل", "ثلاثة", "عشرة", "مئة", "ألف", "في", "على",
    "من", "إلى", "و", "أمس", "الاثنين", "يناير", "2024", "قوات", "الجيش", "داعش", "مسيرة", "صاروخ",
]  # fmt: skip


def worst_texts(docs: list[tuple[str, object]], size: int, seed: int) -> dict[str, str]:
    """Texts of ``size`` characters with no sentence end: articles run together, and event words."""
    rng = random.Random(seed)
    run_on = re.sub(r"[.!?;؟؛\n]+", " ", " ".join(text for text, _ in docs))
    words = " ".join(rng.choice(EVENT_WORDS) for _ in range(size // 3))
    return {"articles run together": run_on[:size], "event words, no punctuation": words[:size]}


def time_worst(extractor: Extractor, docs: list[tuple[str, object]], seed: int) -> None:
    limit = Settings().max_text_chars
    for size in (limit // 4, limit):
        for name, text in worst_texts(docs, size, seed).items():
            t0 = time.perf_counter()
            extractor.extract(text, None)
            ms = (time.perf_counter() - t0) * 1000
            per_k = ms / len(text) * 1000
            print(f"worst case: {name}, {len(text):,} characters: {ms:.0f} ms ({per_k:.2f} ms per 1,000)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    before = rss_mb()
    t0 = time.perf_counter()
    extractor = Extractor.load()
    load_s = time.perf_counter() - t0
    loaded = rss_mb()
    docs = corpus(args.articles, args.seed)
    kb = sum(len(t.encode()) for t, _ in docs) / len(docs) / 1024
    extractor.extract(*docs[0])  # warm caches outside the timed loop
    t0 = time.perf_counter()
    incidents = sum(len(extractor.extract(text, published)) for text, published in docs)
    elapsed = time.perf_counter() - t0
    print(f"load: {load_s:.3f} s  (lexicons + gazetteer)")
    print(
        f"memory: {loaded:.1f} MB resident after load ({loaded - before:+.1f} MB for the extractor), "
        f"{rss_mb():.1f} MB after the run"
    )
    print(
        f"throughput: {len(docs) / elapsed:.0f} articles/s on one core "
        f"({len(docs)} articles, mean {kb:.1f} KB, {elapsed * 1000 / len(docs):.2f} ms each, "
        f"{incidents / len(docs):.2f} incidents/article)"
    )
    time_worst(extractor, docs, args.seed)


if __name__ == "__main__":
    main()
