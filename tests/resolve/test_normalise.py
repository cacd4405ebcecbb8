"""Normalisation: folding, titles, families, acronyms, scripts, countries."""

from __future__ import annotations

import pytest

from vigil.resolve.abjad import abjad_form, abjad_similarity
from vigil.resolve.normalise import normalise, phonetic, script_of, skeleton


@pytest.mark.parametrize(
    "variants",
    [
        ["Hossein", "Hosein", "Husain", "Hussein", "Husayn"],
        ["Mojahedin", "Mujahedin", "Mojahedeen"],
        ["Khalgh", "Khalq"],
        ["Massoud", "Masoud", "Masud"],
        ["Leila", "Layla", "Leyla"],
        ["Rezaei", "Rezai", "Rezaee"],
    ],
)
def test_transliteration_variants_fold_to_one_phonetic_form(variants: list[str]) -> None:
    assert len({phonetic(v.lower()) for v in variants}) == 1


def test_hossein_and_hassan_keep_different_phonetic_forms_but_share_a_skeleton() -> None:
    assert phonetic("hossein") != phonetic("hassan")
    assert skeleton(phonetic("hossein")) == skeleton(phonetic("hassan")) == "hsn"


def test_case_and_diacritics_are_folded() -> None:
    assert normalise("BLEDAR ÇUÇI", "person").tokens == normalise("Bledar Cuci", "person").tokens


def test_titles_and_honorifics_are_stripped_and_kept_as_notes() -> None:
    name = normalise("H.E. Mr. Jacques Chirac", "person")
    assert name.words == ("jacques", "chirac")
    assert name.titles == ("he", "mr")
    assert name.gender == "m"
    assert normalise("Dr. Ali Rezaei", "person").words == ("ali", "rezaei")


def test_office_names_keep_their_title_words() -> None:
    assert "minister" in normalise("Minister of the Interior of Albania").words


def test_family_of_x_is_a_family_named_after_x() -> None:
    for text in ["the family of Amir Parvizi", "Amir Parvizi's family", "Family of Amir Parvizi"]:
        name = normalise(text, "person")
        assert name.kind == "family"
        assert name.words == ("amir", "parvizi")


def test_parenthesised_acronym_becomes_an_alternative() -> None:
    name = normalise("Mojahedin-e Khalgh (MEK)", "organization")
    assert name.words == ("mojahedin", "khalgh")
    assert [alt.acronym for alt in name.alternatives] == ["mek"]
    assert "mek" in name.initials


def test_initials_skip_stopwords() -> None:
    name = normalise("People's Mojahedin Organization of Iran", "organization")
    assert "pmoi" in name.initials


def test_country_adjective_reads_as_the_country() -> None:
    a = normalise("Albanian Ministry of Interior", "organization")
    b = normalise("Ministry of the Interior of Albania", "organization")
    assert sorted(a.tokens) == sorted(b.tokens)


def test_surname_comma_given_is_turned_round() -> None:
    assert normalise("Karimi, Hossein", "person").words == ("hossein", "karimi")


def test_scripts_are_detected_and_transliterated() -> None:
    assert script_of("حسین کریمی") == "arabic"
    assert script_of("Мохаммад Хоссейни") == "cyrillic"
    assert (
        normalise("Мохаммад Хоссейни", "person").tokens
        == normalise("Mohammad Hosseini", "person").tokens
    )


def test_abjad_skeleton_keeps_long_vowels_and_tells_hossein_from_hassan() -> None:
    assert abjad_form("حسین") == ("hsyn",)
    assert abjad_similarity("hsyn", "hossein") == 1.0
    assert abjad_similarity("hsyn", "husain") > 0.9
    assert abjad_similarity("hsyn", "hassan") < 0.8
    assert abjad_similarity("hsn", "hossein") < 0.8
