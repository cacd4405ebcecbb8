"""Stage: the role of every line (its zone), from the shipped CRF model.

Sets `ctx.zones`, which the letter stage reads senders, addressees, copies
and signatories from. See `vigil.extract.zones` for the model, its features
and its training.

One layout is regular enough to be read by rule over the model: a line that
opens with a copy marker ('Copy to:', 'c.c.', 'Копия:', 'رونوشت:') and the
item lines under it are a copy list, wherever it stands (above the salutation,
below the signature, or in a page's chrome), since the model, trained on few
such lists in each position, sometimes reads them as body or signature.
"""

from __future__ import annotations

import re
from dataclasses import replace

from vigil.extract.context import Context
from vigil.extract.zones import cues, tagger
from vigil.extract.zones.labels import Zone
from vigil.extract.zones.read import Zoned, strip_copy_marker

NAME = "zones"

_STOPS = (Zone.SALUTATION, Zone.TITLE, Zone.DATE, Zone.CLOSING, Zone.SUBJECT, Zone.QUOTE_START)
"""Zones that end a copy list the marker opened: the letter goes on."""
_ITEM_MAX = 200


def run(ctx: Context) -> None:
    zoned = [Zoned(line, zone, sure, title) for line, zone, sure, title in tagger.tag(ctx.text)]
    ctx.tagged = zoned
    ctx.zones = copy_lists(zoned)


def copy_marker(text: str) -> bool:
    """A line that opens a copy list: the marker alone, or the marker with its own
    punctuation ('cc:', 'c.c.', 'Copie à :') before the first recipient — never a word
    that merely begins like one ('Copyright', 'Copia de la sentencia')."""
    if cues.memo_field(text) == "cc":
        return True
    for pattern in cues.copy_marker_patterns():
        m = pattern.match(text)
        if m and (m.end() == len(text) or re.search(r"[:.\-\u2013]", m.group(0))):
            return True
    return False


def copy_lists(zoned: list[Zoned]) -> list[Zoned]:
    """`zoned` with each marked copy list labelled as copies (see the module's docstring)."""
    out = list(zoned)
    i = 0
    while i < len(out):
        z = out[i]
        text = z.line.text.strip()
        if z.zone is Zone.COPIES or len(text) > 2 * _ITEM_MAX or not copy_marker(text):
            i += 1
            continue
        out[i] = replace(z, zone=Zone.COPIES)
        alone = not strip_copy_marker(text)  # the items begin on the next line
        j = i + 1
        while j < len(out):
            nxt = out[j]
            gap = nxt.line.index - out[j - 1].line.index > 1
            text = nxt.line.text.strip()
            if (gap and not (alone and j == i + 1)) or nxt.zone in _STOPS or len(text) > _ITEM_MAX:
                break
            if copy_marker(text):
                break
            out[j] = replace(nxt, zone=Zone.COPIES)
            j += 1
        i = j
    return out
