"""Jinja2 templates (autoescaped), built by the app factory, and the page renderer."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from jinja2.ext import _make_new_gettext, _make_new_ngettext, _make_new_pgettext
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from vigil.model import display_title, file_name
from vigil.store import highlight
from vigil.web.translations import LANGUAGES, Translator, translator


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("vigil.web", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # Every template string goes through `_()` (or `{% trans %}`); `render` passes the
    # request's catalogue, and these null translations (the text as written) are the
    # fallback for a template rendered without one.
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.filters["snippet"] = snippet_markup
    env.filters["bytes"] = human_bytes
    env.filters["basename"] = basename
    env.globals["display_title"] = display_title
    return env


def basename(locator: str) -> str:
    """The file name at the end of a source locator (a path, a URL, `upload:NAME`)."""
    return file_name(locator)


def snippet_markup(snippet: str) -> Markup:
    """A search snippet escaped first, then its match markers turned into <mark>."""
    return Markup(highlight(str(escape(snippet)), "<mark>", "</mark>"))


def human_bytes(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KiB", "MiB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    env: Environment = request.app.state.templates
    session = getattr(request.state, "session", None)
    page = env.get_template(template).render(
        {
            **language_context(translator(request)),
            "request": request,
            "session": session,
            "csrf": session.csrf_token if session else "",
            **(context or {}),
        }
    )
    return HTMLResponse(page, status_code=status)


def language_context(words: Translator) -> dict[str, Any]:
    """The request's catalogue as the i18n extension's callables (newstyle: escaped
    placeholders, `%(num)d` in plurals), and the formats of its language."""
    gettext = _make_new_gettext(words.gettext)
    return {
        "gettext": gettext,
        "_": gettext,
        "ngettext": _make_new_ngettext(words.ngettext),
        "pgettext": _make_new_pgettext(words.pgettext),
        "language": words.language,
        "interface_languages": LANGUAGES,
        "label": words.label,
        "term": words.term,
        "language_name": words.language_name,
        "number": words.number,
        "moment": words.moment,
        "day": words.day,
        "size": words.size,
        "decimal": words.decimal,
        "percent": words.percent,
    }
