"""The app factory: `create_app(settings, store)`. Nothing is built at import time."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlencode

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from vigil.accounts import Role, SessionPolicy, Throttle, purge_stale
from vigil.errors import AccountError, DocumentNotFound, Throttled, UnknownRecord, VigilError
from vigil.settings import Settings
from vigil.store import Store
from vigil.vocab import languages
from vigil.web.forms import BadForm
from vigil.web.guards import (
    ConfirmationNeeded,
    CsrfFailed,
    Forbidden,
    NotSignedIn,
    SecondFactorNeeded,
)
from vigil.web.headers import SecurityHeaders
from vigil.web.hosts import AllowedHosts
from vigil.web.jobs import JobWorker
from vigil.web.rendering import make_environment, render
from vigil.web.routes import (
    access,
    audit,
    cases,
    dashboard,
    documents,
    events,
    interventions,
    jobs,
    language,
    outputs,
    parties,
    pickers,
    review,
    search,
    second_factor,
    upload,
    users,
)
from vigil.web.terms import N_
from vigil.web.translations import translator
from vigil.web.workspace import Locked, Workspace

log = logging.getLogger(__name__)


def create_app(
    settings: Settings,
    store: Store | None,
    *,
    policy: SessionPolicy | None = None,
    throttle: Throttle | None = None,
) -> FastAPI:
    """The web workspace over `store`; None starts it locked (personal mode).

    Every language file is checked first: a malformed one stops start-up with a
    `VocabularyError` naming the file and the entry."""
    languages.validate_all()
    throttle = throttle or Throttle(max_checks=settings.max_password_checks)
    workspace = Workspace(settings, store, policy or SessionPolicy(), throttle)
    worker = JobWorker(workspace)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if workspace.store is not None:
            purged = purge_stale(workspace.store, workspace.policy)
            log.info("web app started; %d ended session(s) purged", purged)
        worker.start()  # jobs left running by a dead server are failed first (retryable)
        yield
        worker.stop()
        workspace.close()

    app = FastAPI(
        title="Vigil",
        docs_url=None,  # the API docs pages load scripts from a CDN: never served
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.workspace = workspace
    app.state.jobs = worker
    app.state.templates = make_environment()
    app.state.templates.globals["Role"] = Role
    for module in (
        access,
        language,
        second_factor,
        audit,
        dashboard,
        search,
        documents,
        upload,
        jobs,
        users,
        review,
        cases,
        events,
        interventions,
        parties,
        pickers,
        outputs,
    ):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(packages=[("vigil.web", "static")]), name="static")
    _install_error_pages(app)
    app.add_middleware(AllowedHosts, allowed=settings.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app


def _entry(request: Request) -> str:
    ws: Workspace = request.app.state.workspace
    return "/sign-in" if ws.organisation() else "/unlock"


def _message(
    request: Request, status: int, title: str, message: str, **params: str | int
) -> Response:
    """The error page; `title` and `message` are catalogue strings (`N_`), shown in the
    request's language. A message from elsewhere (an exception's text) stays as it is."""
    words = translator(request)
    text = words.gettext(message)
    if params:
        text %= {k: words.gettext(v) if isinstance(v, str) else v for k, v in params.items()}
    return render(request, "error.html", {"title": words.gettext(title), "message": text}, status)


def _install_error_pages(app: FastAPI) -> None:
    """Errors become generic pages with a clear message; nothing else leaks out."""

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(request: Request, _exc: NotSignedIn) -> Response:
        target = _entry(request)
        response = RedirectResponse(target, status_code=303)
        if request.headers.get("hx-request"):
            response.headers["HX-Redirect"] = target
        return response

    @app.exception_handler(SecondFactorNeeded)
    async def second_factor_needed(request: Request, _exc: SecondFactorNeeded) -> Response:
        response = RedirectResponse("/account/second-factor", status_code=303)
        if request.headers.get("hx-request"):
            response.headers["HX-Redirect"] = "/account/second-factor"
        return response

    @app.exception_handler(ConfirmationNeeded)
    async def confirmation_needed(request: Request, exc: ConfirmationNeeded) -> Response:
        target = "/account/confirm?" + urlencode({"next": exc.next_path})
        response = RedirectResponse(target, status_code=303)
        if request.headers.get("hx-request"):
            response.headers["HX-Redirect"] = target
        return response

    @app.exception_handler(Locked)
    async def locked(_request: Request, _exc: Locked) -> Response:
        return RedirectResponse("/unlock", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, _exc: Forbidden) -> Response:
        return _message(request, 403, N_("Not allowed"), N_("Your role does not allow this page."))

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, _exc: CsrfFailed) -> Response:
        return _message(
            request,
            403,
            N_("Form expired"),
            N_(
                "This form has expired or did not come from this site. "
                "Reload the page and try again. Nothing was changed."
            ),
        )

    @app.exception_handler(BadForm)
    async def bad_form(request: Request, exc: BadForm) -> Response:
        return _message(
            request, exc.status, N_("Cannot use this request"), exc.template, **exc.params
        )

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, _exc: RequestValidationError) -> Response:
        return _message(
            request, 400, N_("Cannot use this request"), N_("The address or form is malformed.")
        )

    @app.exception_handler(DocumentNotFound)
    async def no_document(request: Request, _exc: DocumentNotFound) -> Response:
        return _message(request, 404, N_("Not found"), N_("There is no document with that id."))

    @app.exception_handler(UnknownRecord)
    async def no_record(request: Request, _exc: UnknownRecord) -> Response:
        return _message(request, 404, N_("Not found"), N_("There is no record with that id."))

    @app.exception_handler(Throttled)
    async def throttled(request: Request, exc: Throttled) -> Response:
        return _message(request, 429, N_("Too many attempts"), str(exc))

    @app.exception_handler(AccountError)
    @app.exception_handler(VigilError)
    async def vigil_error(request: Request, exc: VigilError) -> Response:
        # Vigil's messages say how to fix the problem and never carry document text.
        return _message(request, 400, N_("Cannot do this"), str(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        titles = {404: N_("Not found"), 405: N_("Not allowed")}
        title = titles.get(exc.status_code, N_("Cannot use this request"))
        message = N_("There is nothing here for that request.")
        return _message(request, exc.status_code, title, message)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        route = request.scope.get("route")
        log.error("unhandled %s on %s", type(exc).__name__, getattr(route, "path", "?"))
        return _message(
            request,
            500,
            N_("Something went wrong"),
            N_("The request failed: try again, or ask an admin."),
        )
