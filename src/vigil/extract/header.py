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
from vigil.extract.context import Context, prov
from vigil.extract.types import Value
from vigil.vocab import load

NAME = "header"


def _is_salutation(text: str) -> bool:
    return any(re.match(p, text, re.I) for p in load("letter")["salutations"])


def _zone_title(ctx: Context) -> Value | None:
    """The first line the zone model reads as the title; a subject line loses its label.
    A letterhead (a body's name over its address or contacts) is no title: when the model
    read one as the title, the letter's subject line is, if it has one."""
    from vigil.extract.zones import cues
    from vigil.extract.zones.labels import Zone

    letterhead = False
    for zoned in ctx.zones:
        if zoned.zone == Zone.TITLE and zoned.confidence >= 0.5:
            if _letterhead(ctx, zoned.line.index):
                letterhead = True
                continue
            text = zoned.line.text
            if _navigation(text):
                continue
            if cues.memo_field(text) == "subject":
                text = cues.strip_memo_label(text)
            elif "»" in text or " › " in text or " > " in text:
                text = re.split(r"[»›]| > ", text)[-1].strip()
            if len(text) >= 4:
                start = zoned.line.start + max(0, zoned.line.text.find(text))
                return Value(text, prov(NAME, "zone_title", round(0.5 + 0.4 * zoned.confidence, 3), (start, start + len(text))))
    return _subject_line(ctx) if letterhead else None


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


_REPLY_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|wg|aw|tr|rv|r|i|enc)\s*:\s*)+", re.I)


def run(ctx: Context) -> None:
    lines = [ln for ln in ctx.lines if not ln.blank and ln.start >= ctx.body_start]
    first = lines[0] if lines else None
    consumed = 0
    zoned = _zone_title(ctx)
    if zoned is not None:
        ctx.result.title = zoned
        if first and zoned.prov.spans and first.start <= zoned.prov.spans[0].start <= first.end:
            consumed = 1
    elif ctx.doc.title and ctx.doc.format == "eml":
        title = _REPLY_PREFIX.sub("", ctx.doc.title).strip()
        ctx.result.title = Value(title or ctx.doc.title.strip(), prov(NAME, "email_subject", 0.9))
    elif ctx.doc.title:
        ctx.result.title = Value(ctx.doc.title.strip(), prov(NAME, "caller", 1.0))
        if first and first.text.strip() == ctx.doc.title.strip():
            consumed = 1
    elif ctx.meta.get("title"):
        ctx.result.title = Value(ctx.meta["title"], prov(NAME, "front_matter", 0.95))
    elif first and _title_like(first.text) and not _letterhead(ctx, first.index):
        text, start = first.text, first.start
        if "»" in text:
            part = text.rsplit("»", 1)[1].strip()
            start = first.start + first.text.rfind(part)
            text = part
        ctx.result.title = Value(text, prov(NAME, "first_line", 0.6, (start, start + len(text))))
        consumed = 1
        # the same title repeated on the next line (breadcrumb then heading)
        if len(lines) > 1 and lines[1].text == text:
            consumed = 2
    elif first and _letterhead(ctx, first.index):
        ctx.result.title = _subject_line(ctx)
    if len(lines) > consumed:
        nxt = lines[consumed]
        iso = calendars.find_dates(nxt.text)
        if iso and len(nxt.text) <= 40:
            ctx.meta.setdefault("header_date", iso[0][2])
            consumed += 1
    if consumed and len(lines) >= consumed:
        ctx.body_start = lines[consumed - 1].end


def _title_like(text: str) -> bool:
    if len(text) > 200 or len(text) < 4 or text.endswith((".", ",", ":", ";")):
        return False
    if _is_salutation(text) or (calendars.find_dates(text) and len(text) < 40):
        return False
    if re.match(r"^(?:H\.?E\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|To:?|The Honou?rable)\s", text):
        return False
    words = text.split()
    return len(words) >= 2
