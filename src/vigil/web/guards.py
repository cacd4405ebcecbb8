"""Who may call a route, and proof that a state-changing request came from our own page.

Every route states the least role it needs with `need(Role.X)`; every POST
also depends on `checked_form`, which verifies the Origin header and the
CSRF token (the session's, or before sign-in the pre-session cookie's).
Handlers hold no permission logic of their own.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends
from starlette.requests import Request

from vigil.accounts import Role, Session, resume_session
from vigil.accounts.second_factor import required_for
from vigil.store import Store
from vigil.store.access import scope_for
from vigil.web import cookies
from vigil.web.forms import BadForm, Form, read_form
from vigil.web.workspace import Workspace

CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"


class NotSignedIn(Exception):
    """No live session: the visitor is sent to the unlock or sign-in page."""


class Forbidden(Exception):
    """Signed in, but the role does not allow this."""


class CsrfFailed(Exception):
    """A state-changing request without our Origin or CSRF token."""


def workspace(request: Request) -> Workspace:
    ws: Workspace = request.app.state.workspace
    return ws


def current_session(request: Request) -> Session | None:
    """The live session of the request's cookie, if any (cached on the request)."""
    if hasattr(request.state, "session"):
        cached: Session | None = request.state.session
        return cached
    ws = workspace(request)
    token = request.cookies.get(cookies.SESSION)
    found = None
    if token and ws.store is not None and len(token) < 100:
        found = resume_session(ws.store, token, ws.policy)
    request.state.session = found
    return found


MaybeSession = Annotated[Session | None, Depends(current_session)]


def scoped_store(request: Request, session: MaybeSession) -> Store:
    """The store as the signed-in user may see it: a view bound to their scope (computed
    once per request by `store.access.scope_for`; admins and personal mode see it whole).
    Routes take the store only through this dependency (`ScopedStore`), so none can read
    past the scope; `tests/web/test_case_access.py` fails a route module that does not."""
    if hasattr(request.state, "scoped_store"):
        cached: Store = request.state.scoped_store
        return cached
    if session is None:
        raise NotSignedIn
    store = workspace(request).require_store()
    user = session.user
    view = store.scoped(
        scope_for(store, user.id if user else None, admin=session.role is Role.ADMIN)
    )
    request.state.scoped_store = view
    return view


ScopedStore = Annotated[Store, Depends(scoped_store)]


class SecondFactorNeeded(Exception):
    """Signed in, but the organisation requires a second factor this user has not enrolled."""


def need(role: Role, *, enrolling: bool = False) -> Callable[..., Session]:
    """A dependency: the session, if its role allows `role` (and, unless `enrolling`,
    the user has the second factor the organisation requires of their role)."""

    def dependency(request: Request, session: MaybeSession) -> Session:
        if session is None:
            raise NotSignedIn
        if not session.role.allows(role):
            raise Forbidden
        user = session.user
        settings = workspace(request).settings
        if not enrolling and user and not user.second_factor and required_for(settings, user.role):
            raise SecondFactorNeeded
        return session

    return dependency


Viewer = Annotated[Session, Depends(need(Role.VIEWER))]
Enrolling = Annotated[Session, Depends(need(Role.VIEWER, enrolling=True))]
"""Signed in, second factor or not: the enrolment page and sign-out."""
Editor = Annotated[Session, Depends(need(Role.EDITOR))]
Admin = Annotated[Session, Depends(need(Role.ADMIN))]


def check_origin(request: Request) -> None:
    """The request must come from this server's own pages.

    With `Referrer-Policy: no-referrer`, browsers send `Origin: null` on a form
    POST; then `Sec-Fetch-Site` (sent by every current browser) must say
    `same-origin`. A real Origin must be ours, and a Sec-Fetch-Site, if sent,
    must not say cross-site.
    """
    origin = request.headers.get("origin")
    site = request.headers.get("sec-fetch-site")
    if origin in (None, "null"):
        if site != "same-origin":
            raise CsrfFailed
        return
    if origin != f"{request.url.scheme}://{request.url.netloc}":
        raise CsrfFailed
    if site is not None and site not in ("same-origin", "none"):
        raise CsrfFailed


def _check_token(request: Request, form: Form, session: Session | None) -> None:
    given = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
    expected = session.csrf_token if session else request.cookies.get(cookies.PRESESSION, "")
    if not given or not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        raise CsrfFailed


def _checked(files_limit: Callable[[Workspace], int] | None) -> Callable[..., Awaitable[Form]]:
    async def dependency(request: Request, session: MaybeSession) -> Form:
        check_origin(request)
        limit = None if files_limit is None else files_limit(workspace(request))
        form = await read_form(request, files_limit=limit)
        _check_token(request, form, session)
        return form

    return dependency


def upload_limit(ws: Workspace) -> int:
    """One request carries at most one file of the largest size ingest accepts, plus a margin."""
    return ws.settings.max_file_bytes + 1024 * 1024


CheckedForm = Annotated[Form, Depends(_checked(None))]
CheckedUpload = Annotated[Form, Depends(_checked(upload_limit))]

__all__ = [
    "Admin",
    "BadForm",
    "CheckedForm",
    "CheckedUpload",
    "ConfirmationNeeded",
    "CsrfFailed",
    "Editor",
    "Enrolling",
    "Forbidden",
    "MaybeSession",
    "NotSignedIn",
    "ScopedStore",
    "SecondFactorNeeded",
    "Viewer",
    "need",
    "require_confirmed",
    "scoped_store",
    "workspace",
]


class ConfirmationNeeded(Exception):
    """A sensitive action needs the user's password (and code) re-entered recently."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def require_confirmed(request: Request, session: Session, next_path: str) -> None:
    """Downloads and exports, role and account changes and erasure need a password
    re-entered within `confirm_window_s` (five minutes by default; with the code, for a
    user who has a second factor). `next_path` is where the confirmation returns: the
    download itself, or the page whose form asks for it. The owner of a personal store,
    who unlocked it with the passphrase a moment ago, is not asked."""
    if session.user is None:
        return
    ws = workspace(request)
    if not ws.recently_confirmed(session.id_hash, ws.settings.confirm_window_s):
        raise ConfirmationNeeded(next_path)
