"""Short and titled forms of a person's name join the full name, only when unambiguous."""

from __future__ import annotations

from vigil.cases.short_forms import Move, PersonMention, short_form_moves


def _m(id_: int, doc: int, name: str, party: int) -> PersonMention:
    return PersonMention(id_, doc, name, party)


def test_titled_and_short_forms_join_the_full_name_in_their_document() -> None:
    found = [
        _m(1, 1, "Marten Q. Volkov Jr.", 10),
        _m(2, 1, "President Volkov", 11),
        _m(3, 1, "Volkov", 11),
    ]
    assert {(m.mention_id, m.to_party, m.rule) for m in short_form_moves(found)} == {
        (2, 10, "same_document"),
        (3, 10, "same_document"),
    }


def test_full_names_differing_by_initials_and_suffix_are_one_person() -> None:
    found = [_m(1, 1, "Marten Volkov", 10), _m(2, 2, "Marten Q. Volkov Jr.", 12)]
    assert short_form_moves(found) == [Move(2, 12, 10, "same_name")]


def test_two_people_sharing_a_surname_are_never_joined() -> None:
    found = [_m(1, 1, "Kaia Lindgren", 10), _m(2, 2, "Tove Lindgren", 11)]
    assert short_form_moves(found) == []


def test_a_surname_goes_to_the_person_of_its_own_document() -> None:
    found = [
        _m(1, 1, "Kaia Lindgren", 10),
        _m(2, 1, "Lindgren", 12),
        _m(3, 2, "Tove Lindgren", 11),
        _m(4, 2, "Lindgren", 12),
    ]
    moves = {(m.mention_id, m.to_party) for m in short_form_moves(found)}
    assert moves == {(2, 10), (4, 11)}


def test_a_surname_alone_joins_the_only_person_of_that_name_in_the_store() -> None:
    found = [_m(1, 1, "Marten Volkov", 10), _m(2, 2, "Volkov", 11)]
    assert short_form_moves(found) == [Move(2, 11, 10, "only_one_in_store")]


def test_a_surname_alone_with_two_people_of_that_name_waits() -> None:
    found = [_m(1, 1, "Kaia Lindgren", 10), _m(2, 2, "Tove Lindgren", 11), _m(3, 3, "Lindgren", 12)]
    assert short_form_moves(found) == []


def test_usual_forms_of_a_given_name_and_plural_titles_are_one_person() -> None:
    found = [
        _m(1, 1, "Robert Ostrander", 10),
        _m(2, 2, "Bob Ostrander", 11),
        _m(3, 3, "Representatives Juan Ostrander", 12),
        _m(4, 4, "Juan Ostrander", 13),
    ]
    assert {(m.mention_id, m.to_party) for m in short_form_moves(found)} == {(2, 10), (4, 12)}
