"""Second factor: enrol a TOTP app (QR code shown once), see how many recovery codes are left."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil.accounts import second_factor
from vigil.errors import AccountError
from vigil.web.guards import CheckedForm, Enrolling, ScopedStore, workspace
from vigil.web.rendering import render
from vigil.web.translations import translate

router = APIRouter()
SEED_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def _enrol_page(request: Request, name: str, status: int = 200, **context: object) -> Response:
    enrolment = second_factor.new_enrolment(name)
    return render(
        request,
        "second_factor.html",
        {"enrolment": enrolment, "qr": enrolment.qr_svg, **context},
        status,
    )


@router.get("/account/second-factor")
def second_factor_page(request: Request, store: ScopedStore, session: Enrolling) -> Response:
    if session.user is None:
        return RedirectResponse("/", status_code=303)  # the owner of a personal store
    ws = workspace(request)
    required = second_factor.required_for(ws.settings, session.user.role)
    if session.user.second_factor:
        left = second_factor.recovery_codes_left(store, session.user.id)
        return render(request, "second_factor.html", {"enrolled": True, "left": left})
    return _enrol_page(request, session.user.name, required=required)


@router.post("/account/second-factor")
def second_factor_enrol(
    request: Request, store: ScopedStore, session: Enrolling, form: CheckedForm
) -> Response:
    if session.user is None:
        return RedirectResponse("/", status_code=303)
    if session.user.second_factor:
        return RedirectResponse("/account/second-factor", status_code=303)
    seed = form.get("seed")
    if len(seed) != 32 or not set(seed) <= SEED_CHARS:
        return _enrol_page(
            request, session.user.name, 400, error=translate(request, "The form was malformed.")
        )
    try:
        codes = second_factor.confirm_enrolment(
            store,
            session.user.id,
            seed,
            form.get("code"),
            actor=session.actor,
        )
    except AccountError as exc:
        return _enrol_page(request, session.user.name, 400, error=str(exc))
    return render(request, "second_factor.html", {"enrolled": True, "codes": codes})
