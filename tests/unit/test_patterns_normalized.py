"""Every pattern the extractor runs over normalized text is written in normalized letters.

The finders read ``Doc.norm``, where ى is ي, ة is ه and أ إ آ are ا: a pattern written with
"على" or "إلى" never matches there, silently (this caught four such patterns).
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import service.extraction
from service.extraction.normalize import normalize_phrase

# the normalizer itself matches the letters it folds
RAW_TEXT_MODULES = {"service.extraction.normalize"}


def _module_patterns() -> list[tuple[str, str, str]]:
    found = []
    for info in pkgutil.walk_packages(service.extraction.__path__, "service.extraction."):
        if info.name in RAW_TEXT_MODULES:
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((info.name, name, value.pattern))
    return found


PATTERNS = _module_patterns()


@pytest.mark.parametrize(("module", "name", "pattern"), PATTERNS, ids=[f"{m}.{n}" for m, n, _ in PATTERNS])
def test_a_pattern_over_normalized_text_uses_normalized_letters(module: str, name: str, pattern: str) -> None:
    letters = {ch for ch in pattern if "\u0600" <= ch <= "\u06ff" and ch.isalpha()}
    folded = sorted(ch for ch in letters if normalize_phrase(ch) != ch)
    assert not folded, f"{module}.{name} has {folded}, which Doc.norm never holds"
