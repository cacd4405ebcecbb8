"""Pairs: decisions, scores and reasons; never merge across kinds."""

from __future__ import annotations

import pytest

from vigil.resolve import Decision, Mention, match
from vigil.resolve.compare import transliteration_variant


def decide(a: str, b: str, kind: str | None = None) -> Decision:
    return match(Mention(a, kind), Mention(b, kind)).decision


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Mojahedin-e Khalgh (MEK)", "Mujahedin-e Khalq (MEK)", "organization"),
        ("Mujahedin-e Khalq", "MEK", "organization"),
        ("PMOI", "People's Mojahedin Organization of Iran", "organization"),
        ("Hossein Karimi", "Husain Karimi", "person"),
        ("Hossein Karimi", "حسین کریمی", "person"),
        ("Massoud Rajavi", "Масуд Раджави", "person"),
        ("H.E. Bledar Çuçi", "Bledar Cuci", "person"),
        ("the Ministry of the Interior", "Ministry of Interior", "organization"),
        ("Iranian Embassy in Paris", "Embassy of Iran in Paris", "organization"),
    ],
)
def test_same_party_merges(a: str, b: str, kind: str) -> None:
    assert decide(a, b, kind) is Decision.MERGE


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Hossein Karimi", "Hassan Karimi", "person"),
        ("Massoud Rajavi", "Maryam Rajavi", "person"),
        ("Mujahedin-e Khalq", "Mujahedin-e Enqelab", "organization"),
        ("Mojahedin-e Khalgh (MEK)", "Maryam Rajavi", None),
        ("Ali Moradi", "Ali Mohammadi", "person"),
        ("Hossein Karimi", "Hossein Hosseini", "person"),
        ("UNHCR", "UNHRC", "organization"),
    ],
)
def test_hard_negatives_are_not_merged(a: str, b: str, kind: str | None) -> None:
    assert decide(a, b, kind) is not Decision.MERGE


def test_a_family_is_not_the_person_it_is_named_after() -> None:
    result = match(Mention("the family of Amir Parvizi"), Mention("Amir Parvizi"))
    assert result.decision is Decision.DISTINCT
    assert any("family" in reason for reason in result.reasons)


def test_never_merge_on_a_name_alone_across_kinds() -> None:
    result = match(Mention("Amir Parvizi", "person"), Mention("Amir Parvizi", "organization"))
    assert result.decision is not Decision.MERGE
    assert any("different kinds" in reason for reason in result.reasons)


def test_every_decision_carries_readable_reasons() -> None:
    result = match(Mention("Hossein Karimi", "person"), Mention("Husain Kareemi", "person"))
    assert result.decision is Decision.MERGE
    assert 0.88 <= result.score <= 1.0
    assert result.reasons == [
        "'hossein' ~ 'husain': same after transliteration folding",
        "'karimi' ~ 'kareemi': same after transliteration folding",
    ]
    titled = match(Mention("Dr. Ali Rezaei", "person"), Mention("Ali Rezaei", "person"))
    assert "ignored titles in 'Dr. Ali Rezaei': dr" in titled.reasons


def test_a_single_word_person_name_goes_to_review_at_most() -> None:
    assert decide("Rajavi", "Radjavi", "person") is Decision.REVIEW


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        match(Mention("a", "planet"), Mention("b", "planet"))


def test_a_reason_names_a_country_not_its_internal_token() -> None:
    result = match(
        Mention("Swedish Ombudsman for Justice", "organization"),
        Mention("Justice", "organization"),
    )
    assert any("country SE" in r for r in result.reasons)
    assert not any("ccse" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Yuri Dobrovolsky", "Yuri Dabrovolsky"),  # one vowel, at the surname's start
        ("Leila Haddadin", "Leila Haddadi"),  # a final letter dropped
        ("Tomas Vilkauskas", "Tomas Vilkauskis"),  # one vowel, at the surname's end
        ("Joseph Dobrovolsky", "Joe Dabrovolsky"),  # two forms of one given name
        ("Roman Dobrovolsky", "Raman Dabrovolsky"),  # the same, in two transliterations
    ],
)
def test_a_transliterated_surname_with_the_same_given_name_goes_to_review(a: str, b: str) -> None:
    found = match(Mention(a, "person"), Mention(b, "person"))
    assert found.decision is Decision.REVIEW
    assert found.score >= 0.8


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Pavel Dobrovolsky", "Yuri Dabrovolsky"),  # different given names
        ("Yuri Dobrovolsky", "Yara Dabrovolsky"),  # given names differ too
        ("Mira Haddadin", "Miro Haddadi"),  # the given name's vowel changes the name
        ("Yuri Dobrovolsky", "Yuri Dabravalsky"),  # two vowels: not one transliteration
    ],
)
def test_a_transliterated_surname_with_another_given_name_stays_apart(a: str, b: str) -> None:
    assert decide(a, b, "person") is Decision.DISTINCT


def test_transliteration_variant_is_one_vowel_or_a_dropped_final_letter() -> None:
    assert transliteration_variant("prutasivich", "pratasivich") == "one vowel differs"
    assert transliteration_variant("hadadin", "hadadi") == "a final letter dropped"
    assert transliteration_variant("kurz", "kur") is None  # too short to drop a letter
    assert transliteration_variant("pratasivich", "pratasivich") is None
    assert transliteration_variant("dubruvulski", "dabravalski") is None
