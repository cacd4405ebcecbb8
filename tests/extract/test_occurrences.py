from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from vigil.extract.events import _capital_follows
from vigil.extract.occurrences import whole

# names and texts drawn from a few characters that meet at word edges: letters of two
# scripts, a digit, '_', '-', spaces of two kinds, a dot and a line break
_CHARS = st.sampled_from(list("AaNnéЖ1_- \u00a0.\n"))
_TEXT = st.text(_CHARS, max_size=40)
_NAME = st.text(_CHARS, min_size=0, max_size=4)


@given(_TEXT, _NAME)
def test_whole_finds_what_the_pattern_finds(text: str, name: str) -> None:
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    assert whole(text, name) == [m.span() for m in pattern.finditer(text)]
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    assert whole(text, name, hyphen=False) == [m.span() for m in pattern.finditer(text)]


def test_a_name_inside_a_longer_word_or_a_hyphenated_one_is_not_there() -> None:
    text = "Ana, Anastasia, Ana-Maria and Ana."
    assert whole(text, "Ana") == [(0, 3), (30, 33)]
    assert whole(text, "Ana", hyphen=False) == [(0, 3), (16, 19), (30, 33)]


@given(_TEXT)
def test_a_capital_after_white_space_is_what_the_pattern_sees(text: str) -> None:
    text = text + " Ana Berg ana x Ana\n\nCarl"
    expected = [m.span() for m in re.finditer(r"(?<![\w-])Ana(?![\w-]|\s+[A-Z])", text)]
    assert [(a, b) for a, b in whole(text, "Ana") if not _capital_follows(text, b)] == expected
