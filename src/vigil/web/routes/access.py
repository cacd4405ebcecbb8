"""Unlock (personal mode), sign in and out (organisation mode), change one's password."""

from __future__ import annotations

import re

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil.accounts import (
    authenticate,
    change_password,
    end_session,
    purge_stale,
    record_sign_in,
    start_session,
)
from vigil.errors import AccountError, StoreNotFound, Throttled, WrongPassphrase
from vigil.web import cookies
from vigil.web.guards import CheckedForm, Enrolling, MaybeSession, Viewer, workspace
from vigil.web.rendering import render
from vigil.web.translations import translate

router = APIRouter()


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


def _form_page(request: Request, template: str, status: int = 200, **context: object) -> Response:
    token = cookies.presession_token(request)
    response = render(request, template, {"presession": token, **context}, status)
    cookies.set_cookie(response, cookies.PRESESSION, token)
    return response


def _signed_in(request: Request, session_token: str, old: MaybeSession) -> Response:
    ws = workspace(request)
    if old is not None:
        end_session(ws.require_store(), old)
    response = RedirectResponse("/", status_code=303)
    cookies.set_cookie(response, cookies.SESSION, session_token)
    cookies.clear_cookie(response, cookies.PRESESSION)
    return response


@router.get("/unlock")
def unlock_page(request: Request, session: MaybeSession) -> Response:
    if workspace(request).organisation():
        return RedirectResponse("/sign-in", status_code=303)
    if session is not None:
        return RedirectResponse("/", status_code=303)
    return _form_page(request, "unlock.html")


@router.post("/unlock")
def unlock(request: Request, session: MaybeSession, form: CheckedForm) -> Response:
    ws = workspace(request)
    if ws.organisation():
        return RedirectResponse("/sign-in", status_code=303)
    try:
        ws.unlock(form.get("passphrase"), _client(request))
    except WrongPassphrase:
        return _form_page(
            request,
            "unlock.html",
            401,
            error=translate(request, "That passphrase does not open this store."),
        )
    except Throttled as exc:
        return _form_page(request, "unlock.html", 429, error=str(exc))
    except StoreNotFound:
        return _form_page(
            request,
            "unlock.html",
            404,
            error=translate(request, "There is no store here: run `vigil init` first."),
        )
    new = start_session(ws.require_store(), None)
    return _signed_in(request, new.token, session)


@router.get("/sign-in")
def sign_in_page(request: Request, session: MaybeSession) -> Response:
    if not workspace(request).organisation():
        return RedirectResponse("/unlock", status_code=303)
    if session is not None:
        return RedirectResponse("/", status_code=303)
    changed = request.query_params.get("changed")
    notice = translate(request, "Password changed: sign in again.") if changed else None
    return _form_page(request, "sign_in.html", notice=notice)


@router.post("/sign-in")
def sign_in(request: Request, session: MaybeSession, form: CheckedForm) -> Response:
    ws = workspace(request)
    if not ws.organisation():
        return RedirectResponse("/unlock", status_code=303)
    store = ws.require_store()
    name = form.get("name").strip()
    try:
        user = authenticate(
            store,
            ws.settings,
            ws.throttle,
            name,
            form.get("password"),
            _client(request),
            code=form.get("code"),
        )
    except Throttled as exc:
        return _form_page(request, "sign_in.html", 429, error=str(exc), name=name)
    except AccountError:
        return _form_page(
            request,
            "sign_in.html",
            401,
            error=translate(request, "Wrong user name or password, or a missing or wrong code."),
            name=name,
        )
    record_sign_in(
        store, user, _client(request), "password+code" if user.second_factor else "password"
    )
    purge_stale(store, ws.policy)
    new = start_session(store, user)
    return _signed_in(request, new.token, session)


@router.post("/sign-out")
def sign_out(request: Request, session: Enrolling, _form: CheckedForm) -> Response:
    ws = workspace(request)
    end_session(ws.require_store(), session)
    target = "/sign-in" if ws.organisation() else "/unlock"
    response = RedirectResponse(target, status_code=303)
    cookies.clear_cookie(response, cookies.SESSION)
    return response


@router.get("/account/password")
def password_page(request: Request, _session: Viewer) -> Response:
    return render(request, "password.html")


@router.post("/account/password")
def password(request: Request, session: Viewer, form: CheckedForm) -> Response:
    ws = workspace(request)
    store = ws.require_store()
    if session.user is None:
        return render(
            request,
            "password.html",
            {
                "error": translate(
                    request,
                    "This is the store passphrase: change it with `vigil passphrase change`.",
                )
            },
            400,
        )
    new, again = form.get("new"), form.get("again")
    if new != again:
        error = translate(request, "The new passwords differ.")
        return render(request, "password.html", {"error": error}, 400)
    try:
        authenticate(
            store,
            ws.settings,
            ws.throttle,
            session.user.name,
            form.get("current"),
            _client(request),
        )
    except Throttled as exc:
        return render(request, "password.html", {"error": str(exc)}, 429)
    except AccountError:
        error = translate(request, "The current password is wrong.")
        return render(request, "password.html", {"error": error}, 401)
    try:
        change_password(store, ws.settings, session.user.name, new, actor=session.actor)
    except AccountError as exc:
        return render(request, "password.html", {"error": str(exc)}, 400)
    response = RedirectResponse("/sign-in?changed=1", status_code=303)
    cookies.clear_cookie(response, cookies.SESSION)
    return response


CONFIRMED_NEXT = re.compile(
    r"/users|/documents/[0-9]{1,16}/(delete|original)|/(cases|parties)\.csv"
    r"|/interventions\.csv(\?unanswered=true(&overdue=true)?|\?overdue=true)?"
    r"|/cases/[0-9]{1,16}(/dossier\.pdf)?"
)
"""The pages and downloads that ask for a confirmation, and so the only places it returns
to (a POST that asks, such as drafting a letter, returns to the page of its form)."""


def _safe_next(value: str) -> str:
    return value if CONFIRMED_NEXT.fullmatch(value) else "/"


def _confirm_page(request: Request, target: str, status: int = 200, **context: object) -> Response:
    minutes = max(1, round(workspace(request).settings.confirm_window_s / 60))
    return render(request, "confirm.html", {"next": target, "minutes": minutes, **context}, status)


@router.get("/account/confirm")
def confirm_page(request: Request, _session: Viewer) -> Response:
    target = _safe_next(request.query_params.get("next", "/"))
    return _confirm_page(request, target)


@router.post("/account/confirm")
def confirm(request: Request, session: Viewer, form: CheckedForm) -> Response:
    ws = workspace(request)
    target = _safe_next(form.get("next", "/"))
    if session.user is None:
        return RedirectResponse(target, status_code=303)
    user = session.user
    try:
        authenticate(
            ws.require_store(),
            ws.settings,
            ws.throttle,
            user.name,
            form.get("current"),
            _client(request),
            code=form.get("code") if user.second_factor else None,
        )
    except Throttled as exc:
        return _confirm_page(request, target, 429, error=str(exc))
    except AccountError:
        error = translate(request, "That password (or code) is wrong.")
        return _confirm_page(request, target, 401, error=error)
    ws.confirm(session.id_hash)
    return RedirectResponse(target, status_code=303)
