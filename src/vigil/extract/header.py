# ruff: noqa: E501, RUF001
"""Stage: the document's title and header lines.

The caller's title (page or e-mail metadata) wins, then the front matter's.
Otherwise a short first line that is not a sentence, a salutation or an
addressee is the title; a breadcrumb line ('Home » Section » Title') gives
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
    """The first line the zone model reads as the title; a subject line loses its label."""
    from vigil.extract.zones import cues
    from vigil.extract.zones.labels import Zone

    for zoned in ctx.zones:
        if zoned.zone == Zone.TITLE and zoned.confidence >= 0.5:
            text = zoned.line.text
            if cues.memo_field(text) == "subject":
                text = cues.strip_memo_label(text)
            elif "»" in text or " › " in text:
                text = re.split(r"[»›]", text)[-1].strip()
            if len(text) >= 4:
                start = zoned.line.start + max(0, zoned.line.text.find(text))
                return Value(text, prov(NAME, "zone_title", round(0.5 + 0.4 * zoned.confidence, 3), (start, start + len(text))))
    return None


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
    elif first and _title_like(first.text):
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
