"""Corrections in the browser: a letter sent outside Vigil recorded, a letter's parties and
demands edited, a case's events added, edited and removed, proposed replies decided.
Editors only; each change in the change log with the signed-in user; bad input changes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from vigil import cases
from vigil.accounts import Role
from vigil.store import Store
from vigil.store.replies import add_reply_suggestion

from .conftest import Browser, add_document
from .test_cases_pages import (
    Casework,
    actor_of,
    build_casework,
    changes_since,
    last_change,
    snapshot,
)


@pytest.fixture
def casework(store: Store) -> Casework:
    return build_casework(store)


def _letter(**changed: str) -> dict[str, str]:
    return {
        "date": "2024-03-01",
        "channel": "email",
        "to": "Ana Lindqvist\nMinister of Foreign Affairs",
        "from": "Nordic Detention Watch",
        "cc": "UN Working Group on Arbitrary Detention",
        "on_behalf": "",
        **changed,
    }


def test_editor_records_a_letter_sent_outside_vigil_from_the_tracker(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    page = editor.page("/interventions")
    assert "Record a letter sent outside Vigil" in page and 'name="demand"' in page
    start = last_change(store)
    response = editor.post("/interventions", _letter(demand="release"))
    assert response.status_code == 303, response.text
    new_id = int(response.headers["location"].rsplit("/", 1)[1])
    item = cases.get_intervention(store, new_id)
    assert (item.date, item.status, item.demands) == ("2024-03-01", "sent", ["release"])
    assert sorted((p.role, p.name) for p in item.parties) == [
        ("addressee", "Ana Lindqvist"),
        ("addressee", "Minister of Foreign Affairs"),
        ("copy", "UN Working Group on Arbitrary Detention"),
        ("sender", "Nordic Detention Watch"),
    ]
    known = next(p.party_id for p in item.parties if p.name == "Ana Lindqvist")
    letter = cases.get_intervention(store, casework.letter)
    assert known in {p.party_id for p in letter.parties}  # the known party, not a new one
    actor = actor_of(store, "editor")
    assert (actor, "create", "intervention", new_id) in changes_since(store, start)
    shown = editor.page(f"/interventions/{new_id}")
    assert "UN Working Group on Arbitrary Detention" in shown and "entered by hand" in shown


def test_a_letter_recorded_from_a_case_page_speaks_for_its_people(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    page = editor.page(f"/cases/{casework.case}")
    assert f'name="case" value="{casework.case}"' in page
    response = editor.post(
        "/interventions", _letter(case=str(casework.case), document=str(casework.document))
    )
    assert response.status_code == 303, response.text
    new_id = int(response.headers["location"].rsplit("/", 1)[1])
    item = cases.get_intervention(store, new_id)
    assert [p.party_id for p in item.parties if p.role == "on_behalf"] == [casework.at_risk]
    assert item.source_documents == [casework.document]
    assert f'href="/interventions/{new_id}"' in editor.page(f"/cases/{casework.case}")


def test_bad_letters_and_viewers_change_nothing(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    viewer = signed_in(Role.VIEWER)  # signing in is logged: before the snapshot
    editor.page("/interventions")
    before = snapshot(store)
    for bad in (
        _letter(to=""),
        _letter(date="1 March 2024"),
        _letter(date="2024-02-30"),
        _letter(demand="pardon everyone"),
        _letter(channel="pigeon"),
        _letter(case="999"),
        _letter(document="abc"),
        _letter(to="x" * 600),
    ):
        response = editor.post("/interventions", bad)
        assert response.status_code in (400, 404), (bad, response.status_code)
    assert snapshot(store) == before
    assert "Record a letter sent outside Vigil" not in viewer.page("/interventions")
    page = viewer.page(f"/cases/{casework.case}")
    assert "Add an event by hand" not in page and "Record a letter" not in page
    letter = f"/interventions/{casework.letter}"
    assert "Save the demands" not in viewer.page(letter)
    (event,) = [i.id for i in cases.show_case(store, casework.case).timeline if i.what == "event"]
    for url, data in (
        ("/interventions", _letter()),
        (f"{letter}/parties", {"action": "add", "role": "copy", "party": str(casework.at_risk)}),
        (f"{letter}/demands", {"demand": "investigate"}),
        (f"/cases/{casework.case}/events", {"type": "arrest", "person": str(casework.at_risk),
                                            "document": str(casework.document)}),
        (f"/cases/{casework.case}/events/{event}", {"type": "release"}),
        (f"/cases/{casework.case}/events/{event}/remove", {}),
    ):  # fmt: skip
        assert viewer.post(url, data).status_code == 403, url
    assert snapshot(store) == before


def test_editor_edits_a_letters_parties_and_demands(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    url = f"/interventions/{casework.letter}"
    page = editor.page(url)
    assert 'data-pick="/pick/parties"' in page and "Save the demands" in page
    addressee = next(
        p.party_id
        for p in cases.get_intervention(store, casework.letter).parties
        if p.role == "addressee"
    )
    start = last_change(store)
    copy = {"action": "add", "role": "copy", "party": f"#{casework.at_risk}"}
    assert editor.post(f"{url}/parties", copy).status_code == 303
    off = {"action": "remove", "role": "addressee", "party": str(addressee)}
    assert editor.post(f"{url}/parties", off).status_code == 303
    demands = {"demand": ["investigate", "fair_trial"]}
    assert editor.post(f"{url}/demands", demands).status_code == 303
    item = cases.get_intervention(store, casework.letter)
    assert [p.party_id for p in item.parties if p.role == "copy"] == [casework.at_risk]
    assert addressee not in [p.party_id for p in item.parties if p.role == "addressee"]
    assert sorted(item.demands) == ["fair_trial", "investigate"]
    actor = actor_of(store, "editor")
    assert [(a, act) for a, act, entity, i in changes_since(store, start)] == [
        (actor, "link"),
        (actor, "unlink"),
        (actor, "edit"),
    ]
    cases.build_from_extractions(store)  # a rebuild undoes none of it
    again = cases.get_intervention(store, casework.letter)
    assert sorted(again.demands) == ["fair_trial", "investigate"]
    assert addressee not in [p.party_id for p in again.parties if p.role == "addressee"]
    before = snapshot(store)
    for data in (
        {"action": "add", "role": "judge", "party": str(addressee)},
        {"action": "fly", "role": "copy", "party": str(addressee)},
        {"action": "add", "role": "copy", "party": "Ana"},
        {"action": "add", "role": "copy", "party": "999999"},
    ):
        assert editor.post(f"{url}/parties", data).status_code in (400, 404), data
    assert editor.post(f"{url}/demands", {"demand": "pardon"}).status_code == 400
    assert snapshot(store) == before


def _events(store: Store, case_id: int) -> dict[int, tuple[str, str | None, str | None]]:
    return {
        i.id: (i.label, i.date, i.place)
        for i in cases.show_case(store, case_id).timeline
        if i.what == "event" and i.review_state != "rejected"
    }


def test_editor_adds_edits_and_removes_events(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    base = f"/cases/{casework.case}/events"
    page = editor.page(f"/cases/{casework.case}")
    assert "Add an event by hand" in page and "Correct or remove this event" in page
    (extracted,) = _events(store, casework.case)
    police = next(p.id for p in cases.list_parties(store) if p.name == "the police")
    start = last_change(store)
    added = editor.post(
        base,
        {"type": "detention", "date": "2024-04", "place": "Kumla prison",
         "person": str(casework.at_risk), "actor": str(police),
         "document": str(casework.document)},
    )  # fmt: skip
    assert added.status_code == 303, added.text
    new_id = int(added.headers["location"].rsplit("-", 1)[1])
    assert _events(store, casework.case)[new_id] == ("detention", "2024-04", "Kumla prison")
    roles = {(p.role, p.party_id) for i in cases.show_case(store, casework.case).timeline
             if i.id == new_id and i.what == "event" for p in i.parties}  # fmt: skip
    assert roles == {("subject", casework.at_risk), ("actor", police)}
    edited = editor.post(f"{base}/{extracted}", {"type": "arrest", "date": "2024-04-03",
                                                 "place": "Malmo", "person": ""})  # fmt: skip
    assert edited.status_code == 303
    assert _events(store, casework.case)[extracted] == ("arrest", "2024-04-03", "Malmo")
    assert editor.post(f"{base}/{new_id}/remove", {}).status_code == 303
    assert new_id not in _events(store, casework.case)
    actor = actor_of(store, "editor")
    assert changes_since(store, start) == [
        (actor, "add", "event", new_id),
        (actor, "edit", "event", extracted),
        (actor, "remove", "event", new_id),
    ]
    shown = editor.page(f"/cases/{casework.case}")
    assert "2024-04-03" in shown and "Kumla prison" not in shown
    before = snapshot(store), _events(store, casework.case)
    for data in (
        {"type": "coup", "person": str(casework.at_risk), "document": str(casework.document)},
        {"type": "arrest", "date": "April", "person": str(casework.at_risk),
         "document": str(casework.document)},
        {"type": "arrest", "person": "", "document": str(casework.document)},
        {"type": "arrest", "person": "", "document": ""},
        {"type": "arrest", "person": str(casework.at_risk), "document": "999"},
    ):  # fmt: skip
        assert editor.post(base, data).status_code in (400, 404), data
    assert editor.post(f"{base}/{extracted}", {"type": "coup"}).status_code == 400
    assert editor.post(f"{base}/999/remove", {}).status_code == 404
    assert (snapshot(store), _events(store, casework.case)) == before


def test_editor_enters_an_event_by_hand_with_no_document(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    page = editor.page(f"/cases/{casework.case}")
    assert "None: entered by hand" in page
    added = editor.post(
        f"/cases/{casework.case}/events",
        {"type": "enforced_disappearance", "date": "2024-06", "place": "",
         "person": str(casework.at_risk), "document": ""},
    )  # fmt: skip
    assert added.status_code == 303, added.text
    new_id = int(added.headers["location"].rsplit("-", 1)[1])
    [item] = [i for i in cases.show_case(store, casework.case).timeline
              if i.what == "event" and i.id == new_id]  # fmt: skip
    assert item.document_id is None and item.entered_by == actor_of(store, "editor")
    shown = editor.page(f"/cases/{casework.case}")
    assert "with no source document" in shown and "Entered by hand by" in shown


def test_a_proposed_reply_is_accepted_or_rejected_in_the_browser(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    answer = add_document(store, "Dear Ms Jensen, in reply to your letter ...", "answer.txt")
    other = add_document(store, "Dear Ms Jensen, a letter of its own ...", "other.txt")
    first = add_reply_suggestion(store, casework.letter, answer, "addressee_writes_back")
    second = add_reply_suggestion(store, casework.letter, other, "says_it_answers")
    viewer = signed_in(Role.VIEWER)
    assert "Proposed replies" in viewer.page(f"/interventions/{casework.letter}")
    assert "Accept as a response" not in viewer.page(f"/interventions/{casework.letter}")
    editor = signed_in(Role.EDITOR)
    page = editor.page(f"/interventions/{casework.letter}")
    assert f'action="/interventions/{casework.letter}/replies/{first}"' in page
    document_page = editor.page(f"/documents/{answer}")
    assert "Proposed as a reply" in document_page
    assert f'href="/interventions/{casework.letter}"' in document_page
    start = last_change(store)
    url = f"/interventions/{casework.letter}/replies"
    early = {"action": "accept", "type": "answer", "date": "2024-01-01"}
    bad = editor.post(f"{url}/{first}", early)
    assert bad.status_code == 400  # before the letter
    assert editor.post(f"{url}/{first}", {"action": "shrug"}).status_code == 400
    assert editor.post(f"/interventions/{casework.prior}/replies/{first}",
                       {"action": "accept"}).status_code == 404  # fmt: skip
    accepted = editor.post(
        f"{url}/{first}",
        {"action": "accept", "type": "refusal", "date": "2024-06-02", "back": "document"},
    )
    assert accepted.status_code == 303 and accepted.headers["location"] == f"/documents/{answer}"
    item = cases.get_intervention(store, casework.letter)
    assert item.status == "refused"
    assert [(r.date, r.type, r.document_id) for r in item.responses] == [
        ("2024-06-02", "refusal", answer)
    ]
    rejected = editor.post(f"{url}/{second}", {"action": "reject"})
    assert rejected.status_code == 303
    assert cases.reply_suggestions(store) == []
    assert editor.post(f"{url}/{first}", {"action": "accept"}).status_code == 400  # decided
    actor = actor_of(store, "editor")
    log = changes_since(store, start)
    assert (actor, "respond", "intervention", casework.letter) in log
    assert (actor, "accept", "reply_suggestion", first) in log
    assert (actor, "reject", "reply_suggestion", second) in log
    assert "Proposed replies" not in editor.page(f"/interventions/{casework.letter}")
