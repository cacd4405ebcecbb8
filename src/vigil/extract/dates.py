# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001, RUF002
"""Stage: the date of the document itself (never that of an event it tells).

In order: a date line of the letter (alone on a line, or 'Place, date',
near the addressee block, the salutation or the signature); the front
matter's or header's date; a dateline opening a paragraph ('GENEVA, 22 June
2023 – ...', 'Madrid, 3 de octubre de 2023. ...') or a 'Published ...' line at
the top; the caller's publication date; a date line at the top; a press-release
dateline ('CITY (Month d, yyyy) -'); last, an issue's month on the masthead.
"""

from __future__ import annotations

import re

from vigil.extract import calendars
from vigil.extract.context import Context, Line, prov
from vigil.extract.types import Value

NAME = "dates"

_DATE_LINE = re.compile(r"^(?:(?:Date|Fecha|Datum|Le|Dated)\s*:?\s*)?(?:[A-Z][\w .'-]{1,40},\s*(?:le\s+|den\s+|el\s+)?)?(?P<d>.+)$")


def _date_of_line(line: Line, language: str | None) -> str | None:
    text = line.text
    if not text or len(text) > 60 or text.endswith("."):
        return None
    m = _DATE_LINE.match(text)
    candidate = m.group("d") if m else text
    found = calendars.find_dates(candidate)
    if found and len(re.sub(r"[\W\d_]", "", candidate[: found[0][0]] + candidate[found[0][1]:])) <= 12:
        return found[0][2]
    if not found and len(candidate) <= 40:
        return calendars.parse_line(candidate, language)
    return None


_PLACE = re.compile(r"^\W{0,3}[A-ZÀ-Þ][\w .'’-]{1,40},\s*(?:(?:le|el|den|il|am)\s+)?")
"""A dateline's place ('GENEVA, ', 'Paris, le ', 'Madrid, '), before its date."""


def _stated_date(ctx: Context, lines: list[Line]) -> Value | None:
    """The date a text states for itself in its first lines: a memo's date field, a
    paragraph's dateline (a place, a date, then a dash or a full stop and the paragraph)
    or a 'Published ...' line."""
    from vigil.extract.zones import cues

    label = calendars.published_label()
    for ln in lines:
        if cues.memo_field(ln.text) == "date":
            # a memo's 'Date:' field, however long the line ('DATE: 30 August 2024 (Day of …)')
            rest = cues.strip_memo_label(ln.text)
            found = calendars.find_dates(rest[:60])
            if found and not rest[: found[0][0]].strip():
                start = ln.start + ln.text.find(rest) + found[0][0]
                return Value(found[0][2], prov(NAME, "memo_date_field", 0.8, (start, start + found[0][1] - found[0][0])))
        for pattern, rule in ((label, "published_line"), (_PLACE, "paragraph_dateline")):
            m = pattern.match(ln.text)
            if not m:
                continue
            found = calendars.find_dates(ln.text[m.end(): m.end() + 40])
            if not found or found[0][0] != 0:
                continue
            after = ln.text[m.end() + found[0][1]:]
            if rule == "paragraph_dateline" and not re.match(r"\W{0,3}\s*(?:[–—-]\s|\.\s+\w|$)", after):
                continue
            start = ln.start + m.end()
            return Value(found[0][2], prov(NAME, rule, 0.75, (start, start + found[0][1])))
    return None


def _zone_date(ctx: Context, language: str | None) -> Value | None:
    """The line the zone model reads as the document's own date line."""
    from vigil.extract.zones.labels import Zone

    for zoned in ctx.zones:
        if zoned.zone != Zone.DATE or zoned.confidence < 0.4:
            continue
        found = calendars.find_dates(zoned.line.text)
        iso = found[0][2] if found else calendars.parse_line(zoned.line.text[:60], language)
        if iso:
            return Value(iso, prov(NAME, "zone_date_line", round(0.6 + 0.35 * zoned.confidence, 3), (zoned.line.start, zoned.line.end)))
    return None


def run(ctx: Context) -> None:
    language = ctx.result.language.value if ctx.result.language else None
    zoned = _zone_date(ctx, language)
    if zoned is not None:
        ctx.result.date = zoned
        return
    lines = [ln for ln in ctx.lines if not ln.blank and ln.start >= ctx.body_start]
    # 1. a letter's own date line, near its start or its signature
    anchors = [a for a in (ctx.letter_start, ctx.signature_start) if a >= 0]
    for anchor in anchors:
        near = [ln for ln in lines if abs(ln.start - anchor) < 600]
        for ln in near:
            iso = _date_of_line(ln, language)
            if iso:
                ctx.result.date = Value(iso, prov(NAME, "letter_date_line", 0.9, (ln.start, ln.end)))
                return
    for key, rule in (("date", "front_matter"), ("header_date", "header_line")):
        if ctx.meta.get(key):
            found = calendars.find_dates(ctx.meta[key])
            if found:
                ctx.result.date = Value(found[0][2], prov(NAME, rule, 0.85))
                return
    stated = _stated_date(ctx, lines[:12])
    if stated is not None:
        ctx.result.date = stated
        return
    if ctx.doc.published:
        found = calendars.find_dates(ctx.doc.published)
        if found:
            ctx.result.date = Value(found[0][2], prov(NAME, "published", 0.8))
            return
    for ln in lines[:6]:
        iso = _date_of_line(ln, language)
        if iso:
            ctx.result.date = Value(iso, prov(NAME, "top_date_line", 0.75, (ln.start, ln.end)))
            return
    head = ctx.text[ctx.body_start: ctx.body_start + 400]
    m = re.search(r"^[A-Z][A-Z .,'-]{2,40}[,(–-]\s*\(?(?P<d>[A-Z][a-z]+\.? \d{1,2},? \d{4})\)?\s*[–—-]", head, re.M)
    if m:
        found = calendars.find_dates(m.group("d"))
        if found:
            start = ctx.body_start + m.start("d")
            ctx.result.date = Value(found[0][2], prov(NAME, "dateline", 0.7, (start, start + len(m.group("d")))))
            return
    masthead = _masthead_month(lines[:MASTHEAD_LINES])
    if masthead is not None:
        ctx.result.date = masthead


MASTHEAD_LINES = 2


def _masthead_month(lines: list[Line]) -> Value | None:
    """An issue's month on the masthead ('NEWSLETTER, DECEMBER 2024', 'Report No. 3 – July
    2023'): the date of a newsletter or a report that gives no day, as `yyyy-mm`."""
    for ln in lines:
        text = ln.text.strip()
        if len(text) > 80 or text.endswith("."):
            continue
        found = calendars.partial_date(text)
        if found and len(found) == len("yyyy-mm"):
            return Value(found, prov(NAME, "masthead_month", 0.6, (ln.start, ln.end)))
    return None
