# Patterns match look-alike characters (dashes, typographic quotes) as written.
# ruff: noqa: E501, RUF001, RUF002
"""Stage: who issues a press release that nobody signs.

A press release speaks as its issuer (the GUIDE: its sender): the body the text names at
the head of a sentence, or after the release's dateline, followed by what it asks or
states (the language file's `issuer_verbs`: 'The X Network today called on ...',
'London, 12 March 2024 – X is gravely concerned', 'Das X fordert'). The body must be one
the entities stage found (or that body's bracketed short name), so a sentence that opens
with any capitalised words is not enough. Rule `press_release_speaker`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from vigil.extract.context import Context, prov
from vigil.extract.types import Party
from vigil.extract.zones import cues
from vigil.vocab import languages

NAME = "issuer"

_OPENING = r"(?:^|[.!?:»”\"]\s+|\d{4}\.?\s*[–—-]\s+|\d{4}\.\s+)"
"""Where a sentence begins: a line or sentence start, or after a dateline's date."""
_ARTICLE = r"(?:(?:the|das|die|der|le|la|les|l['’]|el|los|il|lo)\s*)?"
_ALIAS = re.compile(r"\(([^()]{2,20})\)")
_FILLER = r"(?:[\w'’.()-]+\s+){0,4}?"
"""Up to four words between the body and its verb ('today', 'is gravely', 'e.V. (X) ist in')."""


@cache
def _verbs(language: str | None) -> str | None:
    words = sorted(languages.words("issuer_verbs", [c for c in (language, "en") if c]), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in words) + ")" if words else None


def _forms(body: str, text: str) -> list[str]:
    """A body's name as the text may write it as a subject: in full, without its bracketed
    short name, or by that short name alone (the one the text gives it in brackets
    right after the name too)."""
    bare = _ALIAS.sub("", body).strip()
    given = re.findall(re.escape(bare) + r"\s*\(([^()]{2,20})\)", text) if bare else []
    return [f for f in dict.fromkeys([body, bare, *_ALIAS.findall(body), *given]) if len(f) >= 3]


_CAPITALISED = r"[A-ZÀ-Þ][\w'’-]+(?:\s+(?:[A-ZÀ-Þ][\w'’-]+|of|for|in|on|the|and|against|de|du|des|pour|für|der|die|des|del|per|di))*"


def _unlisted(text: str, verbs: str) -> list[str]:
    """Capitalised names at the head of a sentence before an issuer verb that hold an
    organisation's word ('Network', 'Committee'), for a body the entities missed."""
    pattern = re.compile(rf"{_OPENING}{_ARTICLE}(?P<name>(?-i:{_CAPITALISED})),?\s+{_FILLER}{verbs}(?!\w)", re.I | re.M)
    return [m.group("name") for m in pattern.finditer(text) if cues.has_org_word(m.group("name"))]


def speakers(text: str, bodies: list[str], language: str | None) -> list[str]:
    """The bodies that speak at the head of a sentence, most often first."""
    verbs = _verbs(language)
    if verbs is None:
        return []
    found: Counter[str] = Counter()
    for body in bodies:
        names = "|".join(re.escape(f) for f in sorted(_forms(body, text), key=len, reverse=True))
        if not names:
            continue
        pattern = re.compile(
            rf"{_OPENING}{_ARTICLE}(?-i:{names})(?:\s*\([^()]{{1,30}}\))?,?\s+{_FILLER}{verbs}(?!\w)",
            re.I | re.M,
        )
        hits = len(pattern.findall(text))
        if hits:
            found[body] = hits
    if not found:
        found.update(_unlisted(text, verbs))
    return [body for body, _ in found.most_common()]


def run(ctx: Context) -> None:
    res = ctx.result
    if res.senders or res.kind is None or res.kind.value != "press_release":
        return
    bodies = [v.value for v in res.organizations]
    language = res.language.value if res.language else None
    who = speakers(ctx.text[ctx.body_start :], bodies, language)
    if not who:
        return
    at = ctx.text.find(who[0], ctx.body_start)
    spans = [(at, at + len(who[0]))] if at >= 0 else []
    res.senders.append(Party(name=who[0], kind="organization", prov=prov(NAME, "press_release_speaker", 0.5, *spans)))
