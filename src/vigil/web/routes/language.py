"""The language of the interface: the header's switch (every page, signed in or not)."""

from __future__ import annotations

import re

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil.accounts import set_locale
from vigil.web import cookies
from vigil.web.forms import BadForm
from vigil.web.guards import CheckedForm, MaybeSession, workspace
from vigil.web.terms import N_
from vigil.web.translations import LANGUAGES, supported

router = APIRouter()

LOCAL_PATH = re.compile(r"/(?![/\\])[\x21-\x7e]{0,2000}")
"""Where the switch returns to: a path on this site (no scheme, host or `//`), printable."""


def back_to(value: str) -> str:
    return value if LOCAL_PATH.fullmatch(value) and "\\" not in value else "/"


@router.post("/language")
def choose_language(request: Request, session: MaybeSession, form: CheckedForm) -> Response:
    """Remember the choice in a cookie; a signed-in user's account keeps it too, so it
    follows them to another browser (organisation mode)."""
    chosen = supported(form.get("locale"))
    if chosen is None:
        raise BadForm(N_("choose one of the interface's languages"))
    if session is not None and session.user is not None:
        store = workspace(request).require_store()
        set_locale(store, session.user.name, chosen, LANGUAGES, actor=session.actor)
    response = RedirectResponse(back_to(form.get("back")), status_code=303)
    cookies.set_cookie(response, cookies.LOCALE, chosen)
    return response
