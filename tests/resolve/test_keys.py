"""Blocking keys: variants meet, unrelated names and other kinds do not."""

from __future__ import annotations

from vigil.resolve.keys import blocking_keys
from vigil.resolve.normalise import normalise


def keys(name: str, kind: str) -> set[str]:
    return blocking_keys(normalise(name, kind), kind)


def test_transliteration_and_script_variants_share_a_key() -> None:
    base = keys("Hossein Karimi", "person")
    for other in ["Husain Kareemi", "Karimi, Hussein", "حسین کریمی", "Хусейн Карими"]:
        assert base & keys(other, "person"), other


def test_unrelated_names_share_no_key() -> None:
    assert not keys("Hossein Karimi", "person") & keys("Maryam Rajavi", "person")


def test_different_kinds_never_share_a_key() -> None:
    assert not keys("Amir Parvizi", "person") & keys("Amir Parvizi", "organization")
    assert not keys("Amir Parvizi", "person") & keys("the family of Amir Parvizi", "family")


def test_acronym_meets_the_full_name_it_abbreviates() -> None:
    assert keys("MEK", "organization") & keys("Mujahedin-e Khalq", "organization")
    assert keys("PMOI", "organization") & keys("MKO", "organization")  # known aliases


def test_a_surname_with_its_final_letter_dropped_shares_a_key() -> None:
    full = blocking_keys(normalise("Leila Haddadin", "person"), "person")
    dropped = blocking_keys(normalise("Leila Haddadi", "person"), "person")
    assert full & dropped
