"""Event semantics are data: flags in vocab/event_types.json, validated on first read."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from vigil.errors import VocabularyError
from vigil.vocab import ids, load
from vigil.vocab.event_semantics import FLAGS, event_semantics, parse_semantics, types_where


def _entries() -> dict[str, Any]:
    return copy.deepcopy(load("event_types"))


def test_every_event_type_has_every_flag() -> None:
    table = event_semantics()
    assert set(table) == ids("event_types")
    for sem in table.values():
        for flag in FLAGS:
            assert isinstance(getattr(sem, flag), bool)


def test_flags_say_what_the_types_mean() -> None:
    assert {"killing", "execution", "death_in_custody_or_suicide"} == types_where("fatal")
    assert "arrest" in types_where("state_act") and "arrest" in types_where("puts_at_risk")
    assert "release" in types_where("frees") and "release" not in types_where("puts_at_risk")
    assert types_where("threat") == {"deportation_threat"}
    assert not types_where("fatal") & types_where("puts_at_risk")
    assert types_where("judicial") == {"trial", "death_sentence"}
    assert types_where("custody") == {"arrest", "detention"}
    assert types_where("negative") == {
        "denial_of_family_contact", "restriction_of_movement", "enforced_disappearance"
    }


def test_missing_flag_names_the_entry() -> None:
    data = _entries()
    del data["trial"]["fatal"]
    with pytest.raises(VocabularyError, match=r"'trial'.*'fatal'"):
        parse_semantics(data)


def test_flag_of_the_wrong_type_names_the_entry() -> None:
    data = _entries()
    data["arrest"]["state_act"] = "yes"
    with pytest.raises(VocabularyError, match=r"'arrest'.*'state_act'"):
        parse_semantics(data)


def test_unknown_agent_kind_names_the_entry() -> None:
    data = _entries()
    data["detention"]["usual_agents"] = ["wardens"]
    with pytest.raises(VocabularyError, match=r"'detention'.*usual_agents"):
        parse_semantics(data)


def test_the_subject_does_only_what_one_does_oneself() -> None:
    assert types_where("done_by_subject") == {
        "escape",
        "hunger_strike",
        "death_in_custody_or_suicide",
    }


def test_only_a_refused_visit_keeps_the_relatives_it_names_away() -> None:
    assert types_where("kin_kept_away") == {"denial_of_family_contact"}


def test_only_a_death_sentence_takes_the_court_that_upheld_it() -> None:
    assert types_where("upheld_on_appeal") == {"death_sentence"}
