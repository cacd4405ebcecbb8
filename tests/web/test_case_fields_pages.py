"""Case fields on the web: editors change them (CSRF checked, logged with their actor),
viewers read them; the cases list filters and sorts by them."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import select

from vigil import cases
from vigil.accounts import Role, list_users
from vigil.store import Store, tables

from .conftest import Browser

FIELDS = {
    "country": "FR",
    "situation": "detained",
    "detention_place": "Invented Remand Centre",
    "charges": "an invented charge",
    "lawyer": "Mx Counsel",
    "tags": "urgent, journalist",
    "notes": "Family visited.",
    "assignee": "",
}


def _entries(store: Store, case_id: int) -> list[tuple[str, str]]:
    c = tables.changes.c
    with store.engine.connect() as conn:
        return [
            (r.actor, r.action)
            for r in conn.execute(
                select(c.actor, c.action).where(c.entity == "case", c.entity_id == case_id)
            )
        ]


def test_an_editor_sets_the_fields_and_the_change_log_names_them(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    case_id = cases.new_case(store, "Case of Ana Example")
    editor = signed_in(Role.EDITOR)
    page = editor.page(f"/cases/{case_id}")
    assert f'action="/cases/{case_id}/fields"' in page
    editor_id = {u.name: u.id for u in list_users(store)}["editor"]
    response = editor.post(f"/cases/{case_id}/fields", {**FIELDS, "assignee": str(editor_id)})
    assert response.status_code == 303
    assert response.headers["location"] == f"/cases/{case_id}?saved=8#fields-h"
    f = cases.list_cases(store)[0].fields
    assert (f.country, f.situation, f.tags, f.assignee) == (
        "FR",
        "detained",
        ("urgent", "journalist"),
        editor_id,
    )
    assert _entries(store, case_id)[-1] == (f"user:{editor_id}", "set_fields")
    shown = editor.page(f"/cases/{case_id}?saved=8")
    for text in ("France", "Detained", "Invented Remand Centre", "Family visited.", "journalist"):
        assert text in shown


def test_a_viewer_reads_the_fields_but_cannot_change_them(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    case_id = cases.new_case(store, "A case")
    cases.set_fields(store, case_id, {"situation": "missing"})
    viewer = signed_in(Role.VIEWER)
    page = viewer.page(f"/cases/{case_id}")
    assert "Missing" in page and "/fields" not in page
    before = _entries(store, case_id)
    response = viewer.post(f"/cases/{case_id}/fields", {"situation": "released"})
    assert response.status_code == 403
    assert cases.list_cases(store)[0].fields.situation == "missing"
    assert _entries(store, case_id) == before


def test_without_the_csrf_token_nothing_changes(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    case_id = cases.new_case(store, "A case")
    editor = signed_in(Role.EDITOR)
    editor.page(f"/cases/{case_id}")
    response = editor.post(f"/cases/{case_id}/fields", FIELDS, csrf="forged")
    assert response.status_code == 403
    assert cases.list_cases(store)[0].fields.situation is None


def test_a_bad_value_is_a_clear_400(store: Store, signed_in: Callable[[Role], Browser]) -> None:
    case_id = cases.new_case(store, "A case")
    editor = signed_in(Role.EDITOR)
    editor.page(f"/cases/{case_id}")
    response = editor.post(f"/cases/{case_id}/fields", {**FIELDS, "situation": "jailed"})
    assert response.status_code == 400
    assert "unknown situation" in response.text
    assert cases.list_cases(store)[0].fields.situation is None


def _row_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<a href="/cases/(\d+)">', html)]


def test_the_cases_list_filters_and_sorts_by_the_fields(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    a = cases.new_case(store, "Beta")
    b = cases.new_case(store, "Alpha")
    c = cases.new_case(store, "Gamma")
    cases.set_fields(store, a, {"country": "TR", "situation": "detained", "tags": "urgent"})
    cases.set_fields(store, b, {"country": "FR", "situation": "missing"})
    cases.set_fields(store, c, {"country": "TR", "situation": "detained"})
    viewer = signed_in(Role.VIEWER)
    assert _row_ids(viewer.page("/cases?situation=detained")) == [a, c]
    assert _row_ids(viewer.page("/cases?country=FR")) == [b]
    assert _row_ids(viewer.page("/cases?tag=urgent")) == [a]
    assert _row_ids(viewer.page("/cases?sort=name")) == [b, a, c]
    assert _row_ids(viewer.page("/cases?sort=name&desc=1")) == [c, a, b]
    page = viewer.page("/cases?situation=detained")
    assert "2 of 3 cases shown." in page
