"""Users (admins): the list with last sign-in and second factor, adding an account, changing
a role or the language of someone's interface, disabling and enabling one, resetting a lost
second factor; groups of users (create, add or remove a member, delete), to grant restricted
cases to (`vigil group ...`)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil.accounts import (
    Role,
    add_user,
    get_user,
    groups,
    list_users,
    set_disabled,
    set_locale,
    set_role,
)
from vigil.accounts.second_factor import reset_second_factor
from vigil.errors import AccountError
from vigil.store import Store
from vigil.web.forms import BadForm
from vigil.web.guards import Admin, CheckedForm, ScopedStore, require_confirmed, workspace
from vigil.web.rendering import render
from vigil.web.terms import N_
from vigil.web.translations import LANGUAGES, translate

router = APIRouter()


def _page(request: Request, store: Store, status: int = 200, **context: object) -> Response:
    context = {
        "users": list_users(store),
        "roles": list(Role),
        "groups": groups.list_groups(store),
        **context,
    }
    return render(request, "users.html", context, status)


@router.get("/users")
def users_page(request: Request, store: ScopedStore, session: Admin) -> Response:
    require_confirmed(request, session, "/users")
    return _page(request, store)


@router.post("/users")
def users_add(request: Request, store: ScopedStore, session: Admin, form: CheckedForm) -> Response:
    require_confirmed(request, session, "/users")
    ws = workspace(request)
    name, role = form.get("name").strip(), form.get("role")
    if role not in {str(r) for r in Role}:
        return _page(request, store, 400, error=translate(request, "Choose a role."), name=name)
    if form.get("password") != form.get("again"):
        return _page(
            request, store, 400, error=translate(request, "The passwords differ."), name=name
        )
    try:
        add_user(
            store,
            ws.settings,
            name,
            Role(role),
            form.get("password"),
            actor=session.actor,
        )
    except AccountError as exc:
        return _page(request, store, 400, error=str(exc), name=name)
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{name}/disable")
def users_disable(
    request: Request, store: ScopedStore, session: Admin, form: CheckedForm, name: str
) -> Response:
    require_confirmed(request, session, "/users")
    enable = form.get("enable") == "1"
    try:
        set_disabled(store, name, not enable, actor=session.actor)
    except AccountError as exc:
        return _page(request, store, 400, error=str(exc))
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{name}/role")
def users_role(
    request: Request, store: ScopedStore, session: Admin, form: CheckedForm, name: str
) -> Response:
    require_confirmed(request, session, "/users")
    role = form.get("role")
    if role not in {str(r) for r in Role}:
        return _page(request, store, 400, error=translate(request, "Choose a role."))
    try:
        set_role(store, name, Role(role), actor=session.actor)
    except AccountError as exc:
        return _page(request, store, 400, error=str(exc))
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{name}/locale")
def users_locale(
    request: Request, store: ScopedStore, session: Admin, form: CheckedForm, name: str
) -> Response:
    """The language of a user's interface; empty follows their browser."""
    require_confirmed(request, session, "/users")
    locale = form.get("locale") or None
    try:
        set_locale(store, name, locale, LANGUAGES, actor=session.actor)
    except AccountError as exc:
        return _page(request, store, 400, error=str(exc))
    return RedirectResponse("/users", status_code=303)


@router.post("/users/{name}/second-factor/reset")
def users_reset_second_factor(
    request: Request, store: ScopedStore, session: Admin, _form: CheckedForm, name: str
) -> Response:
    require_confirmed(request, session, "/users")
    reset_second_factor(store, get_user(store, name).id, actor=session.actor)
    return RedirectResponse("/users", status_code=303)


GROUPS = "/users#groups-h"
MEMBER_ACTIONS = ("add", "remove")


@router.post("/groups")
def groups_create(
    request: Request, store: ScopedStore, session: Admin, form: CheckedForm
) -> Response:
    """A new group without members (`vigil group create`)."""
    require_confirmed(request, session, "/users")
    name = form.get("name").strip()
    try:
        groups.create_group(store, name, actor=session.actor)
    except AccountError as exc:
        return _page(request, store, 400, error=str(exc), group_name=name)
    return RedirectResponse(GROUPS, status_code=303)


@router.post("/groups/{name}/members")
def groups_members(
    request: Request, store: ScopedStore, session: Admin, form: CheckedForm, name: str
) -> Response:
    """Put a user in a group or take them out (`vigil group add | remove`)."""
    require_confirmed(request, session, "/users")
    action, user = form.get("action"), form.get("user")
    if action not in MEMBER_ACTIONS:
        raise BadForm(N_("choose add or remove"))
    change = groups.add_member if action == "add" else groups.remove_member
    try:
        change(store, name, user, actor=session.actor)
    except AccountError as exc:
        return _page(request, store, 400, error=str(exc))
    return RedirectResponse(GROUPS, status_code=303)


@router.post("/groups/{name}/delete")
def groups_delete(
    request: Request, store: ScopedStore, session: Admin, _form: CheckedForm, name: str
) -> Response:
    """Delete a group, its memberships and its grants (`vigil group delete`)."""
    require_confirmed(request, session, "/users")
    try:
        groups.delete_group(store, name, actor=session.actor)
    except AccountError as exc:
        return _page(request, store, 400, error=str(exc))
    return RedirectResponse(GROUPS, status_code=303)
