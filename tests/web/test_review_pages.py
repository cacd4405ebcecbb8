"""The review queue and the highlighted document page: who may decide, what is logged,
what bad input does (nothing), and where the highlights fall.

The letter and its extraction are hand-made (fast, no NLP), in our own words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from sqlalchemy import select

from vigil.accounts import Role, list_users
from vigil.model import ExtractionRecord, ParsedDocument, Span, SuggestionRecord
from vigil.store import Store, tables
from vigil.store.suggestions import get_extraction, review_progress, save_extraction

from .conftest import Browser

LETTER = """3 March 2031

Director Petra Quillfeather
Office of Harbour Affairs

Dear Director,

We write about Mr. Tobias Wrenfield, detained at the Lantern Street station since 1 March 2031.
We urge you to release him & to let his lawyer <visit> him.

Ines Marlowe
Friends of the Quay
"""


def _span(words: str) -> list[Span]:
    start = LETTER.index(words)
    return [Span(start, start + len(words))]


def _s(field: str, value: object, words: str, rule: str, confidence: float) -> SuggestionRecord:
    return SuggestionRecord(field, value, _span(words), "test", rule, confidence)


def record() -> ExtractionRecord:
    return ExtractionRecord(
        pipeline_version="test",
        contract={"kind": "letter"},
        suggestions=[
            _s("date", "2031-03-03", "3 March 2031", "date.top", 0.9),
            _s("addressees", {"name": "Petra Quillfeather", "kind": "person"},
               "Director Petra Quillfeather", "letter.addressee", 0.7),
            _s("persons_at_risk", "Tobias Wrenfield", "Mr. Tobias Wrenfield", "risk.subject", 0.8),
            # nested in the event's span
            _s("locations", "Lantern Street", "Lantern Street", "ner.loc", 0.5),
            _s("events", {"type": "detention", "subjects": ["Tobias Wrenfield"]},
               "detained at the Lantern Street station", "event.detention", 0.75),
            _s("demands", "release", "release him & to let his lawyer <visit> him",
               "demand.release", 0.95),
            _s("senders", {"name": "Ines Marlowe", "kind": "person"}, "Ines Marlowe",
               "letter.sender", 0.6),
        ],
        errors=[],
        truncated=False,
    )  # fmt: skip


@pytest.fixture
def doc_id(store: Store) -> int:
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER, title="Harbour letter")
    new = store.add_document(parsed, LETTER.encode(), locator="/data/harbour.txt")
    save_extraction(store, new, record())
    return new


def ids(store: Store, doc: int) -> dict[str, int]:
    """Field -> suggestion id."""
    extraction = get_extraction(store, doc)
    assert extraction is not None
    return {s.field: s.id for s in extraction.suggestions if s.id is not None}


def states(store: Store, doc: int) -> dict[str, str]:
    extraction = get_extraction(store, doc)
    assert extraction is not None
    return {s.field: s.review_state for s in extraction.suggestions}


def review_log(store: Store) -> list[tuple[str, str, int | None, dict[str, int]]]:
    c = tables.changes.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(c.actor, c.action, c.entity_id, c.detail)
            .where(c.entity == "suggestion")
            .order_by(c.id)
        )
        return [(actor, action, eid, json.loads(detail)) for actor, action, eid, detail in rows]


def actor_of(store: Store, name: str) -> str:
    user = next(u for u in list_users(store) if u.name == name)
    return f"user:{user.id}"


Signed = Callable[[Role], Browser]


def test_viewer_reads_the_queue_and_document_but_cannot_decide(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    viewer = signed_in(Role.VIEWER)
    page = viewer.page("/review")
    assert "Tobias Wrenfield" in page and "risk.subject" in page
    assert 'action="/review/' not in page  # no decision forms for a viewer
    assert viewer.get(f"/documents/{doc_id}").status_code == 200
    sid = ids(store, doc_id)["persons_at_risk"]
    for url, data in (
        (f"/review/{sid}", {"action": "accept"}),
        (f"/review/{sid}", {"action": "edit", "value": "Someone Else"}),
        ("/review/bulk", {"action": "accept", "min_confidence": "0"}),
    ):
        assert viewer.post(url, data).status_code == 403
    assert set(states(store, doc_id).values()) == {"suggested"}
    assert review_log(store) == []


def test_editor_accepts_rejects_and_edits_and_each_is_logged(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page("/review")
    sid = ids(store, doc_id)
    accepted = editor.post(f"/review/{sid['persons_at_risk']}", {"action": "accept"})
    assert (accepted.status_code, accepted.headers["location"]) == (303, "/review")
    rejected = editor.post(
        f"/review/{sid['locations']}", {"action": "reject", "back": "/review?field=locations"}
    )
    assert rejected.headers["location"] == "/review?field=locations"
    edited = editor.post(
        f"/review/{sid['senders']}",
        {"action": "edit", "value": '{"name": "Ines Marlow", "kind": "person"}'},
    )
    assert edited.status_code == 303
    plain = editor.post(f"/review/{sid['date']}", {"action": "edit", "value": "2031-03-04"})
    assert plain.status_code == 303
    extraction = get_extraction(store, doc_id)
    assert extraction is not None
    by_field = {s.field: s for s in extraction.suggestions}
    assert by_field["persons_at_risk"].review_state == "accepted"
    assert by_field["locations"].review_state == "rejected"
    assert by_field["senders"].review_state == "edited"
    assert by_field["senders"].value == {"name": "Ines Marlow", "kind": "person"}
    assert by_field["date"].value == "2031-03-04"
    who = actor_of(store, "editor")
    assert review_log(store) == [
        (who, "review:accepted", sid["persons_at_risk"], {}),
        (who, "review:rejected", sid["locations"], {}),
        (who, "review:edited", sid["senders"], {}),
        (who, "review:edited", sid["date"], {}),
    ]
    page = editor.page("/review")
    assert "risk.subject" not in page  # decided: no longer waiting
    assert re.search(r'<span class="n">2</span> edited', page)


def test_htmx_decision_returns_the_decided_item(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page("/review")
    sid = ids(store, doc_id)["demands"]
    response = editor.post(f"/review/{sid}", {"action": "accept"}, headers={"hx-request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<li class="review-item state-is-accepted"')
    assert 'action="/review/' not in response.text  # decided: no more buttons
    assert "&lt;visit&gt;" in response.text and "<visit>" not in response.text
    assert states(store, doc_id)["demands"] == "accepted"
    assert (
        'id="review-progress" aria-labelledby="progress-title" hx-swap-oob="true"' in response.text
    )
    assert "1 of 7 suggestions decided" in response.text


def test_bulk_accepts_by_rule_field_and_confidence(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page("/review")
    response = editor.post("/review/bulk", {"action": "accept", "min_confidence": "0.8"})
    assert (response.status_code, response.headers["location"]) == (
        303,
        "/review?done=accepted&n=3",
    )
    assert "3 suggestions accepted." in editor.page(response.headers["location"])
    by_rule = editor.post("/review/bulk", {"action": "reject", "rule": "ner.loc"})
    assert by_rule.headers["location"] == "/review?done=rejected&n=1"
    by_field = editor.post("/review/bulk", {"action": "accept", "field": "senders"})
    assert by_field.headers["location"] == "/review?done=accepted&n=1"
    assert states(store, doc_id) == {
        "date": "accepted",
        "addressees": "suggested",
        "persons_at_risk": "accepted",
        "locations": "rejected",
        "events": "suggested",
        "demands": "accepted",
        "senders": "accepted",
    }
    who = actor_of(store, "editor")
    sid = ids(store, doc_id)
    log = review_log(store)
    assert [(a, action, d) for a, action, _, d in log] == [
        *[(who, "review:accepted", {"batch": 3})] * 3,  # one entry per suggestion decided
        (who, "review:rejected", {}),
        (who, "review:accepted", {}),
    ]
    assert sorted(entity for _, _, entity, _ in log[:3]) == sorted(
        sid[f] for f in ("date", "persons_at_risk", "demands")
    )
    assert [entity for _, _, entity, _ in log[3:]] == [sid["locations"], sid["senders"]]


@pytest.mark.parametrize(
    ("path", "data", "status"),
    [
        ("/review/{sid}", {"action": "approve"}, 400),
        ("/review/{sid}", {}, 400),
        ("/review/{sid}", {"action": "edit"}, 400),
        ("/review/{sid}", {"action": "edit", "value": "   "}, 400),
        ("/review/{sid}", {"action": "edit", "value": "x" * 5000}, 400),
        ("/review/{sid}", {"action": "edit", "value": "x" * 70_000}, 413),
        ("/review/{sid}", {"action": "edit", "value": "{not json"}, 400),
        ("/review/999999", {"action": "accept"}, 404),
        ("/review/0", {"action": "accept"}, 400),
        ("/review/12abc", {"action": "accept"}, 400),
        ("/review/99999999999999999999", {"action": "accept"}, 400),
        ("/review/bulk", {"action": "accept"}, 400),
        ("/review/bulk", {"action": "edit", "rule": "ner.loc"}, 400),
        ("/review/bulk", {"action": "accept", "min_confidence": "high"}, 400),
        ("/review/bulk", {"action": "accept", "min_confidence": "-1"}, 400),
        ("/review/bulk", {"action": "accept", "field": "nonsense"}, 400),
    ],
)
def test_bad_decisions_change_nothing(
    path: str, data: dict[str, str], status: int, signed_in: Signed, store: Store, doc_id: int
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page("/review")
    before = get_extraction(store, doc_id)
    response = editor.post(path.format(sid=ids(store, doc_id)["persons_at_risk"]), data)
    assert response.status_code == status, response.text
    assert get_extraction(store, doc_id) == before
    assert review_log(store) == []


def test_decision_never_redirects_off_site(signed_in: Signed, store: Store, doc_id: int) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page("/review")
    waiting = list(ids(store, doc_id).values())
    bad = ("https://evil.example/", "//evil.example/review", "/review\r\nX: y", "/users")
    for sid, back in zip(waiting, bad, strict=False):
        response = editor.post(f"/review/{sid}", {"action": "accept", "back": back})
        assert response.headers["location"] == "/review", back
    ok = editor.post(
        f"/review/{waiting[-1]}", {"action": "reject", "back": f"/documents/{doc_id}#s-1"}
    )
    assert ok.headers["location"] == f"/documents/{doc_id}#s-1"


def test_queue_filters(signed_in: Signed, store: Store, doc_id: int) -> None:
    viewer = signed_in(Role.VIEWER)

    def shown(query: str) -> set[str]:
        page = viewer.page("/review" + query)
        return set(re.findall(r'<span class="field">([a-z_.]+)</span>', page))

    assert shown("") == set(ids(store, doc_id))
    assert shown("?field=locations") == {"locations"}
    assert shown("?rule=demand.release") == {"demands"}
    assert shown("?min_confidence=0.8") == {"date", "persons_at_risk", "demands"}
    assert shown(f"?document={doc_id}&field=&rule=&min_confidence=") == set(ids(store, doc_id))
    assert shown(f"?document={doc_id + 1}") == set()
    for bad in ("?min_confidence=2", "?min_confidence=x", "?document=-3", "?field=nope"):
        assert viewer.get("/review" + bad).status_code == 400, bad
    assert review_progress(store) == {"suggested": 7}


def test_document_page_highlights_each_span_with_its_details(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    page = signed_in(Role.VIEWER).page(f"/documents/{doc_id}")
    sid = ids(store, doc_id)
    person = sid["persons_at_risk"]
    # the value's own words within its span ("Mr. Tobias Wrenfield"): `evidence_span`
    assert (
        f'Mr. <span class="anchor" id="m-{person}"></span><mark class="hl hl-name">'
        f'<a href="#s-{person}">Tobias Wrenfield</a></mark>'
    ) in page
    # the place nested inside the event: the event, cut around it; the place links to itself
    event, place = sid["events"], sid["locations"]
    assert f'<a href="#s-{event}">detained at the </a>' in page
    assert f'<mark class="hl hl-name hl-many"><a href="#s-{place}">Lantern Street</a>' in page
    assert f'<a href="#s-{event}"> station</a>' in page
    # the document's own markup is text
    assert "lawyer &lt;visit&gt; him" in page and "<visit>" not in page
    # the details: field, component, rule, confidence, review state; a link back to the words
    item = re.search(rf'<li id="s-{person}".*?</li>', page, re.S)
    assert item is not None
    for words in ("persons_at_risk", "Tobias Wrenfield", "test / risk.subject", "0.80",
                  "suggested", f'href="#m-{person}"'):  # fmt: skip
        assert words in item.group(0), words


def test_document_page_marks_decisions_and_drops_rejected_highlights(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    editor = signed_in(Role.EDITOR)
    page = editor.page(f"/documents/{doc_id}")
    sid = ids(store, doc_id)
    assert f'name="back" value="/documents/{doc_id}#s-{sid["senders"]}"' in page
    editor.post(
        f"/review/{sid['senders']}",
        {"action": "reject", "back": f"/documents/{doc_id}#s-{sid['senders']}"},
    )
    editor.post(f"/review/{sid['date']}", {"action": "accept"})
    page = editor.page(f"/documents/{doc_id}")
    assert f'href="#s-{sid["senders"]}"' not in page  # no longer highlighted
    sender = re.search(rf'<li id="s-{sid["senders"]}".*?</li>', page, re.S)
    date = re.search(rf'<li id="s-{sid["date"]}".*?</li>', page, re.S)
    assert sender and "rejected" in sender.group(0) and 'action="/review' not in sender.group(0)
    assert date and "accepted" in date.group(0)


def test_document_without_extraction_says_so(signed_in: Signed, store: Store) -> None:
    parsed = ParsedDocument(format="txt", text="Plain words <b>here</b>.", full_text="x")
    doc = store.add_document(parsed, b"plain", locator="/data/plain.txt")
    page = signed_in(Role.VIEWER).page(f"/documents/{doc}")
    assert "Plain words &lt;b&gt;here&lt;/b&gt;." in page
    assert "vigil extract --pending" in page
    assert "hl-" not in page.split("<main", 1)[1]


def test_structured_values_are_edited_part_by_part(
    signed_in: Signed, store: Store, doc_id: int
) -> None:
    editor = signed_in(Role.EDITOR)
    page = editor.page("/review")
    sid = ids(store, doc_id)
    sender = page[page.index(f'id="item-{sid["senders"]}"') :]
    sender = sender[: sender.index("</li>")]
    assert 'name="text:name" value="Ines Marlowe"' in sender
    assert re.search(r'<select id="value-\d+-kind" name="text:kind">', sender)
    assert '<option value="person" selected>' in sender
    assert 'name="value"' not in sender  # no raw JSON to type
    event = page[page.index(f'id="item-{sid["events"]}"') :]
    event = event[: event.index("</li>")]
    assert 'name="list:subjects" value="Tobias Wrenfield"' in event
    assert '<option value="detention" selected>' in event
    edited = editor.post(
        f"/review/{sid['events']}",
        {"action": "edit", "text:type": "arrest", "list:subjects": "Tobias Wrenfield; Ada Holm ;",
         "text:place": " Lantern Street "},
    )  # fmt: skip
    assert edited.status_code == 303
    sender_edit = {"action": "edit", "text:name": "Ines Marlow", "text:kind": ""}
    assert editor.post(f"/review/{sid['senders']}", sender_edit).status_code == 303
    extraction = get_extraction(store, doc_id)
    assert extraction is not None
    by_field = {s.field: s for s in extraction.suggestions}
    assert by_field["events"].value == {
        "type": "arrest",
        "subjects": ["Tobias Wrenfield", "Ada Holm"],
        "place": "Lantern Street",
    }
    assert by_field["senders"].value == {"name": "Ines Marlow", "kind": None}
    for bad in (
        {"action": "edit", "text:Name!": "x"},
        {"action": "edit", "json:extra": "{not json"},
        {"action": "edit", "text:name": "x" * 2100},
    ):
        response = editor.post(f"/review/{sid['addressees']}", bad)
        assert response.status_code == 400, bad
    assert {s.field: s for s in get_extraction(store, doc_id).suggestions}[  # type: ignore[union-attr]
        "addressees"
    ].review_state == "suggested"
