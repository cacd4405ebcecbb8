"""Per-case access through the web: every route, by role, on someone else's restricted case.

Every GET route of the app must be classified here (`GET_ROUTES`), so a new page fails
`test_every_get_route_is_classified` until someone says how it is checked. A viewer or
editor not granted the restricted case gets 404 for its records by id (the same answer
as for an id that does not exist), and no page, list, search, facet, picker or export
they can reach holds one of its canary words; a grant shows the case, a revoke hides it
again; admins see it all along.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from vigil.accounts import Role, add_user, get_user
from vigil.auditing import EntryFilter, audit_entries
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.access import grant_case, grant_case_to_group, revoke_case
from vigil.store.groups import add_member, create_group, delete_group, remove_member

from ..restricted import CANARIES, World, build_world
from .conftest import PASSWORDS, Browser, BrowserFactory
from .test_authorisation import ROUTES, app_routes

ROUTES_DIR = Path(__file__).parents[2] / "src" / "vigil" / "web" / "routes"
UNSCOPED_MODULES = {"access.py", "language.py"}
"""Route modules that use the store before anyone is signed in (unlock, sign-in, the
language switch); they read sessions and accounts, never case content."""

UNSCOPED_USE = r"require_store\(|\bws\.store\b|workspace\(request\)\.store"
Ids = Callable[[World], list[str]]


def _by_id(template: str, attribute: str) -> Ids:
    def urls(world: World) -> list[str]:
        value = getattr(world, attribute)
        return [template.format(v) for v in (value if isinstance(value, list) else [value])]

    return urls


def _fixed(*urls: str) -> Ids:
    return lambda _world: list(urls)


HIDDEN_BY_ID: dict[str, Ids] = {
    "/documents/{doc_id}": _by_id("/documents/{}", "secret_document"),
    "/documents/{doc_id}/original": _by_id("/documents/{}/original", "secret_document"),
    "/documents/{doc_id}/delete": _by_id("/documents/{}/delete", "secret_document"),
    "/cases/{case_id}": _by_id("/cases/{}", "secret_case"),
    "/cases/{case_id}/dossier.pdf": _by_id("/cases/{}/dossier.pdf", "secret_case"),
    "/interventions/{intervention_id}": _by_id("/interventions/{}", "secret_interventions"),
    "/parties/{party_id}": _by_id("/parties/{}", "secret_parties"),
}
"""GET routes naming one record: the restricted case's records answer 404."""

LISTS: dict[str, Ids] = {
    "/": _fixed("/"),
    "/search": _fixed("/search"),
    "/documents": _fixed("/documents", "/documents?sort=title&order=desc"),
    "/cases": _fixed("/cases", "/cases?suggested=1"),
    "/interventions": _fixed("/interventions", "/interventions?unanswered=1"),
    "/parties": _fixed("/parties", "/parties?kind=person"),
    "/review": _fixed("/review", "/review?field=persons_at_risk"),
    "/stats": _fixed("/stats"),
    "/cases.csv": _fixed("/cases.csv"),
    "/interventions.csv": _fixed("/interventions.csv"),
    "/parties.csv": _fixed("/parties.csv"),
    "/jobs": _fixed("/jobs"),
    "/jobs/{job_id}": _fixed("/jobs/1"),
    "/jobs/{job_id}/progress": _fixed("/jobs/1/progress"),
}
"""GET routes that list, count or export: no canary in what they answer."""

SEARCHES: dict[str, list[dict[str, str]]] = {
    "/parties": [{"q": "Quillfeather"}, {"q": "Lindqvist"}, {"q": "Maren", "kind": "person"}],
    "/pick/parties": [{"q": "Quill"}, {"q": "Maren"}],
    "/pick/cases": [{"q": "Ilya"}],
    "/pick/documents": [{"q": "Letter"}, {"q": "Zanzibarine"}],
}
"""POST routes that take a typed name (so it never enters an address): no canary in what
they answer."""

OPEN_RECORDS: dict[str, Ids] = {
    "/cases/{case_id}": _by_id("/cases/{}", "open_case"),
    "/documents/{doc_id}": _by_id("/documents/{}", "open_document"),
    "/parties/{party_id}": _by_id("/parties/{}", "shared_party"),
}
"""Records the user may see that sit next to the restricted case's (its addressee, the
other case): shown, without the restricted case's parts."""

NO_CASE_CONTENT = {
    "/unlock",
    "/sign-in",
    "/account/password",
    "/account/confirm",
    "/account/second-factor",
    "/upload",
    "/users",
    "/audit",
}
"""GET routes that show no case content at all (entry pages, account pages, the upload
form, the admins' user list and audit trail, which hold ids and names of users only)."""

GET_ROUTES = {*HIDDEN_BY_ID, *LISTS, *NO_CASE_CONTENT}

HIDDEN_WRITES: dict[str, tuple[str, dict[str, str]]] = {
    "/cases/{case_id}/add": ("/cases/{secret_case}/add", {"document": "{open_document}"}),
    "/cases/{case_id}/merge": ("/cases/{secret_case}/merge", {"other": "{open_case}"}),
    "/cases/{case_id}/close": ("/cases/{secret_case}/close", {}),
    "/cases/{case_id}/dismiss": ("/cases/{secret_case}/dismiss", {}),
    "/cases/{case_id}/fields": ("/cases/{secret_case}/fields", {"country": "SE"}),
    "/cases/{case_id}/letter": ("/cases/{secret_case}/letter", {"to": "{shared_party}"}),
    "/interventions/{intervention_id}/status": (
        "/interventions/{secret_intervention}/status",
        {"status": "closed"},
    ),
    "/interventions/{intervention_id}/respond": (
        "/interventions/{secret_intervention}/respond",
        {"date": "2024-06-01", "type": "acknowledgement"},
    ),
    "/interventions/{intervention_id}/date": (
        "/interventions/{secret_intervention}/date",
        {"date": "2024-05-01"},
    ),
    "/parties/{party_id}/merge": ("/parties/{secret_party}/merge", {"other": "{shared_party}"}),
    "/parties/{party_id}/split": ("/parties/{secret_party}/split", {"mention": "1"}),
    "/parties/{party_id}/edit": ("/parties/{secret_party}/edit", {"name": "Renamed"}),
    "/documents/{doc_id}/text": ("/documents/{secret_document}/text", {"text": "new text"}),
    "/cases/{case_id}/access": ("/cases/{secret_case}/access", {"action": "unrestrict"}),
    "/documents/{doc_id}/delete": ("/documents/{secret_document}/delete", {}),
    "/review/{suggestion_id}": ("/review/{secret_suggestion}", {"action": "accept"}),
    "/review/{suggestion_id}/decision": (
        "/review/{secret_suggestion}/decision",
        {"action": "accept"},
    ),
    "/review/{suggestion_id}/everywhere": (
        "/review/{secret_suggestion}/everywhere",
        {"action": "reject"},
    ),
}
"""State-changing routes naming a restricted record: an editor without access gets 404
(403 for the admins' access route, which an editor may not call on any case)."""


def _values(world: World) -> dict[str, int]:
    return {
        "secret_case": world.secret_case,
        "open_case": world.open_case,
        "secret_document": world.secret_document,
        "open_document": world.open_document,
        "secret_intervention": world.secret_interventions[0],
        "secret_party": world.secret_parties[0],
        "shared_party": world.shared_party,
        "secret_suggestion": world.secret_suggestions[0],
    }


@pytest.fixture
def world(store: Store, accounts: dict[Role, str]) -> World:
    return build_world(store)


def _leaks(response: httpx.Response, typed: str = "") -> list[str]:
    """The canaries in a response, leaving out the words the user typed (a page may show
    the query back)."""
    shown = response.text + repr(dict(response.headers))
    if typed:
        shown = shown.replace(typed, "")
    return [c for c in CANARIES if c in shown]


def _typed(url: str) -> str:
    found = re.search(r"[?&]q=([^&]*)", url)
    return found.group(1) if found else ""


def test_every_get_route_is_classified(app: FastAPI) -> None:
    gets = {path for method, path in app_routes(app) if method == "GET"}
    assert gets == GET_ROUTES
    assert {p for m, p in ROUTES if m == "GET"} == GET_ROUTES
    posts = {p for m, p in app_routes(app) if m == "POST"}
    assert {"/parties", "/pick/{kind}"} <= posts


def test_every_write_naming_a_record_is_checked(app: FastAPI) -> None:
    named = {
        path
        for method, path in app_routes(app)
        if method == "POST"
        and re.search(r"\{(case|intervention|party|doc|suggestion)_id\}", path)
        and not path.startswith("/parties/merge-suggestions/")
    }
    assert named == set(HIDDEN_WRITES)


def test_route_modules_take_the_store_only_through_the_scoped_dependency() -> None:
    offenders = [
        path.name
        for path in sorted(ROUTES_DIR.glob("*.py"))
        if path.name not in UNSCOPED_MODULES and re.search(UNSCOPED_USE, path.read_text())
    ]
    assert offenders == []


def _matrix(browser: Browser, world: World, role: Role) -> tuple[int, list[str]]:
    """Every GET route for one signed-in user without access (downloads confirmed first, so
    they answer rather than ask), the name searches sent by POST; the number of requests
    and what went wrong."""
    browser.confirm(PASSWORDS[role], then="/")
    checked, wrong = 0, []
    for path, urls in HIDDEN_BY_ID.items():
        least = ROUTES[("GET", path)]
        expected = 404 if least is None or role.allows(least) else 403
        for url in urls(world):
            response = browser.get(url)
            checked += 1
            if response.status_code != expected or _leaks(response):
                wrong.append(f"{url}: {response.status_code} {_leaks(response)}")
    for urls in (*LISTS.values(), *OPEN_RECORDS.values()):
        for url in urls(world):
            response = browser.get(url)
            checked += 1
            if response.status_code >= 500 or _leaks(response, _typed(url)):
                wrong.append(f"{url}: {response.status_code} {_leaks(response, _typed(url))}")
    for path in NO_CASE_CONTENT:
        response = browser.get(path)
        checked += 1
        if response.status_code >= 500 or _leaks(response):
            wrong.append(f"{path}: {response.status_code} {_leaks(response)}")
    for url, forms in SEARCHES.items():
        for form in forms:
            browser.page("/")
            response = browser.post(url, form, headers={"x-csrf-token": browser.csrf})
            checked += 1
            leaks = _leaks(response, form["q"])
            if response.status_code != 200 or leaks:
                wrong.append(f"{url} {form}: {response.status_code} {leaks}")
    for words in ("Quillfeather", "Kestrelwatch", "police", "Lindqvist", "Zanzibarine"):
        for extra in ({}, {"case": str(world.secret_case)}, {"party": str(world.shared_party)}):
            browser.page("/search")
            response = browser.post("/search", {"q": words, **extra})
            checked += 1
            leaks = _leaks(response, words)
            if response.status_code >= 500 or leaks:
                wrong.append(f"search {words} {extra}: {response.status_code} {leaks}")
    return checked, wrong


@pytest.mark.parametrize("role", [Role.VIEWER, Role.EDITOR], ids=str)
def test_someone_elses_restricted_case_is_404_or_absent_everywhere(
    role: Role, world: World, signed_in: Callable[[Role], Browser]
) -> None:
    checked, wrong = _matrix(signed_in(role), world, role)
    assert "\n".join(wrong) == ""
    assert checked >= 60


def test_admins_see_the_restricted_case(world: World, signed_in: Callable[[Role], Browser]) -> None:
    admin = signed_in(Role.ADMIN)
    admin.confirm(PASSWORDS[Role.ADMIN], then="/")
    for path, urls in HIDDEN_BY_ID.items():
        if path.endswith("/delete"):
            continue
        for url in urls(world):
            assert admin.get(url).status_code == 200, url
    assert _leaks(admin.get(f"/cases/{world.secret_case}"))
    assert _leaks(admin.get("/cases.csv"))


def test_a_grant_shows_the_case_and_a_revoke_hides_it_again(
    store: Store, world: World, accounts: dict[Role, str], signed_in: Callable[[Role], Browser]
) -> None:
    viewer = signed_in(Role.VIEWER)
    user = get_user(store, accounts[Role.VIEWER])
    grant_case(store, world.secret_case, user.id, actor="test")
    viewer.confirm(PASSWORDS[Role.VIEWER], then="/")
    for path, urls in HIDDEN_BY_ID.items():
        if path.endswith("/delete"):
            continue
        for url in urls(world):
            assert viewer.get(url).status_code == 200, url
    assert _leaks(viewer.get(f"/cases/{world.secret_case}"))
    assert _leaks(viewer.get("/parties.csv"))
    revoke_case(store, world.secret_case, user.id, actor="test")
    _checked, wrong = _matrix(viewer, world, Role.VIEWER)
    assert wrong == []


def _sees_the_case(browser: Browser, world: World) -> list[str]:
    """What a user granted the restricted case cannot reach of it (empty: all of it), by id,
    list, search and export."""
    browser.confirm(PASSWORDS[Role.VIEWER], then="/")
    missing = []
    for path, urls in HIDDEN_BY_ID.items():
        if path.endswith("/delete"):
            continue
        for url in urls(world):
            if browser.get(url).status_code != 200:
                missing.append(url)
    for url in ("/cases", "/cases.csv", "/parties.csv", "/interventions.csv", "/documents"):
        if not _leaks(browser.get(url)):
            missing.append(url)
    browser.page("/search")
    if "Kestrelwatch" not in browser.post("/search", {"q": "Quillfeather"}).text:
        missing.append("search")
    return missing


def test_a_viewer_in_a_granted_group_sees_the_case_and_one_in_another_group_does_not(
    store: Store,
    settings: Settings,
    world: World,
    accounts: dict[Role, str],
    signed_in: Callable[[Role], Browser],
    new_browser: BrowserFactory,
) -> None:
    member = get_user(store, accounts[Role.VIEWER])
    outsider = add_user(store, settings, "outsider", Role.VIEWER, PASSWORDS[Role.VIEWER])
    granted = create_group(store, "granted team", actor="test")
    other = create_group(store, "other team", actor="test")
    add_member(store, granted, member.id, actor="test")
    add_member(store, other, outsider.id, actor="test")
    grant_case_to_group(store, world.secret_case, granted, actor="test")
    viewer = signed_in(Role.VIEWER)
    stranger = new_browser()
    assert stranger.sign_in("outsider", PASSWORDS[Role.VIEWER]).status_code == 303
    assert _sees_the_case(viewer, world) == []
    checked, wrong = _matrix(stranger, world, Role.VIEWER)
    assert wrong == [] and checked >= 60
    remove_member(store, granted, member.id, actor="test")  # hidden at once, same session
    assert _matrix(viewer, world, Role.VIEWER)[1] == []
    add_member(store, granted, member.id, actor="test")
    assert _sees_the_case(viewer, world) == []
    delete_group(store, granted, actor="test")
    assert _matrix(viewer, world, Role.VIEWER)[1] == []


def test_writes_to_someone_elses_restricted_records_are_404(
    world: World, signed_in: Callable[[Role], Browser], store: Store
) -> None:
    editor = signed_in(Role.EDITOR)
    editor.confirm(PASSWORDS[Role.EDITOR], then="/")  # deleting asks for the password first
    values = _values(world)
    wrong = []
    for path, (url, data) in HIDDEN_WRITES.items():
        editor.page("/")
        response = editor.post(
            url.format(**values), {k: v.format(**values) for k, v in data.items()}
        )
        least = ROUTES[("POST", path)]
        expected = 404 if least is not None and Role.EDITOR.allows(least) else 403
        if response.status_code != expected:
            wrong.append(f"{path}: {response.status_code}")
    assert wrong == []
    admin = signed_in(Role.ADMIN)
    page = admin.get(f"/cases/{world.secret_case}")
    assert page.status_code == 200 and "Ilya Quillfeather" in page.text


def test_admins_restrict_grant_and_revoke_on_the_case_page(
    store: Store, world: World, accounts: dict[Role, str], signed_in: Callable[[Role], Browser]
) -> None:
    admin = signed_in(Role.ADMIN)
    viewer_id = get_user(store, accounts[Role.VIEWER]).id
    page = admin.get(f"/cases/{world.open_case}")
    assert "Who may see this case" in page.text and "Open: every user" in page.text
    assert (
        "Who may see this case" not in signed_in(Role.EDITOR).get(f"/cases/{world.open_case}").text
    )
    admin.confirm(PASSWORDS[Role.ADMIN], then=f"/cases/{world.open_case}")
    url = f"/cases/{world.open_case}/access"
    admin.page(f"/cases/{world.open_case}")
    for data in (
        {"action": "restrict"},
        {"action": "grant", "user": str(viewer_id)},
        {"action": "revoke", "user": str(viewer_id)},
    ):
        assert admin.post(url, data).status_code == 303, data
    entries = [
        e
        for e in audit_entries(store, EntryFilter(entity="case", entity_id=world.open_case))
        if e.action in ("restrict", "grant", "revoke", "unrestrict")
    ]
    admin_id = get_user(store, accounts[Role.ADMIN]).id
    assert sorted((e.action, e.actor, e.entity_id) for e in entries) == sorted(
        (action, f"user:{admin_id}", world.open_case) for action in ("restrict", "grant", "revoke")
    )
    viewer = signed_in(Role.VIEWER)
    assert viewer.get(f"/cases/{world.open_case}").status_code == 404
    assert "Restricted: only admins" in admin.get(f"/cases/{world.open_case}").text
    assert admin.post(url, {"action": "grant", "user": str(viewer_id)}).status_code == 303
    assert viewer.get(f"/cases/{world.open_case}").status_code == 200
    assert admin.post(url, {"action": "fly"}).status_code == 400


def test_access_changes_need_the_password_re_entered(
    world: World, signed_in: Callable[[Role], Browser]
) -> None:
    admin = signed_in(Role.ADMIN)
    admin.page(f"/cases/{world.open_case}")
    response = admin.post(f"/cases/{world.open_case}/access", {"action": "restrict"})
    assert response.status_code == 303
    assert response.headers["location"].startswith("/account/confirm")
