"""Re-authentication before exports: every download asks a signed-in user for their password
(and code) again, once per `confirm_window_s`; nothing leaves, and no export is recorded,
before that. The owner of a personal store is not asked."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

import pyotp
import pytest
from fastapi.testclient import TestClient

from vigil import cases
from vigil.accounts import Role
from vigil.auditing import EntryFilter, audit_entries
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import create_app

from .conftest import ORIGIN, PASSWORDS, Browser, add_document
from .test_second_factor import enrol

DOWNLOADS = [
    "/cases.csv",
    "/parties.csv",
    "/interventions.csv",
    "/interventions.csv?unanswered=true",
    "/interventions.csv?unanswered=true&overdue=true",
    "/documents/{doc}/original",
]


def _exports(store: Store) -> int:
    return len(audit_entries(store, EntryFilter(action="export", limit=1000)))


@pytest.mark.parametrize("path", DOWNLOADS)
def test_a_download_asks_for_the_password_first_and_returns_to_itself(
    path: str, store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    url = path.format(doc=add_document(store, "A letter about Canary Person."))
    viewer = signed_in(Role.VIEWER)
    before = _exports(store)
    asked = viewer.get(url)
    assert asked.status_code == 303
    assert asked.headers["location"] == "/account/confirm?" + urlencode({"next": url})
    assert b"Canary" not in asked.content
    assert _exports(store) == before  # nothing left, nothing recorded
    page = viewer.page(asked.headers["location"])
    assert f'name="next" value="{url.replace("&", "&amp;")}"' in page
    wrong = viewer.post("/account/confirm", {"current": "not the password", "next": url})
    assert wrong.status_code == 401
    assert viewer.get(url).status_code == 303  # still asks
    assert viewer.confirm(PASSWORDS[Role.VIEWER], then=url).headers["location"] == url
    response = viewer.get(url)
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment")


def test_a_dossier_asks_and_is_recorded_once_after(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    case_id = cases.new_case(store, "A case")
    viewer = signed_in(Role.VIEWER)
    url = f"/cases/{case_id}/dossier.pdf"
    before = _exports(store)
    assert viewer.get(url).headers["location"] == "/account/confirm?" + urlencode({"next": url})
    assert _exports(store) == before
    viewer.confirm(PASSWORDS[Role.VIEWER], then=url)
    assert viewer.get(url).status_code == 200
    assert _exports(store) == before + 1


def test_the_confirmation_lasts_the_window_then_asks_again(
    settings: Settings, store: Store, accounts: dict[Role, str]
) -> None:
    app = create_app(settings.with_(confirm_window_s=1.0), store)
    with TestClient(app, base_url=ORIGIN, follow_redirects=False) as client:
        viewer = Browser(client)
        assert viewer.sign_in("viewer", PASSWORDS[Role.VIEWER]).status_code == 303
        viewer.confirm(PASSWORDS[Role.VIEWER], then="/cases.csv")
        assert viewer.get("/cases.csv").status_code == 200
        time.sleep(1.1)
        assert viewer.get("/cases.csv").headers["location"].startswith("/account/confirm?")


def test_the_confirmation_is_per_session(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    first, second = signed_in(Role.VIEWER), signed_in(Role.VIEWER)
    first.confirm(PASSWORDS[Role.VIEWER], then="/cases.csv")
    assert first.get("/cases.csv").status_code == 200
    assert second.get("/cases.csv").status_code == 303


def test_a_user_with_a_second_factor_gives_the_code_too(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    editor = signed_in(Role.EDITOR)
    seed, _ = enrol(editor)
    editor.page("/account/confirm?next=/parties.csv")
    alone = editor.post(
        "/account/confirm", {"current": PASSWORDS[Role.EDITOR], "next": "/parties.csv"}
    )
    assert alone.status_code == 401
    assert editor.get("/parties.csv").status_code == 303
    later = pyotp.TOTP(seed).at(time.time() + 30)  # the enrolment used the current one
    editor.confirm(PASSWORDS[Role.EDITOR], later, then="/parties.csv")
    assert editor.get("/parties.csv").status_code == 200


def test_the_owner_of_a_personal_store_is_not_asked(owner: Browser, store: Store) -> None:
    doc = add_document(store)
    for url in ("/cases.csv", "/parties.csv", "/interventions.csv", f"/documents/{doc}/original"):
        assert owner.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "target",
    ["https://elsewhere.example/", "//elsewhere.example", "/cases.csv/../x",
     "/interventions.csv?unanswered=true&next=//x", "/cases/1/letter"],
)  # fmt: skip
def test_the_confirmation_returns_only_to_pages_that_ask(
    target: str, signed_in: Callable[[Role], Browser]
) -> None:
    viewer = signed_in(Role.VIEWER)
    viewer.page("/account/confirm?" + urlencode({"next": target}))
    sent = viewer.post("/account/confirm", {"current": PASSWORDS[Role.VIEWER], "next": target})
    assert sent.headers["location"] == "/"
