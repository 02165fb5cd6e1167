"""The background extraction's child process: service.extractor_process.ExtractorProcess."""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from service.extraction import Extractor
from service.extraction.model import Incident
from service.extractor_process import NICENESS, ExtractionFailed, ExtractorProcess
from tests.fakes import make_incident

TEXT = "قتل ثلاثة مدنيين في غارة جوية على بلدة القائم غرب الأنبار أمس."


class WhereAmIExtractor(Extractor):
    """Reports the process it runs in and that process's niceness; raises on "RAISE", dies on "CRASH"."""

    def __init__(self) -> None:
        pass

    def extract(self, text: str, published_at: dt.date | None = None) -> list[Incident]:
        if "RAISE" in text:
            raise ValueError("no incidents in this one")
        if "CRASH" in text:
            os._exit(3)  # as a segfault or the kernel's OOM killer would end it
        return [make_incident(sources_cited=[str(os.getpid()), str(os.nice(0))])]


async def test_extracts_as_the_extractor_does_in_process() -> None:
    background = ExtractorProcess(Extractor.load)
    try:
        found = await background.extract_all([(TEXT, dt.date(2024, 5, 2)), ("نص بلا حدث", None)])
    finally:
        await background.close()
    extractor = Extractor.load()
    assert found == [extractor.extract(TEXT, dt.date(2024, 5, 2)), extractor.extract("نص بلا حدث", None)]
    assert found[0], "the sentence reports an air strike"


async def test_runs_in_one_child_process_at_the_lowest_priority() -> None:
    background = ExtractorProcess(WhereAmIExtractor)
    try:
        [first] = await background.extract_all([("نص", None)])
        [second] = await background.extract_all([("نص آخر", None)])
    finally:
        await background.close()
    assert isinstance(first, list) and isinstance(second, list)
    pid, niceness = first[0].sources_cited
    assert pid != str(os.getpid()) and second[0].sources_cited[0] == pid
    assert int(niceness) == NICENESS


async def test_a_child_that_dies_fails_its_article_and_the_next_gets_a_new_one() -> None:
    background = ExtractorProcess(WhereAmIExtractor)
    try:
        [before] = await background.extract_all([("نص", None)])
        with pytest.raises(BrokenProcessPool):
            await background.extract_all([("نص", None), ("CRASH", None)])
        [after] = await background.extract_all([("نص", None)])
    finally:
        await background.close()
    assert isinstance(before, list) and isinstance(after, list)
    assert before[0].sources_cited[0] != after[0].sources_cited[0]


async def test_an_article_the_extractor_raises_on_fails_alone() -> None:
    background = ExtractorProcess(WhereAmIExtractor)
    try:
        outcomes = await background.extract_all([("نص", None), ("RAISE", None), ("نص آخر", None)])
    finally:
        await background.close()
    assert [type(outcome) for outcome in outcomes] == [list, ExtractionFailed, list]
    assert "ValueError: no incidents in this one" in str(outcomes[1])


async def test_close_without_a_child_started_is_a_no_op() -> None:
    await ExtractorProcess(Extractor.load).close()
