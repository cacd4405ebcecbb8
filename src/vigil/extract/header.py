# ruff: noqa: E501, RUF001
"""Stage: the document's title and header lines.

The caller's title (page or e-mail metadata) wins, then the front matter's.
Otherwise a short first line that is not a sentence, a salutation, an
addressee or a letterhead (a body's name over its address) is the title, and
after a letterhead the subject line is; a breadcrumb line ('Home » Section » Title') gives
its last part. A date alone on the next line is kept as the header date.
"""

from __future__ import annotations

import re

from vigil.extract import calendars
from vigil.extract.context import Context, Line, prov
from vigil.extract.types import Value
from vigil.vocab import load

NAME = "header"


def _is_salutation(text: str) -> bool:
    return any(re.match(p, text, re.I) for p in load("letter")["salutations"])


LIKELY_TITLE = 0.3
"""The title marginal from which a line the model labelled otherwise may still be the title,
when no line is labelled title with confidence (the likeliest of the document's first lines)."""
FIRST_LINES = 12


def _zone_title(ctx: Context) -> Value | None:
    """The first line the zone model reads as the title; a subject line loses its label.
    A letterhead (a body's name over its address or contacts) is no title: when the model
    read one as the title, the letter's subject line is, if it has one. When no line is
    labelled title, the likeliest title among the first lines is, if the model gives it
    at least `LIKELY_TITLE`."""
    from vigil.extract.zones.labels import Zone

    letterhead = False
    for zoned in ctx.zones:
        if zoned.zone == Zone.TITLE and zoned.confidence >= 0.5:
            if _letterhead(ctx, zoned.line.index):
                letterhead = True
                continue
            found = _title_value(zoned.line.text, zoned.line.start, zoned.confidence, "zone_title")
            if found is not None:
                return found
    if letterhead:
        return _subject_line(ctx)
    return _likeliest_title(ctx)


def _likeliest_title(ctx: Context) -> Value | None:
    ranked = sorted(ctx.zones[:FIRST_LINES], key=lambda z: -z.title)
    for zoned in ranked:
        if zoned.title < LIKELY_TITLE:
            break
        if not _letterhead(ctx, zoned.line.index):
            found = _title_value(zoned.line.text, zoned.line.start, zoned.title, "zone_title_likeliest")
            if found is not None:
                return found
    return None


HEADING_WORDS = (3, 30)
"""How many words a standalone heading has."""


def _standalone_heading(ctx: Context) -> Value | None:
    """When the model finds no title, the head's likeliest heading: a line set apart by
    blank lines that reads as a title (no sentence, date, salutation or addressee), before
    the first salutation or paragraph; of several, the one the model finds likeliest."""
    from vigil.extract.zones.labels import Zone

    best = None
    for zoned in ctx.zones[:FIRST_LINES]:
        line = zoned.line
        text = line.text.strip()
        if zoned.zone == Zone.SALUTATION or _is_salutation(text) or len(text) > 200:
            break
        if not _set_apart(ctx, line.index) or _letterhead(ctx, line.index):
            continue
        words = len(text.split())
        if not HEADING_WORDS[0] <= words <= HEADING_WORDS[1] or not _title_like(text) or calendars.find_dates(text):
            continue
        if best is None or zoned.title > best.title:
            best = zoned
    if best is None:
        return None
    return _title_value(best.line.text, best.line.start, best.title, "standalone_heading")


def _set_apart(ctx: Context, index: int) -> bool:
    """Whether line `index` is a paragraph of its own (blank lines, or the text's edge, around it)."""
    before = index == 0 or ctx.lines[index - 1].blank
    after = index + 1 >= len(ctx.lines) or ctx.lines[index + 1].blank
    return before and after


def _title_value(text: str, line_start: int, confidence: float, rule: str) -> Value | None:
    """The title a line gives: none for a line that is not one (`_not_title`); a subject
    line without its label; a breadcrumb's last part."""
    from vigil.extract.zones import cues

    if _not_title(text):
        return None
    whole = text
    text = cues.strip_memo_label(text) if cues.memo_field(text) == "subject" else _breadcrumb(text)
    if len(text) < 4:
        return None
    start = line_start + max(0, whole.find(text))
    return Value(text, prov(NAME, rule, round(0.5 + 0.4 * confidence, 3), (start, start + len(text))))


def _kind_label(text: str) -> bool:
    """A line that only names the document's kind ('OPEN LETTER', 'Offener Brief')."""
    from vigil.vocab import languages

    if len(text.split()) > 3:
        return False
    return any(rule.pattern.search(text) for kind in languages.KIND_KEYS for rule in languages.rules("kind_cues", kind))


def _short_breadcrumb(text: str) -> bool:
    """A breadcrumb that ends in a section's name ('Home > Appeals > Iraq'), not a title."""
    parts = re.split(r"»| › | > ", text) if "«" not in text else [text]
    return len(parts) >= 3 and len(parts[-1].split()) <= 2


def _breadcrumb(text: str) -> str:
    """A breadcrumb's last part ('Home » Appeals » Title', 'Home > Title'); guillemets that
    quote ('«…»') are no breadcrumb."""
    if "«" in text:
        return text
    if "»" in text or " › " in text or " > " in text:
        return re.split(r"[»›]| > ", text)[-1].strip()
    return text


_METADATA = re.compile(r"^(?:accessed|retrieved|posted|published|updated|consulté|publié|publicado|pubblicato|veröffentlicht|abgerufen)\b", re.I)
_REFERENCE = re.compile(r"^(?=[^a-z]*\d)[A-Z0-9/.\-–_ ]{3,40}$")
"""A reference code alone ('UA 12/2024', 'A/HRC/55/1', 'REF-2024-07')."""


def _not_title(text: str) -> bool:
    """A line that is no title whatever the model says: a menu or metadata line, a contact
    or address line, a reference code, a body's name alone (a letterhead without its
    address), or an addressee's line (an honorific or an office first)."""
    from vigil.extract.parties import is_contact_line, names_body
    from vigil.extract.zones import cues
    from vigil.extract.zones.read import clean_addressee_line

    stripped = text.strip()
    if _navigation(stripped) or is_contact_line(stripped) or cues.has_url(stripped) or cues.has_email(stripped):
        return True
    if _METADATA.match(stripped) or _REFERENCE.match(stripped) or len(re.findall(r"\S {3,}\S", stripped)) >= 2:
        return True
    if _short_breadcrumb(stripped) or _kind_label(stripped):
        return True
    if (" · " in stripped or " | " in stripped) and (cues.has_date(stripped) or names_body(stripped)):
        return True
    if cues.memo_field(stripped) == "subject":
        return False
    words = stripped.split()
    if names_body(stripped.title() if stripped.isupper() else stripped) and len(words) <= 8 and not re.search(r"[:!?]", stripped) and (stripped.isupper() or all(w[:1].isupper() or len(w) <= 3 for w in words)):
        return True
    cleaned = clean_addressee_line(stripped)
    return cues.starts_with_honorific(stripped) or (cleaned != stripped and cues.title_first(cleaned) and len(words) <= 14)


def _navigation(text: str) -> bool:
    """A site's menu or a page's metadata line, not a title: items set apart by bars or
    middle dots ('HOME | ABOUT | CASES', 'Petition · Region: X') or by wide gaps."""
    return len(re.findall(r"\s[|·]\s|(?<=\w)\|(?=\w)", text)) >= 2 or len(re.findall(r"\S {3,}\S", text)) >= 3


def _subject_line(ctx: Context) -> Value | None:
    """The letter's subject line without its label ('Re:', 'Objet :', 'Betreff:')."""
    from vigil.extract.zones import cues

    for ln in ctx.lines:
        if cues.memo_field(ln.text) == "subject":
            text = cues.strip_memo_label(ln.text)
            if len(text) >= 4:
                start = ln.start + max(0, ln.text.find(text))
                return Value(text, prov(NAME, "subject_line", 0.6, (start, start + len(text))))
    return None


def _letterhead(ctx: Context, index: int) -> bool:
    """Whether line `index` is a body's name (in capitals, or with an organisation's head
    word) right over a street address or contact line (no date)."""
    from vigil.extract.parties import is_contact_line, names_body

    text = ctx.lines[index].text
    if not (text.isupper() or names_body(text)):
        return False
    after = [ln for ln in ctx.lines[index + 1 : index + 3] if not ln.blank]
    if not after or calendars.find_dates(after[0].text):
        return False
    nxt = after[0].text
    return bool(is_contact_line(nxt) or re.search(r"@|\b(?:Tel|Tél|Fax|P\.?\s?O\.? Box|BP)\b|\d+,?\s+(?:rue|avenue|street|road|via|calle)\b", nxt, re.I))


PAGE_TITLED = frozenset({"html", "eml"})
"""Formats whose own title (a page's heading or title, an e-mail's subject) wins over the
lines, when it has four words or more (a shorter page title is often the site's name)."""

_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|wg|aw|tr|rv|r|i|enc)\s*:\s*)+", re.I)


def run(ctx: Context) -> None:
    lines = [ln for ln in ctx.lines if not ln.blank and ln.start >= ctx.body_start]
    first = lines[0] if lines else None
    consumed = 0
    own = ctx.doc.title if ctx.doc.format in PAGE_TITLED and len((ctx.doc.title or "").split()) >= 4 else None
    zoned = None if own else _zone_title(ctx)
    if zoned is None and ctx.doc.title and ctx.doc.format == "eml":
        title = _REPLY_PREFIX.sub("", ctx.doc.title).strip()
        ctx.result.title = Value(title or ctx.doc.title.strip(), prov(NAME, "email_subject", 0.9))
    elif zoned is not None:
        ctx.result.title = zoned
        if first and zoned.prov.spans and first.start <= zoned.prov.spans[0].start <= first.end:
            consumed = 1
    elif ctx.doc.title:
        ctx.result.title = Value(ctx.doc.title.strip(), prov(NAME, "caller", 1.0))
        if first and first.text.strip() == ctx.doc.title.strip():
            consumed = 1
    elif ctx.meta.get("title"):
        ctx.result.title = Value(ctx.meta["title"], prov(NAME, "front_matter", 0.95))
    elif first and _letterhead(ctx, first.index):
        ctx.result.title = _subject_line(ctx)
    else:
        found = _first_title_line(ctx, lines[:3])
        if found is not None:
            line, value = found
            ctx.result.title = value
            if line is lines[0]:
                consumed = 1
                # the same title repeated on the next line (breadcrumb then heading)
                if len(lines) > 1 and lines[1].text == value.value:
                    consumed = 2
    if ctx.result.title is None:
        ctx.result.title = _standalone_heading(ctx) or _subject_line(ctx)
    if len(lines) > consumed:
        nxt = lines[consumed]
        iso = calendars.find_dates(nxt.text)
        if iso and len(nxt.text) <= 40:
            ctx.meta.setdefault("header_date", iso[0][2])
            consumed += 1
    if consumed and len(lines) >= consumed:
        ctx.body_start = lines[consumed - 1].end


def _first_title_line(ctx: Context, lines: list[Line]) -> tuple[Line, Value] | None:
    """The first of the document's first lines that reads as a title, past the lines that
    are none (a body's name alone, a menu, a reference); a salutation or a sentence ends
    the search, and so does a line the zone model reads as the body."""
    from vigil.extract.zones.labels import Zone

    zones = {z.line.start: z.zone for z in ctx.zones}
    for line in lines:
        if _not_title(line.text):
            continue
        if not _title_like(line.text) or (line is not lines[0] and zones.get(line.start) == Zone.BODY):
            return None
        value = _title_value(line.text, line.start, 0.25, "first_line")
        return (line, value) if value is not None else None
    return None


def _title_like(text: str) -> bool:
    if len(text) > 200 or len(text) < 4 or text.endswith((".", ",", ":", ";")):
        return False
    if _is_salutation(text) or (calendars.find_dates(text) and len(text) < 40):
        return False
    if re.match(r"^(?:H\.?E\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|To:?|The Honou?rable)\s", text):
        return False
    words = text.split()
    return len(words) >= 2
