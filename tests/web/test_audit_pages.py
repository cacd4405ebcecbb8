"""The admin Audit page pages back through the trail (older / newest links) and filters by
actor and action (ids and names of actions, never content)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from vigil.accounts import Role
from vigil.auditing import record_event
from vigil.store import Store
from vigil.web.routes.audit import PAGE

from .conftest import Browser

ROW = re.compile(r"<tr><td>(\d+)</td>")


def _ids(page: str) -> list[int]:
    return [int(n) for n in ROW.findall(page)]


def _link(page: str, text: str) -> str | None:
    found = re.search(r'<a href="(/audit\?[^"]*)"[^>]*>' + text + "</a>", page)
    return html.unescape(found.group(1)) if found else None


def test_the_audit_page_goes_back_page_by_page_and_returns_to_the_newest(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    for n in range(PAGE + 30):
        record_event(store, "os:clerk" if n % 2 else "os:other", "unlock", {"client": "test"})
    admin = signed_in(Role.ADMIN)
    first = admin.page("/audit")
    newest = _ids(first)
    assert len(newest) == PAGE and newest == sorted(newest, reverse=True)
    assert _link(first, "Newest entries") is None
    older_url = _link(first, "Older entries")
    assert older_url and f"before={newest[-1]}" in older_url
    second = admin.page(older_url)
    older = _ids(second)
    assert older and max(older) < min(newest)
    assert _link(second, "Older entries") is None  # the last page
    assert _link(second, "Newest entries") == "/audit?actor=&action=&entity="


def test_the_audit_page_filters_by_actor_and_action_and_keeps_them_when_paging(
    store: Store, signed_in: Callable[[Role], Browser]
) -> None:
    for n in range(2 * PAGE + 10):
        record_event(store, "os:clerk" if n % 2 else "os:other", "unlock", {"client": "test"})
    admin = signed_in(Role.ADMIN)
    page = admin.page("/audit?actor=os:clerk&action=unlock")
    assert set(re.findall(r"<td>(os:\w+)</td>", page)) == {"os:clerk"}
    older_url = _link(page, "Older entries")
    assert older_url and "actor=os%3Aclerk" in older_url and "action=unlock" in older_url
    second = admin.page(older_url)
    assert set(re.findall(r"<td>(os:\w+)</td>", second)) == {"os:clerk"}
    assert max(_ids(second)) < min(_ids(page))
    assert _ids(admin.page("/audit?action=sign-in:nothing-like-it")) == []
    assert admin.get("/audit?before=0").status_code in (400, 422)
