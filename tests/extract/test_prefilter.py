import random
import re

import pytest

from vigil.extract.prefilter import (
    Literals,
    Substrings,
    fold_case,
    may_match,
    required,
    search,
    union,
)
from vigil.vocab import languages


def _need(pattern: str, flags: int = re.I | re.M) -> re.Pattern[str] | None:
    return required(re.compile(pattern, flags))


def test_a_required_word_must_be_in_the_text() -> None:
    need = _need(r"\b(?:was|were)\s+(?:\w+ly\s+)?(?:arrested|seized)\b")
    assert may_match(need, fold_case("He was ARRESTED on Monday."))
    assert not may_match(need, fold_case("He was released on Monday."))


def test_a_pattern_with_no_literal_always_runs() -> None:
    assert _need(r"\b\w+\s+\d{4}\b") is None
    assert _need(r"(?:abc)?\w") is None
    assert _need(r"x|\d") is None  # one branch needs no literal


def test_a_repeated_part_counts_when_it_must_occur() -> None:
    assert not may_match(_need(r"(?:ab)+c?"), "a b")
    assert may_match(_need(r"(?:ab)+c?"), "xaby")
    assert _need(r"(?:ab)*") is None


def test_the_turkish_dotless_i_and_the_long_s_fold_to_their_partners() -> None:
    # re matches 'i' with the dotless and the dotted capital i, 's' with the long s,
    # and 'k' with the Kelvin sign, under IGNORECASE
    for pattern, text in (
        ("tutuklandi", "TUTUKLAND\u0131"),
        ("arrest", "arre\u017ft"),
        ("kil", "\u212a\u0130L"),
    ):
        compiled = re.compile(pattern, re.I)
        assert compiled.search(text)
        assert may_match(required(compiled), fold_case(text))


def test_case_sensitive_parts_are_still_found() -> None:
    need = _need(r"(?-i:[A-Z])\w+ (?-i:Court)")
    assert may_match(need, fold_case("the Supreme Court"))


def test_union_needs_one_of_every_pattern() -> None:
    need = union([re.compile("detained", re.I), re.compile("torture", re.I)])
    assert may_match(need, fold_case("They were tortured."))
    assert not may_match(need, fold_case("They were released."))
    assert union([re.compile("detained"), re.compile(r"\d+")]) is None


def test_search_returns_what_the_pattern_finds() -> None:
    pattern = re.compile(r"\bhunger strike\b", re.I)
    assert search(pattern, "a Hunger Strike began") is not None
    assert search(pattern, "a strike began") is None


def test_folding_keeps_offsets() -> None:
    text = "\u0130stanbul ve ANKARA\u2019da \u017f"
    assert len(fold_case(text)) == len(text)


def _every_cue() -> list[re.Pattern[str]]:
    return [
        rule.pattern
        for code in languages.codes()
        for rules in languages.cues(code).rules.values()  # type: ignore[union-attr]
        for rule in rules
    ]


@pytest.mark.parametrize("seed", [1, 2])
def test_no_language_cue_is_skipped_where_it_matches(seed: int) -> None:
    """Every cue of every language file, on sentences made of its own words and others':
    whenever the pattern matches, the prefilter lets it run."""
    rng = random.Random(seed)
    patterns = _every_cue()
    words = sorted({w for p in patterns for w in re.findall(r"[^\W\d_]{2,}", p.pattern)})
    for pattern in patterns:
        for _ in range(3):
            text = " ".join(rng.choice(words) for _ in range(12))
            for variant in (text, text.upper(), text.title()):
                if pattern.search(variant):
                    assert may_match(required(pattern), fold_case(variant)), pattern.pattern


def test_one_scan_finds_every_literal_even_inside_a_longer_one() -> None:
    patterns = [re.compile(p, re.I) for p in ("arrest", r"arrested\b", "bcd", "abc", "seized")]
    assert Literals(patterns).candidates(fold_case("They were ARRESTED: abcd")) == [0, 1, 2, 3]


def test_a_pattern_with_no_literal_is_always_a_candidate() -> None:
    patterns = [re.compile("detained"), re.compile(r"\b\w+\s+\d{4}\b")]
    assert Literals(patterns).candidates("nothing") == [1]
    assert Literals([]).candidates("nothing") == []


def test_a_pattern_is_listed_once_whichever_of_its_literals_occur() -> None:
    patterns = [re.compile(r"(?:arrested|detained) (?:on|in)"), re.compile("held")]
    assert Literals(patterns).candidates("arrested and detained, held, held") == [0, 1]


@pytest.mark.parametrize("seed", [3, 4])
def test_the_one_scan_answers_as_each_search_would(seed: int) -> None:
    """Every cue of every language file: the candidates one scan lists are exactly the
    patterns `may_match`, the search of each pattern's own requirement, lets run."""
    rng = random.Random(seed)
    patterns = _every_cue()
    index = Literals(patterns)
    words = sorted({w for p in patterns for w in re.findall(r"[^\W\d_]{2,}", p.pattern)})
    for _ in range(20):
        text = " ".join(rng.choice(words) for _ in range(12))
        for variant in (text, text.upper()):
            folded = fold_case(variant)
            expected = [i for i, p in enumerate(patterns) if may_match(required(p), folded)]
            assert index.candidates(folded) == expected


def test_substrings_are_found_as_the_in_operator_finds_them() -> None:
    words = ["ab", "b", "", "abc", "ab", "zz"]
    found = Substrings(words).occurring("xabcx")
    assert found == [i for i, w in enumerate(words) if w in "xabcx"] == [0, 1, 2, 3, 4]
    assert Substrings([]).occurring("anything") == []
