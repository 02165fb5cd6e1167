"""List gazetteer names that stand on their own and are also dictionary words.

    apt-get download dict-freedict-ara-eng && dpkg-deb -x dict-freedict-ara-eng_*.deb /tmp/fd
    python scripts/homograph_candidates.py /tmp/fd/usr/share/dictd/freedict-ara-eng [--small]

A landmark (a country, a governorate, a sea, a city of 100,000) counts wherever its name
occurs, so a landmark whose name is also an ordinary word ("مشهد": Mashhad / a scene) puts
events in the wrong place. This prints every one-word landmark name, with or without its
article, that is a headword of the FreeDict Arabic-English dictionary, with the English
glosses, for a person to sort into place_stoplist.txt (never the place), place_homographs.txt
(the place only where the text says so) or neither. Names already in place_homographs.txt
are left out. With --small, the other places instead: they count only after a preposition in
a text of their own country, so only words met so in news matter ("في الرأس").
A development aid: the service does not read the dictionary.
"""

from __future__ import annotations

import collections
import gzip
import sys
from pathlib import Path

from service.extraction.mentions.places import is_landmark, load_place_finder
from service.extraction.normalize import normalize_phrase

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _dictd_number(text: str) -> int:
    """dictd's index writes offsets and lengths in its own base 64."""
    n = 0
    for ch in text:
        n = n * 64 + _B64.index(ch)
    return n


def glosses(base: Path) -> dict[str, list[str]]:
    """Normalized Arabic headword -> its English senses, from a dictd .index/.dict.dz pair."""
    data = gzip.decompress(base.with_suffix(".dict.dz").read_bytes())
    found: dict[str, list[str]] = collections.defaultdict(list)
    for line in base.with_suffix(".index").read_text(encoding="utf-8").splitlines():
        word, offset, length = line.split("\t")
        if not any("\u0600" <= ch <= "\u06ff" for ch in word):
            continue
        start = _dictd_number(offset)
        entry = data[start : start + _dictd_number(length)].decode("utf-8", "replace").splitlines()
        found[normalize_phrase(word)] += [s.split(". ", 1)[-1].strip() for s in entry[1:] if s.strip()]
    return found


def main(argv: list[str]) -> int:
    small = "--small" in argv
    paths = [a for a in argv if a != "--small"]
    if len(paths) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    senses = glosses(Path(paths[0]))
    finder = load_place_finder()
    shown: set[str] = set()
    for name, place in finder.gazetteer.variants():
        if " " in name or name in finder.homographs or name in shown or is_landmark(place) == small:
            continue
        other = name[2:] if name.startswith("ال") else "ال" + name
        words = senses.get(name, []) + senses.get(other, [])
        if words:
            shown.add(name)
            print(f"{name}\t{place.name} ({place.kind}, {place.country})\t{'; '.join(words[:6])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
