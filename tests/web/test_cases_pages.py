"""Case and intervention pages: viewers read, editors change through the case-file
functions (with the session's actor in the change log), bad input changes nothing.

The store holds one fictional letter with a hand-made extraction (no NLP).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from vigil import cases
from vigil.accounts import Role, list_users
from vigil.model import ParsedDocument
from vigil.store import Store, tables
from vigil.store.suggestions import save_extraction

from ..cases.conftest import LETTER, letter_record
from .conftest import Browser, add_document, finished_job


@dataclass(frozen=True)
class Casework:
    document: int
    case: int
    letter: int
    """The intervention the letter itself is (dated 2024-05-12)."""
    prior: int
    """The earlier, undated letter the text mentions."""
    at_risk: int
    """The party id of the person at risk."""


def _extracted_letter(store: Store) -> int:
    parsed = ParsedDocument(format="txt", text=LETTER, full_text=LETTER, title="Appeal")
    doc_id = store.add_document(parsed, LETTER.encode(), locator="appeal.txt")
    save_extraction(store, doc_id, letter_record())
    return doc_id


@pytest.fixture
def casework(store: Store) -> Casework:
    return build_casework(store)


def build_casework(store: Store) -> Casework:
    """The letter stored, its case file built and its case suggested."""
    doc_id = _extracted_letter(store)
    cases.build_from_extractions(store)
    (case_id,) = cases.suggest_cases(store)
    by_key = {i.key: i for i in cases.list_interventions(store)}
    (member,) = cases.list_cases(store)[0].members
    return Casework(
        doc_id, case_id, by_key["letter"].id, by_key["prior_interventions[0]"].id, member.party_id
    )


def snapshot(store: Store) -> tuple[Any, ...]:
    """Everything the pages may change, to show that a refused request changed nothing."""
    with store.engine.connect() as conn:
        changes = conn.scalar(select(func.count()).select_from(tables.changes))
    return (
        cases.list_cases(store),
        cases.list_interventions(store),
        [d.id for d in store.documents()],
        changes,
    )


def changes_since(store: Store, after: int) -> list[tuple[str, str, str, int | None]]:
    c = tables.changes.c
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(c.actor, c.action, c.entity, c.entity_id).where(c.id > after).order_by(c.id)
        )
        return [(r.actor, r.action, r.entity, r.entity_id) for r in rows]


def last_change(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.max(tables.changes.c.id))) or 0)


def actor_of(store: Store, name: str) -> str:
    return next(f"user:{u.id}" for u in list_users(store) if u.name == name)


def rate_of(html: str, authority: str) -> str:
    found = re.search(re.escape(authority) + r": (\d+ letters?, \d+ responses?)", html)
    assert found, f"no response rate for {authority}"
    return found.group(1)


def test_viewer_reads_the_case_and_the_tracker(
    casework: Casework, signed_in: Callable[[Role], Browser]
) -> None:
    viewer = signed_in(Role.VIEWER)
    listing = viewer.page("/cases")
    assert "Omar Benali" in listing and f'href="/cases/{casework.case}"' in listing
    assert "Suggest cases" not in listing  # editors only

    page = viewer.page(f"/cases/{casework.case}")
    # the timeline: the dated arrest and letter by date, the undated earlier letter after them
    timeline = page[page.index('class="timeline"') : page.index('id="parties-h"')]
    order = [timeline.index(s) for s in ("2024-04-02", "2024-05-12", "undated")]
    assert order == sorted(order)
    assert "(day)" in timeline
    assert "Alleged by Clara Jensen" in page
    assert "<td>at risk, subject, on behalf of</td>" in page  # one row per party, its roles
    assert "arrested by the police in Malmo" in page
    assert f'href="/documents/{casework.document}"' in page
    assert "Appeal" in page  # the document's title
    network = page.split('id="case-network"')[1].split("</section>")[0]
    assert 'id="case-graph-view"' in network and "<svg" in network  # drawn on the server
    assert "<script" not in network
    assert "the police" in page and "alleged actor against" in page
    assert "Change this case" not in page

    tracker = viewer.page("/interventions")
    assert rate_of(tracker, "Ana Lindqvist") == "1 letter, 0 responses"
    assert rate_of(tracker, "Minister of Justice") == "1 letter, 0 responses"
    one = viewer.page(f"/interventions/{casework.letter}")
    assert "Ana Lindqvist" in one and "Release" in one and "Status history" in one
    assert "Record response" not in one


def test_viewer_cannot_change_a_case_or_an_intervention(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    viewer = signed_in(Role.VIEWER)
    viewer.page(f"/cases/{casework.case}")
    before = snapshot(store)
    attempts = [
        ("/cases", {"name": "A case by a viewer"}),
        ("/cases/suggest", {}),
        (f"/cases/{casework.case}/add", {"document": str(casework.document)}),
        (f"/cases/{casework.case}/close", {}),
        (f"/cases/{casework.case}/merge", {"other": str(casework.case)}),
        (f"/interventions/{casework.letter}/status", {"status": "answered"}),
        (f"/interventions/{casework.letter}/respond", {"date": "2024-06-01", "type": "answer"}),
    ]
    for url, data in attempts:
        response = viewer.post(url, data)
        assert response.status_code == 403, url
    assert snapshot(store) == before


def test_editor_opens_grows_and_closes_a_case(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    actor = actor_of(store, "editor")
    editor.page("/cases")
    start = last_change(store)
    response = editor.post("/cases", {"name": "  Family of a detainee  "})
    assert response.status_code == 303
    new_id = int(response.headers["location"].rsplit("/", 1)[1])
    assert [c.name for c in cases.list_cases(store) if c.id == new_id] == ["Family of a detainee"]

    editor.page(f"/cases/{new_id}")
    added = editor.post(f"/cases/{new_id}/add", {"party": str(casework.at_risk)})
    assert added.headers["location"] == f"/cases/{new_id}?added=1"
    again = editor.post(f"/cases/{new_id}/add", {"party": str(casework.at_risk)})
    assert again.headers["location"] == f"/cases/{new_id}?added=0"
    assert (
        editor.post(f"/cases/{new_id}/add", {"document": str(casework.document)}).status_code == 303
    )
    page = editor.page(f"/cases/{new_id}")
    assert "Omar Benali" in page and "arrested by the police in Malmo" in page

    assert editor.post(f"/cases/{new_id}/merge", {"other": str(casework.case)}).status_code == 303
    assert editor.post(f"/cases/{new_id}/close", {}).status_code == 303
    status = {c.id: c.status for c in cases.list_cases(store)}
    assert status == {casework.case: "merged", new_id: "closed"}
    assert "Change this case" not in editor.page(f"/cases/{casework.case}")  # merged: read only

    assert changes_since(store, start) == [
        (actor, "create", "case", new_id),
        (actor, "add_party", "case", new_id),
        (actor, "add_document", "case", new_id),
        (actor, "merge", "case", new_id),
        (actor, "close", "case", new_id),
    ]


def test_suggest_button_builds_and_suggests_like_the_cli(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    _extracted_letter(store)
    editor = signed_in(Role.EDITOR)
    assert "Suggest cases" in editor.page("/cases")
    done = finished_job(editor, editor.post("/cases/suggest", {}))  # a background job
    assert 'href="/cases?suggested=1"' in done
    assert [c.name for c in cases.list_cases(store)] == ["Omar Benali"]
    assert len(cases.list_interventions(store)) == 2
    again = finished_job(editor, editor.post("/cases/suggest", {}))
    assert 'href="/cases?suggested=0"' in again
    assert "0 cases suggested" in editor.page("/cases?suggested=0")
    actor = actor_of(store, "editor")
    assert (actor, "create", "case", 1) in changes_since(store, 0)


def test_editor_marks_a_status_and_records_responses(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    actor = actor_of(store, "editor")
    editor.page(f"/interventions/{casework.letter}")
    start = last_change(store)
    marked = editor.post(f"/interventions/{casework.letter}/status", {"status": "acknowledged"})
    assert marked.status_code == 303
    assert cases.get_intervention(store, casework.letter).status == "acknowledged"
    history = cases.intervention_detail(store, casework.letter).history
    assert [(h.status, h.actor, h.source) for h in history][-1] == ("acknowledged", actor, "hand")
    assert rate_of(editor.page("/interventions"), "Ana Lindqvist") == "1 letter, 0 responses"

    editor.page(f"/interventions/{casework.letter}")
    parties = cases.get_intervention(store, casework.letter).parties
    addressee = next(p.party_id for p in parties if p.role == "addressee")
    for day in ("2024-06-01", "2024-06-20"):  # two answers to one letter: still one letter
        response = editor.post(
            f"/interventions/{casework.letter}/respond",
            {
                "date": day,
                "type": "answer",
                "summary": "The file is under review.",
                "from": str(addressee),
                "document": str(casework.document),
            },
        )
        assert response.status_code == 303, response.text
    item = cases.get_intervention(store, casework.letter)
    assert item.status == "answered"
    assert [(r.date, r.type, r.document_id) for r in item.responses] == [
        ("2024-06-01", "answer", casework.document),
        ("2024-06-20", "answer", casework.document),
    ]
    page = editor.page(f"/interventions/{casework.letter}")
    assert "The file is under review." in page
    assert f'from <a href="/parties/{addressee}">Ana Lindqvist</a>' in page
    assert "by editor" in page  # the status history names who, not the raw actor id
    tracker = editor.page("/interventions")
    assert rate_of(tracker, "Ana Lindqvist") == "1 letter, 1 response"
    assert rate_of(tracker, "Minister of Justice") == "1 letter, 0 responses"
    assert changes_since(store, start) == [
        (actor, "status", "intervention", casework.letter),
        (actor, "respond", "intervention", casework.letter),
        (actor, "respond", "intervention", casework.letter),
    ]


def test_tracker_filters_and_sorts(
    casework: Casework, signed_in: Callable[[Role], Browser]
) -> None:
    viewer = signed_in(Role.VIEWER)

    def ids(query: str) -> list[int]:
        html = viewer.page("/interventions" + query)
        body = html[html.index('class="tracker"') :]
        row_link = r'<td class="date"><a href="/interventions/(\d+)">'
        return [int(i) for i in re.findall(row_link, body)]

    both = sorted([casework.letter, casework.prior])
    assert sorted(ids("")) == both
    assert ids("?status=no_response") == [casework.prior]
    assert ids("?status=sent") == [casework.letter]
    assert ids("?authority=justice") == [casework.prior]
    assert ids("?authority=LINDQVIST") == [casework.letter]
    assert ids("?authority=nobody+at+all") == []
    assert ids("?overdue=true") == [casework.letter]  # due 2024-06-11, no answer
    assert sorted(ids("?unanswered=true")) == both
    assert ids("?sort=authority") == [casework.letter, casework.prior]  # Ana before Minister
    assert ids("?sort=due") == [casework.letter, casework.prior]  # undated last
    html = viewer.page("/interventions?authority=justice")
    assert "Minister of Justice: 1 letter" in html and "Ana Lindqvist:" not in html
    form = viewer.page("/interventions")
    form = form[form.index('class="card tracker-filters"') :]
    form = form[: form.index("</form>")]
    assert 'name="authority"' not in form  # no box a name is typed into: a list of ids
    ana = re.search(r'<option value="(\d+)">Ana Lindqvist</option>', form)
    assert ana and ids(f"?addressee={ana.group(1)}") == [casework.letter]
    assert viewer.get("/interventions?addressee=Lindqvist").status_code == 400


@pytest.mark.parametrize(
    ("method", "url", "data", "status"),
    [
        ("GET", "/cases/424242", None, 404),
        ("GET", "/interventions/424242", None, 404),
        ("GET", "/interventions?status=lost", None, 400),
        ("GET", "/interventions?sort=colour", None, 400),
        ("GET", "/cases/0", None, 400),
        ("POST", "/cases", {"name": "   "}, 400),
        ("POST", "/cases/424242/add", {"party": "{at_risk}"}, 404),
        ("POST", "/cases/{case}/add", {"party": "424242"}, 404),
        ("POST", "/cases/{case}/add", {"document": "424242"}, 404),
        ("POST", "/cases/{case}/add", {"party": "x1"}, 400),
        ("POST", "/cases/{case}/add", {}, 400),
        ("POST", "/cases/{case}/add", {"party": "{at_risk}", "document": "{document}"}, 400),
        ("POST", "/cases/{case}/merge", {"other": "{case}"}, 400),
        ("POST", "/cases/{case}/merge", {"other": "424242"}, 404),
        ("POST", "/cases/424242/close", {}, 404),
        ("POST", "/interventions/{letter}/status", {"status": "lost"}, 400),
        ("POST", "/interventions/424242/status", {"status": "sent"}, 404),
        ("POST", "/interventions/{letter}/respond", {"date": "2024-05-01", "type": "answer"}, 400),
        ("POST", "/interventions/{letter}/respond", {"date": "1 June 2024", "type": "answer"}, 400),
        ("POST", "/interventions/{letter}/respond", {"date": "2024-06-31", "type": "answer"}, 400),
        ("POST", "/interventions/{letter}/respond", {"date": "2024-06-01", "type": "shrug"}, 400),
        ("POST", "/interventions/{letter}/respond", {"date": "2024-06-01", "type": "answer",
                                                     "document": "424242"}, 404),
        ("POST", "/interventions/{letter}/respond", {"date": "2024-06-01", "type": "answer",
                                                     "from": "424242"}, 404),
        ("POST", "/interventions/424242/respond", {"date": "2024-06-01", "type": "answer"}, 404),
    ],
)  # fmt: skip
def test_bad_input_is_refused_and_changes_nothing(
    method: str,
    url: str,
    data: dict[str, str] | None,
    status: int,
    casework: Casework,
    store: Store,
    signed_in: Callable[[Role], Browser],
) -> None:
    editor = signed_in(Role.EDITOR)
    ids = vars(casework)
    before = snapshot(store)
    if method == "GET":
        response = editor.get(url.format_map(ids))
    else:
        fields = {k: v.format_map(ids) for k, v in (data or {}).items()}
        response = editor.post(url.format_map(ids), fields)
    assert response.status_code == status, response.text
    assert "<h1>" in response.text  # an error page, with its message
    assert snapshot(store) == before


def test_response_with_an_uploaded_file_stores_it_once_valid(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page(f"/interventions/{casework.letter}")
    reply = ("reply.txt", b"The ministry acknowledges receipt of your letter.", "text/plain")
    before = snapshot(store)
    refused = editor.post(
        f"/interventions/{casework.letter}/respond",
        {"date": "2024-01-01", "type": "acknowledgement"},
        files={"files": reply},
    )
    assert refused.status_code == 400
    assert snapshot(store) == before  # the file was not stored either

    both = editor.post(
        f"/interventions/{casework.letter}/respond",
        {"date": "2024-06-01", "type": "acknowledgement", "document": str(casework.document)},
        files={"files": reply},
    )
    assert both.status_code == 400
    assert snapshot(store) == before

    stored = editor.post(
        f"/interventions/{casework.letter}/respond",
        {"date": "2024-06-01", "type": "acknowledgement"},
        files={"files": reply},
    )
    assert stored.status_code == 303, stored.text
    (new_doc,) = [d.id for d in store.documents() if d.id != casework.document]
    (response,) = cases.get_intervention(store, casework.letter).responses
    assert (response.document_id, response.type) == (new_doc, "acknowledgement")
    assert cases.get_intervention(store, casework.letter).status == "acknowledged"


def test_owner_records_as_owner(casework: Casework, store: Store, owner: Browser) -> None:
    """Personal mode: the change log says `owner`, like the CLI says `local`."""
    owner.page(f"/interventions/{casework.letter}")
    start = last_change(store)
    assert (
        owner.post(f"/interventions/{casework.letter}/status", {"status": "sent"}).status_code
        == 303
    )
    assert changes_since(store, start) == [("owner", "status", "intervention", casework.letter)]


def test_a_case_without_connections_says_so(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    case_id = cases.new_case(store, "An empty case")
    cases.add_to_case(store, case_id, document_id=add_document(store))
    page = signed_in(Role.VIEWER).page(f"/cases/{case_id}")
    assert "No connections yet" in page and 'id="case-graph-view"' not in page
    assert "No events yet." in page and "No interventions yet." in page


def test_a_response_letter_is_not_an_intervention_of_its_own(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    """The reply is extracted (it can be read and reviewed) but answers the letter."""
    editor = signed_in(Role.EDITOR)
    editor.page(f"/interventions/{casework.letter}")
    reply = (
        "12 June 2024\n\nMs. Clara Jensen\nDirector, Nordic Detention Watch\n\n"
        "Dear Ms. Jensen,\n\nWe acknowledge receipt of your letter about Mr. Omar Benali. "
        "The matter is under examination by the competent services.\n\n"
        "Yours sincerely,\n\nAna Lindqvist\nMinister of the Interior\n"
    )
    before = {i.id for i in cases.list_interventions(store)}
    stored = editor.post(
        f"/interventions/{casework.letter}/respond",
        {"date": "2024-06-12", "type": "acknowledgement"},
        files={"files": ("reply.txt", reply.encode(), "text/plain")},
    )
    assert stored.status_code == 303, stored.text
    (response,) = cases.get_intervention(store, casework.letter).responses
    assert response.document_id is not None
    assert store.get(response.document_id).state == "extracted"
    cases.build_from_extractions(store)  # a later build does not make one either
    assert {i.id for i in cases.list_interventions(store)} == before


def test_editor_dismisses_a_case_and_corrects_a_letter_date(
    casework: Casework, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.page(f"/interventions/{casework.letter}")
    dated = editor.post(f"/interventions/{casework.letter}/date", {"date": "2023-02-01"})
    assert dated.status_code == 303
    item = cases.get_intervention(store, casework.letter)
    assert (item.date, item.date_is_recorded) == ("2023-02-01", False)
    editor.page(f"/cases/{casework.case}")
    dismissed = editor.post(f"/cases/{casework.case}/dismiss", {})
    assert dismissed.status_code == 303
    assert casework.case not in {c.id for c in cases.list_cases(store)}
    assert cases.suggest_cases(store) == []
