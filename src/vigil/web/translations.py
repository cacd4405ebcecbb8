"""The interface's languages: message catalogues, and which one a request is shown in.

The catalogues (`locales/<lang>/LC_MESSAGES/messages.po`, compiled to `.mo` by
`make translations`) hold the templates' `_()` strings and the web layer's
Python strings. A request's language is, in order: the signed-in user's choice
(organisation mode), the language cookie set by the header's switch, the
browser's `Accept-Language`, then English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, get_datetime_format
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations
from starlette.requests import Request

from vigil import vocab
from vigil.web import cookies
from vigil.web.terms import N_, term_msgid

LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français"}
"""The interface's languages, each named in itself (as the switch shows them)."""
DEFAULT = "en"
DOMAIN = "messages"

__all__ = ["LANGUAGES", "N_", "Translator", "request_language", "translate", "translator"]


@cache
def catalogue(language: str) -> NullTranslations:
    """The compiled catalogue of `language` (English is the source: no catalogue)."""
    if language == DEFAULT:
        return NullTranslations()
    folder = resources.files("vigil.web").joinpath("locales", language, "LC_MESSAGES")
    with resources.as_file(folder.joinpath(f"{DOMAIN}.mo")) as path, path.open("rb") as fp:
        return Translations(fp, domain=DOMAIN)


def supported(language: str | None) -> str | None:
    """`language` if the interface speaks it, else None."""
    return language if language in LANGUAGES else None


def from_accept_language(header: str) -> str | None:
    """The first language of an `Accept-Language` header the interface speaks, by weight."""
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().split("-")[0].lower()
        if supported(primary) and weight > 0:
            choices.append((-weight, position, primary))
    return min(choices)[2] if choices else None


def request_language(request: Request) -> str:
    """The language this request is shown in (see the module docstring); cached on it."""
    cached: str | None = getattr(request.state, "language", None)
    if cached:
        return cached
    session = getattr(request.state, "session", None)
    user = getattr(session, "user", None)
    chosen = (
        supported(getattr(user, "locale", None))
        or supported(request.cookies.get(cookies.LOCALE))
        or from_accept_language(request.headers.get("accept-language", ""))
        or DEFAULT
    )
    request.state.language = chosen
    return chosen


@dataclass(frozen=True)
class Translator:
    """What a page is rendered with: the catalogue and formats of one language."""

    language: str

    @property
    def translations(self) -> NullTranslations:
        return catalogue(self.language)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return str(self.translations.pgettext(context, message))

    def number(self, value: float) -> str:
        """A count or amount with the language's digit grouping ("2,912", "2 912")."""
        return str(format_decimal(value, locale=self.language))

    def percent(self, ratio: float) -> str:
        """A ratio as a whole percentage ("67%", "67 %")."""
        return str(format_percent(ratio, locale=self.language))

    def decimal(self, value: float) -> str:
        """A score to two decimals ("0.87", "0,87")."""
        return str(format_decimal(value, format="0.00", locale=self.language))

    def size(self, size: int) -> str:
        """A file size in bytes, KiB, MiB or GiB, with the language's decimal mark."""
        value = float(size)
        for unit in ("bytes", "KiB", "MiB"):
            if value < 1024:
                if unit == "bytes":
                    return self.ngettext("%(num)s byte", "%(num)s bytes", size) % {
                        "num": self.number(size)
                    }
                return f"{format_decimal(value, format='0.0', locale=self.language)} {unit}"
            value /= 1024
        return f"{format_decimal(value, format='0.0', locale=self.language)} GiB"

    def moment(self, value: datetime, seconds: bool = False) -> str:
        """A stored time (UTC) to the minute (or second), in the language's order and
        month names."""
        locale = Locale.parse(self.language)
        clock = format_time(value, "HH:mm:ss" if seconds else "HH:mm", tzinfo=UTC, locale=locale)
        calendar = format_date(value, "medium", locale=locale)
        return str(get_datetime_format("medium", locale=locale)).format(clock, calendar)

    def day(self, value: date) -> str:
        """A calendar day in the language's order and month names."""
        return str(format_skeleton("yMMMd", value, locale=Locale.parse(self.language)))

    def term(self, group: str, id_: str | None) -> str:
        """A stored id (a role, a state, a kind: `vigil.web.terms`) in this language."""
        if not id_:
            return ""
        msgid = term_msgid(group, str(id_))
        return self.gettext(msgid) if msgid else str(id_).replace("_", " ")

    def language_name(self, code: str | None) -> str:
        """A document's language (ISO 639-1 code) named in this language ("French",
        "français"); a code Babel does not know is shown as it is."""
        if not code:
            return ""
        return str(Locale.parse(self.language).languages.get(code, code))

    def label(self, vocabulary: str, id_: str | None) -> str:
        """A vocabulary id's label in this language; an id outside it is shown as written."""
        if not id_:
            return ""
        try:
            return vocab.label(vocabulary, id_, self.language)
        except (KeyError, ValueError):
            return id_.replace("_", " ")


def translator(request: Request) -> Translator:
    return Translator(request_language(request))


def translate(request: Request, message: str) -> str:
    """A route's string shown to the user, in the request's language (Babel extracts
    `translate(request, "...")` calls: the `translate:2` keyword of `make translations`)."""
    return translator(request).gettext(message)
