"""Party pages in-process: viewers read, editors merge, split, accept and reject; bad input
is a 400 page that changes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from vigil import cases
from vigil.accounts import Role
from vigil.store import Store

from ..cases.test_parties import add_two_letters, party_named, snapshot
from .conftest import Browser

Signed = Callable[[Role], Browser]


@pytest.fixture
def letters(store: Store) -> Store:
    return add_two_letters(store)


def suggestion_between(store: Store, a: str, b: str) -> int:
    [found] = [s.id for s in cases.review_queue(store) if {s.name_a, s.name_b} == {a, b}]
    return found


def test_list_filters_by_kind_and_spelling(letters: Store, signed_in: Signed) -> None:
    viewer = signed_in(Role.VIEWER)
    html = viewer.page("/parties")
    assert "Nordic Detention Watch" in html and "Omar Benali" in html
    assert "merge suggestions wait for review" in html
    found = viewer.post("/parties", {"kind": "person", "q": "lindq"})
    assert found.status_code == 200
    html = found.text
    assert "Ana Lindqvist" in html and "Anna Lindquist" in html
    assert "Nordic" not in html and "Omar Benali" not in html
    assert "<script>" not in html and " style=" not in html


def test_party_page_shows_names_roles_cases_and_reasons(letters: Store, signed_in: Signed) -> None:
    viewer = signed_in(Role.VIEWER)
    omar = party_named(letters, "Omar Benali")
    html = viewer.page(f"/parties/{omar}")
    assert "<td>latin</td>" in html
    assert 'href="/documents/1"' in html and 'href="/documents/2"' in html
    assert "person at risk" in html and 'href="/cases/1"' in html
    ana = party_named(letters, "Ana Lindqvist")
    html = viewer.page(f"/parties/{ana}")
    assert "Anna Lindquist" in html and "lindqvist" in html  # the suggestion and its reasons
    assert "Accept: merge" not in html and "/split" not in html  # a viewer gets no buttons


def test_viewer_can_read_but_not_change(letters: Store, signed_in: Signed) -> None:
    viewer = signed_in(Role.VIEWER)
    ana, anna = party_named(letters, "Ana Lindqvist"), party_named(letters, "Anna Lindquist")
    sid = suggestion_between(letters, "Ana Lindqvist", "Anna Lindquist")
    mention = cases.show_party(letters, ana).mentions[0].id
    viewer.page(f"/parties/{ana}")
    before = snapshot(letters)
    for url, data in [
        (f"/parties/{ana}/merge", {"other": str(anna)}),
        (f"/parties/{ana}/split", {"mention": str(mention)}),
        (f"/parties/merge-suggestions/{sid}/accept", {}),
        (f"/parties/merge-suggestions/{sid}/reject", {}),
    ]:
        response = viewer.post(url, data)
        assert response.status_code == 403, url
    assert snapshot(letters) == before


def test_editor_accepts_and_rejects_suggestions(letters: Store, signed_in: Signed) -> None:
    editor = signed_in(Role.EDITOR)
    ana, anna = party_named(letters, "Ana Lindqvist"), party_named(letters, "Anna Lindquist")
    html = editor.page(f"/parties/{anna}")
    assert "Accept: merge" in html
    sid = suggestion_between(letters, "Ana Lindqvist", "Anna Lindquist")
    response = editor.post(f"/parties/merge-suggestions/{sid}/accept")
    assert (response.status_code, response.headers["location"]) == (
        303,
        f"/parties/{ana}?done=accepted",
    )
    assert cases.show_party(letters, anna).party.merged_into == ana
    assert "now this one" in editor.page(response.headers["location"])
    watch = party_named(letters, "Nordic Watch")
    sid = suggestion_between(letters, "Nordic Detention Watch", "Nordic Watch")
    response = editor.post(f"/parties/merge-suggestions/{sid}/reject", {"back": str(watch)})
    assert response.headers["location"] == f"/parties/{watch}?done=rejected"
    assert cases.review_queue(letters) == [] and cases.suggest_merges(letters) == []
    with letters.engine.connect() as conn:
        from sqlalchemy import select

        from vigil.store.tables import changes

        actors = set(conn.scalars(select(changes.c.actor).where(changes.c.action == "reject")))
    assert actors == {f"user:{editor_id(letters)}"}


def editor_id(store: Store) -> int:
    from vigil.accounts import list_users

    return next(u.id for u in list_users(store) if u.name == "editor")


def test_editor_merges_then_splits_back(letters: Store, signed_in: Signed) -> None:
    editor = signed_in(Role.EDITOR)
    watch, nordic = (
        party_named(letters, "Nordic Detention Watch"),
        party_named(letters, "Nordic Watch"),
    )
    counts = {p.id: p.mentions for p in cases.list_parties(letters)}
    editor.page(f"/parties/{watch}")
    response = editor.post(f"/parties/{watch}/merge", {"other": f"#{nordic}"})
    assert (response.status_code, response.headers["location"]) == (
        303,
        f"/parties/{watch}?done=merged",
    )
    html = editor.page(response.headers["location"])
    assert "Merged into this party" in html and f'href="/parties/{nordic}"' in html
    moved = [m.id for m in cases.show_party(letters, watch).mentions if m.merged_from == nordic]
    assert len(moved) == counts[nordic]
    response = editor.client.post(
        f"/parties/{watch}/split",
        data={"csrf": editor.csrf, "mention": [str(m) for m in moved]},
        headers={"origin": "https://testserver"},
    )
    assert response.status_code == 303
    new_id = int(response.headers["location"].split("/")[-1].split("?")[0])
    after = {p.id: p.mentions for p in cases.list_parties(letters)}
    assert after[watch] == counts[watch] and after[new_id] == counts[nordic]
    assert "made from the mentions you chose" in editor.page(response.headers["location"])


BAD = [
    ("merge-not-a-number", "merge", {"other": "twelve"}, "as a number"),
    ("merge-itself", "merge", {"other": "{ana}"}, "into itself"),
    ("merge-unknown", "merge", {"other": "999"}, "no record with that id"),
    ("merge-other-kind", "merge", {"other": "{watch}"}, "different kinds"),
    ("split-nothing", "split", {}, "at least one mention"),
    ("split-not-a-number", "split", {"mention": "x"}, "a mention id is a number"),
    ("split-foreign", "split", {"mention": "{foreign}"}, "not mentions of party"),
    ("split-all", "split", {"mention": "{own}"}, "at least one mention"),
    ("accept-unknown", "accept", {}, "no record with that id"),
]


@pytest.mark.parametrize(
    ("action", "data", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_input_is_a_400_page_that_changes_nothing(
    letters: Store, signed_in: Signed, action: str, data: dict[str, str], message: str
) -> None:
    editor = signed_in(Role.EDITOR)
    ana = party_named(letters, "Ana Lindqvist")
    ids = {
        "ana": ana,
        "watch": party_named(letters, "Nordic Detention Watch"),
        "foreign": cases.show_party(letters, party_named(letters, "Omar Benali")).mentions[0].id,
        "own": cases.show_party(letters, ana).mentions[0].id,
    }
    editor.page(f"/parties/{ana}")
    before = snapshot(letters)
    url = (
        "/parties/merge-suggestions/999/accept"
        if action == "accept"
        else f"/parties/{ana}/{action}"
    )
    response = editor.post(url, {k: v.format(**ids) for k, v in data.items()})
    # An unknown id is a 404 page (the app's UnknownRecord handler), the rest a 400.
    assert response.status_code == (404 if "no record" in message else 400), response.text
    assert message in response.text
    assert snapshot(letters) == before


def test_an_unknown_party_is_not_found(letters: Store, signed_in: Signed) -> None:
    response = signed_in(Role.VIEWER).get("/parties/424242")
    assert response.status_code == 404 and "no record with that id" in response.text
    assert signed_in(Role.VIEWER).get("/parties/0").status_code == 400


def test_editor_renames_rekinds_and_dismisses_a_party(letters: Store, signed_in: Signed) -> None:
    editor = signed_in(Role.EDITOR)
    watch = party_named(letters, "Nordic Watch")
    editor.page(f"/parties/{watch}")
    response = editor.post(
        f"/parties/{watch}/edit", {"name": "Nordic Watch Network", "kind": "group", "dismiss": "1"}
    )
    assert (response.status_code, response.headers["location"]) == (
        303,
        f"/parties/{watch}?done=edited",
    )
    view = cases.show_party(letters, watch)
    assert (view.party.name, view.party.kind, view.party.review_state) == (
        "Nordic Watch Network",
        "group",
        "rejected",
    )
    assert "Nordic Watch" in {n.name for n in view.names}


def test_a_name_is_searched_by_post_and_never_put_in_an_address(
    letters: Store, signed_in: Signed
) -> None:
    viewer = signed_in(Role.VIEWER)
    html = viewer.page("/parties?q=lindq")  # a name in the address is ignored
    assert "Nordic Detention Watch" in html and 'value="lindq"' not in html
    assert 'method="post" action="/parties"' in html and 'autocomplete="off"' in html
    found = viewer.post("/parties", {"q": "lindq", "sort_to": "name:desc"}).text
    names = [n for n in ("Anna Lindquist", "Ana Lindqvist") if n in found]
    assert names == ["Anna Lindquist", "Ana Lindqvist"]
    assert found.index("Anna Lindquist") < found.index("Ana Lindqvist")  # name, descending
    assert 'value="lindq"' in found and "Nordic" not in found
    assert "lindq" not in "".join(re.findall(r'href="([^"]*)"', found))  # no link carries it
    assert 'name="order" value="desc"' in found  # the next page keeps the sort


@pytest.mark.parametrize(
    "fields",
    [{"sort": "name DESC"}, {"order": "sideways"}, {"page": "0"}, {"page": "x"},
     {"sort_to": "kind"}, {"q": "x" * 201}],
)  # fmt: skip
def test_a_malformed_party_search_is_a_400(
    fields: dict[str, str], letters: Store, signed_in: Signed
) -> None:
    viewer = signed_in(Role.VIEWER)
    viewer.page("/parties")
    assert viewer.post("/parties", fields).status_code == 400


def test_the_dashboard_search_box_posts(letters: Store, signed_in: Signed) -> None:
    viewer = signed_in(Role.VIEWER)
    html = viewer.page("/")
    box = html[html.index('class="search-box"') - 6 :]
    box = box[: box.index("</form>")]
    assert 'method="post" action="/search"' in box and 'name="csrf"' in box
    assert 'autocomplete="off"' in box
    found = viewer.post("/search", {"q": "Benali"})
    assert found.status_code == 200 and "Omar Benali" in found.text
