"""Extraction is linear on hostile text: runs of punctuation, blank lines, repeated tokens.

The fast tests pin each pattern once found quadratic; the slow one holds the
whole pipeline to a generous bound on 100 KB of each hostile text
(`bench/hostile_text.py` prints the ratios to a normal letter).
"""

from __future__ import annotations

import time

import pytest

from tests.ingest.hostile import hostile_texts
from vigil.extract import ExtractInput
from vigil.extract.context import compiled
from vigil.extract.entities import _BOILER_START
from vigil.extract.markup import _TAG
from vigil.extract.parse import spacy_text
from vigil.extract.pipeline import extract
from vigil.settings import Settings
from vigil.vocab import load

BOUND_S = 60.0
"""A normal 100 KB letter takes about 10 s on a shared 2-core machine; the quadratic
patterns this file pins took minutes (digits: 260 s) or never returned."""


def _seconds(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def test_boilerplate_start_is_linear_on_blank_lines() -> None:
    assert _seconds(lambda: _BOILER_START.search("\n" * 32_000)) < 0.5


def test_template_tags_are_linear_on_runs_of_braces() -> None:
    assert _seconds(lambda: _TAG.sub(" ", "{" * 32_000 + "%" * 32_000)) < 0.5


def test_legal_patterns_are_linear_on_repeated_words_and_digits() -> None:
    text = "Excellency " * 4000
    patterns = load("legal_references")["NATIONAL_LAW"]["patterns"]
    for name in ("named_act", "amended_code_or_new_law"):
        pattern = compiled(patterns[name].replace(" ", r"\s+"))
        assert _seconds(lambda p=pattern: p.search(text)) < 0.5, name
    digits = "1234567890" * 4000
    for id_, name in (("NATIONAL_LAW", "tr_ceza_kanunu"), ("UN_RESOLUTION", "tr_sayili_karar")):
        pattern = compiled(load("legal_references")[id_]["patterns"][name].replace(" ", r"\s+"))
        assert _seconds(lambda p=pattern: p.search(digits)) < 0.5, name
        assert pattern.search("5237 sayılı Kanun 12/34 sayılı Karar")  # noqa: RUF001 - Turkish dotless i, as written
    assert compiled(patterns["named_act"].replace(" ", r"\s+")).search("the Public Order Act")


def test_spacy_text_keeps_length_and_cuts_what_slows_the_tokenizer() -> None:
    for text in ("!" * 1000, "a" * 1000, ". " * 500, "Dear Minister, we write.", "wait!!!!"):
        safe = spacy_text(text)
        assert len(safe) == len(text)
        assert max((len(t) for t in safe.split()), default=0) <= 64
    assert spacy_text("Dear Minister, we write.") == "Dear Minister, we write."


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(hostile_texts(10)))
def test_whole_pipeline_handles_100kb_of_hostile_text_in_bounded_time(name: str) -> None:
    text = hostile_texts(100_000)[name]
    settings = Settings()
    extract(ExtractInput(text="A warm-up letter to the Minister.", language="en"), settings)
    took = _seconds(lambda: extract(ExtractInput(text=text, language="en"), settings))
    assert took < BOUND_S, f"{name}: {took:.1f}s"


def test_news_and_report_cues_are_linear_on_blank_lines() -> None:
    from vigil.extract import kind

    # every literal the cues need is there, on lines far apart: no cue matches
    news = "updated\n" + "\n" * 32_000 + "Published 3 May"
    report = "Recommendations\n1." + "\n" * 32_000
    assert _seconds(lambda: kind.journalism(news)) < 0.5
    assert _seconds(lambda: kind.reports_itself("", [report])) < 0.5
    assert kind.journalism("Published 3 May, updated 4 May")
    assert kind.reports_itself("", ["1. Recommendations"])
