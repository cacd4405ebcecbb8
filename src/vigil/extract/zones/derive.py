# ruff: noqa: E501
"""Line labels for training, derived from an answer key (`*.gold.json`).

The answer key says who sent, who was addressed and who was copied, the
document's title, date and contacts, not where they are written; this module
finds the lines that carry them, using the layout cues the features also use:
an addressee line is a line before the salutation that names a gold
addressee (and the short lines of its block under it), a signature line one
after the closing that names a gold sender, and so on. What no key explains
is body (prose, or anything between salutation and closing) or page chrome
(short lines before the content starts or after it ends). Used only by
`train.py`; the shipped model never sees an answer key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from vigil.extract import calendars
from vigil.extract.zones import cues
from vigil.extract.zones.features import ZoneLine
from vigil.extract.zones.labels import Zone

_SKIP = {"the", "of", "and", "for", "des", "del", "der", "die", "les", "de", "la", "le", "el", "di", "al"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _tokens(text: str) -> list[str]:
    return [w for w in fold(text).split() if len(w) >= 3 and w not in _SKIP]


def _names(party: Any, roles: bool = False) -> list[list[str]]:
    """Token lists that identify a gold party: its name and aliases, and with `roles`
    its title and organisation too."""
    if isinstance(party, str):
        party = {"name": party}
    if not isinstance(party, dict):
        return []
    out = [_tokens(party.get(k) or "") for k in ("title", "organization") if roles and _tokens(party.get(k) or "")]
    name = re.sub(r"\([^)]*\)", " ", party.get("name") or "")
    name = re.sub(r"^(?:family of|famille de|familia de|familie|famiglia di|خانواده)\s+", "", name, flags=re.I)
    if _tokens(name):
        out.append(_tokens(name))
    for alias in re.findall(r"\(([^)]*)\)", party.get("name") or ""):
        if _tokens(alias):
            out.append(_tokens(alias))
    return out


def _mentions(line: str, names: list[list[str]]) -> bool:
    words = set(fold(line).split())
    for tokens in names:
        hit = sum(1 for t in tokens if t in words)
        if len(tokens) == 1 and hit == 1:
            return True
        if len(tokens) >= 2 and hit >= max(2, (len(tokens) + 1) // 2) and tokens[-1] in words | set(tokens[:-1]):
            return True
    return False


def _any(line: str, parties: Iterable[Any], roles: bool = False) -> bool:
    return any(_mentions(line, _names(p, roles)) for p in parties)


def _similar(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, fold(a), fold(b)).ratio() >= 0.8


def _prose(text: str) -> bool:
    return (len(text.split()) >= 8 and text.rstrip()[-1:] in ".!?:;,»\"”)") or len(text) > 160


def derive(lines: list[ZoneLine], gold: dict[str, Any]) -> list[Zone]:
    """One label per line (the order of `lines`)."""
    n = len(lines)
    labels: list[Zone | None] = [None] * n
    texts = [ln.text for ln in lines]
    senders = gold.get("senders") or []
    addressees = gold.get("addressees") or []
    copies = gold.get("copies_to") or []
    title = gold.get("title")
    date = gold.get("date")

    if title:
        for i in range(min(n, max(12, n // 3))):
            if _similar(texts[i], title) or (fold(texts[i]).endswith(fold(title)) and len(fold(title)) > 10):
                labels[i] = Zone.TITLE
                break
    sal = next((i for i, t in enumerate(texts) if len(t) <= 120 and cues.matches("salutations", t)), None)
    if sal is not None:
        labels[sal] = Zone.SALUTATION
    after_sal = (sal or 0) + 1
    close = max(
        (i for i, t in enumerate(texts) if i >= after_sal and len(t) <= 220 and cues.matches("closings", t)),
        default=None,
    )
    if close is not None:
        labels[close] = Zone.CLOSING
    for i, t in enumerate(texts):
        if labels[i] is None and len(t) <= 160 and cues.matches("quote_starts", t):
            labels[i] = Zone.QUOTE_START
    if date:
        for i, t in enumerate(texts):
            if labels[i] is None and len(t) <= 90 and any(d[2] == date for d in calendars.find_dates(t)):
                labels[i] = Zone.DATE
                break

    head_end = sal if sal is not None else max(1, int(n * 0.4))
    tail_start = close + 1 if close is not None else int(n * 0.5)

    def extend(i: int, zone: Zone, limit: int = 6, named: Zone | None = None) -> None:
        """The short lines under line i, in its block, take `zone` (or `named` when
        they name the party too)."""
        j = i + 1
        while j < n and j - i <= limit and not lines[j].blank_before and labels[j] is None:
            t = texts[j]
            if _prose(t) or len(t) > 120 or cues.memo_field(t) in ("subject", "date", "cc"):
                break
            if cues.matches("copy_markers", t) or cues.matches("closings", t) or cues.matches("salutations", t):
                break
            labels[j] = named if named is not None and _any(t, addressees, roles=True) else zone
            j += 1

    # memo header fields
    for i, t in enumerate(texts):
        if labels[i] is not None:
            continue
        field = cues.memo_field(t)
        if field == "to" and _any(t, addressees):
            labels[i] = Zone.ADDRESSEE
        elif field == "from" and _any(t, senders):
            labels[i] = Zone.SENDER
        elif field == "cc" and (_any(t, copies) or copies):
            labels[i] = Zone.COPIES
        elif field in ("subject", "date") and i < head_end + 3:
            labels[i] = Zone.SUBJECT if field == "subject" else Zone.DATE
    # addressee block, before the salutation
    for i in range(min(head_end, n)):
        if labels[i] is None and len(texts[i]) <= 150 and not _prose(texts[i]) and _any(texts[i], addressees):
            labels[i] = Zone.ADDRESSEE
            extend(i, Zone.ADDRESS, named=Zone.ADDRESSEE)
    # sender's letterhead, before the salutation: the sender or its organisation
    orgs = [p.get("organization") for p in senders if isinstance(p, dict) and p.get("organization")]
    for i in range(min(head_end, n)):
        if labels[i] is None and len(texts[i]) <= 120 and not _prose(texts[i]) and _any(texts[i], [*senders, *orgs]):
            labels[i] = Zone.SENDER
    # signatures and copies, after the closing (or in the second half)
    copy_at = next(
        (i for i in range(tail_start, n) if labels[i] is None and len(texts[i]) <= 200 and cues.matches("copy_markers", texts[i])),
        None,
    )
    for i in range(tail_start, n):
        t = texts[i]
        if labels[i] is not None or len(t) > 200 or (_prose(t) and len(t) > 100):
            continue
        in_copies = copy_at is not None and i >= copy_at
        if in_copies and (i == copy_at or _any(t, copies)):
            labels[i] = Zone.COPIES
        elif _any(t, senders) and not in_copies:
            labels[i] = Zone.SIGNATURE
            extend(i, Zone.SIGNATURE, 3)
        elif _any(t, copies):
            labels[i] = Zone.COPIES
    # the lines of a copy list between its first and last hit
    hits = [i for i in range(n) if labels[i] == Zone.COPIES]
    for i in range(hits[0] if hits else n, hits[-1] if hits else 0):
        if labels[i] is None and len(texts[i]) <= 160:
            labels[i] = Zone.COPIES
    contacts = gold.get("contacts") or {}
    marks = [c.lower() for c in contacts.get("emails") or []]
    phones = ["".join(ch for ch in p if ch.isdigit())[-7:] for k in ("phones", "faxes") for p in contacts.get(k) or []]
    for i, t in enumerate(texts):
        if labels[i] is not None:
            continue
        digits = "".join(ch for ch in t if ch.isdigit())
        if any(m in t.lower() for m in marks) or any(p and len(p) == 7 and p in digits for p in phones):
            labels[i] = Zone.CONTACT
    # the rest: body between salutation and closing or prose; chrome around the content
    structural = [i for i, z in enumerate(labels) if z is not None and z != Zone.TITLE]
    first_prose = next((i for i, t in enumerate(texts) if _prose(t)), n)
    content_start = min([first_prose, *structural]) if structural or first_prose < n else 0
    last_prose = max((i for i, t in enumerate(texts) if _prose(t)), default=-1)
    content_end = max([last_prose, *structural]) if structural or last_prose >= 0 else n - 1
    out: list[Zone] = []
    for i, z in enumerate(labels):
        if z is not None:
            out.append(z)
        elif sal is not None and close is not None and sal < i < close:
            out.append(Zone.BODY)
        elif i < content_start or i > content_end:
            out.append(Zone.CHROME)
        else:
            out.append(Zone.BODY)
    return out
