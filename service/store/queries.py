"""The named SQL files beside this module, read once on first use.

A line ``-- include: <name>`` stands for the text of ``<name>.sql``, so two statements that
share a part (the insert of an article's incidents) spell it once."""

from __future__ import annotations

import functools
import re
from importlib import resources

_INCLUDE = re.compile(r"^-- include: (\w+)$", re.MULTILINE)


@functools.cache
def sql(name: str) -> str:
    """The text of ``service/store/<name>.sql``, its includes filled in."""
    text = resources.files(__package__).joinpath(f"{name}.sql").read_text(encoding="utf-8")
    return _INCLUDE.sub(lambda m: sql(m.group(1)).strip(), text)
