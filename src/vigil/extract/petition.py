"""Stage: a petition page's own head lines — whom it is addressed to and who started it.

A petition names its targets and its starter in short lines at its head, in the layout
of the site it stands on ('Petition to: X, Y', 'Shirin X started this petition to Y',
'Petition richtet sich an: X; Y', 'Started by X · 3 May', 'Petent/in: X'): the language
files' `petition_targets` and `petition_starters`. They fill the addressees and senders
the letter stage left empty, once the kind stage has read the text as a petition. Rules
`<code>.petition_targets.<name>` and `<code>.petition_starters.<name>`.
"""

from __future__ import annotations

import re

from vigil.extract.context import Context, Line, prov
from vigil.extract.letter import office_title
from vigil.extract.names import looks_like_person
from vigil.extract.parties import country_of, starts_with_title
from vigil.extract.types import Party
from vigil.vocab import languages

NAME = "petition"

HEAD_LINES = 15
"""How many first lines of the content a petition's head lines stand in."""
_SEMICOLON = re.compile(r"\s*;\s*")
_COMMA_OR_AND = (re.compile(r"\s*,\s+"), re.compile(r"\s+(?:and|et|y|und|e)\s+"))
_UPPER = re.compile(r"^[A-ZÀ-ÞĀ-Ž]")


def targets(text: str) -> list[str]:
    """The addressees one target line lists: apart at semicolons always, at commas or
    'and' only where every part opens with a capital and has two words or more (not the
    comma inside 'Ministry of the Interior, for Sport and Integration')."""
    out: list[str] = []
    for part in _SEMICOLON.split(text.strip(" .;,")):
        pieces = [part]
        for joiner in _COMMA_OR_AND:
            split = [p.strip() for q in pieces for p in joiner.split(q)]
            if all(_UPPER.match(p) and len(p.split()) >= 2 for p in split):
                pieces = split
        out.extend(p for p in pieces if p)
    return out


def _head(ctx: Context) -> list[Line]:
    return [ln for ln in ctx.lines if ln.start >= ctx.body_start and ln.text][:HEAD_LINES]


def _party(name: str, start: int, rule: str, person_ok: bool) -> Party:
    if person_ok and looks_like_person(name):
        kind = "person"
    else:
        kind = "office" if starts_with_title(name, every_language=True) else "organization"
    title = office_title(name) if kind != "person" else None
    if title and kind == "organization":
        kind = "office"  # 'UNHCR Representative in X': a body's office
    country = country_of(name) if kind != "person" else None
    span = (start, start + len(name))
    where = prov(NAME, rule, 0.6, span)
    return Party(name=name, kind=kind, title=title, country=country, prov=where)


def _first_line(
    head: list[Line], section: str, codes: list[str]
) -> tuple[Line, re.Match[str], str] | None:
    """The first head line one of a section's patterns matches: the line, the match, the rule id."""
    rules = languages.rules(section, languages=codes)
    for ln in head:
        for rule in rules:
            m = rule.pattern.search(ln.text)
            if m:
                return ln, m, rule.id
    return None


def run(ctx: Context) -> None:
    res = ctx.result
    if res.kind is None or res.kind.value != "petition":
        return
    codes = [c for c in dict.fromkeys((res.language.value if res.language else None, "en")) if c]
    head = _head(ctx)
    found = None if res.addressees else _first_line(head, "petition_targets", codes)
    if found is not None:
        ln, m, rule = found
        for name in targets(m.group("to")):
            start = ln.start + max(ln.text.find(name), 0)
            res.addressees.append(_party(name, start, rule, person_ok=False))
    found = None if res.senders else _first_line(head, "petition_starters", codes)
    if found is not None:
        ln, m, rule = found
        name = m.group("by").strip(" .,;")
        res.senders.append(_party(name, ln.start + m.start("by"), rule, person_ok=True))
