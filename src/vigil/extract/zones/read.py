# ruff: noqa: E501, RUF001
"""Parties read from zoned lines: addressee blocks, signatories, copy lists.

Pure functions over the tagger's output; the letter stage decides when to
trust them (a zone the model is unsure of falls back to the rules there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vigil.extract.zones import cues
from vigil.extract.zones.features import ZoneLine
from vigil.extract.zones.labels import Zone
from vigil.vocab import load


@dataclass(frozen=True)
class Zoned:
    """One non-blank line and the zone the model gave it."""

    line: ZoneLine
    zone: Zone
    confidence: float
    title: float = 0.0
    """The model's marginal probability that the line is the title, whatever its label."""


def lines_of(zoned: list[Zoned], *zones: Zone) -> list[Zoned]:
    return [z for z in zoned if z.zone in zones]


def blocks(zoned: list[Zoned], zone: Zone) -> list[list[Zoned]]:
    """Runs of consecutive lines of one zone; a blank line or another zone ends a run."""
    out: list[list[Zoned]] = []
    current: list[Zoned] = []
    for z in zoned:
        if z.zone == zone and not (current and z.line.blank_before):
            current.append(z)
            continue
        if current:
            out.append(current)
        current = [z] if z.zone == zone else []
    if current:
        out.append(current)
    return out


_NEW_PARTY = re.compile(
    r"^(?:to\s*:\s*)?(?:H\.?\s?E\.?|His|Her|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|The Honou?rable|Hon\.?|"
    r"Monsieur|Madame|M\.|Mme|Señor|Señora|Sr\.|Sra\.|Herrn?|Frau|Sig\.|Sig\.ra|On\.|Dott\.)\s",
    re.I,
)


def starts_party(text: str) -> bool:
    """A line that opens a new party: an honorific or a memo 'To:' first."""
    return bool(_NEW_PARTY.match(text)) or cues.memo_field(text) == "to" or cues.starts_with_honorific(text)


_LABEL = re.compile(r"^(?:\w+\s){0,4}\w+\s?:\s+(?=\S)")
"""A short label before a colon ('To be put to: ...', 'Destinataire : ...')."""


def clean_addressee_line(text: str) -> str:
    """An addressee line without its memo label, bullet, honorifics and leading article:
    'À : Son Excellence Monsieur le Président de la République' -> 'Président de la République'."""
    text = cues.strip_memo_label(text) if cues.memo_field(text) else _LABEL.sub("", text)
    text = re.sub(r"^[–\-•*·▪]\s*", "", text).strip()
    return cues.strip_honorifics(text).strip(" ,;:")


def office_words(text: str) -> bool:
    """Whether a name reads as an office or a body (a title or an organisation word in it)."""
    return cues.has_title(text) or cues.has_org_word(text)


def opens_with_office(text: str) -> bool:
    """'Head of Delegation, ...', 'Minister of ...': a line that begins with an office title."""
    cleaned = clean_addressee_line(text)
    return cues.has_title(cleaned.split(",", 1)[0][:40]) and cues.title_first(cleaned)


_FORWARD = re.compile(r"^\s*(?:fwd?|wg|tr|i|rv|enc|ynt|пересл)\s*:", re.I)


def forwarded(subject: str) -> bool:
    """A forwarded message: its own headers are the forwarder's, not the letter's."""
    return bool(_FORWARD.match(subject or ""))


def header_names(value: str) -> list[str]:
    """The display names of an address header ('A <a@x>, "B, C" <b@y>'); bare addresses are skipped."""
    from email.utils import getaddresses

    out = []
    for name, address in getaddresses([value]):
        name = name.strip().strip('"').strip()
        if name and "@" not in name and "undisclosed" not in name.lower() and len(name) >= 3:
            out.append(name)
        elif not name and address and "@" not in address and len(address) >= 3:
            out.append(address.strip())
    return out


def split_parties(block: list[Zoned]) -> list[list[Zoned]]:
    """An addressee block naming several people one after another, cut where a
    new line opens with an honorific or a memo 'To:' after the first party's lines."""
    out: list[list[Zoned]] = []
    for z in block:
        text = z.line.text
        starts = bool(_NEW_PARTY.match(text)) or cues.memo_field(text) == "to"
        if out and starts and len(out[-1]) >= 2:
            out.append([z])
        elif out:
            out[-1].append(z)
        else:
            out.append([z])
    return out


@cache
def _recipient_article() -> re.Pattern[str]:
    """'All'Ambasciatore …', 'Au Défenseur …', 'An den Präsidenten …': the article a
    recipient is written to with, before the office it names (vocab/letter.json)."""
    words = sorted(load("letter")["recipient_articles"], key=len, reverse=True)
    alts = "|".join(re.escape(w) for w in words)
    return re.compile(rf"^(?:{alts})(?:\s+|(?<=['’]))(?=[A-ZÀ-Ý])")


def copy_items(zoned: list[Zoned]) -> list[tuple[ZoneLine, str]]:
    """The copy recipients, one per line (a marker alone is skipped; 'cc: A; B' and Arabic-script 'A؛ B' split)."""
    out: list[tuple[ZoneLine, str]] = []
    for z in zoned:
        text = strip_copy_marker(z.line.text)
        text = re.sub(r"^[–\-•*·▪]\s*", "", text).strip(" ,;.")
        text = _recipient_article().sub("", text)
        if not text or has_phone(text) or re.search(r"@\w|https?://|www\.", text):
            continue
        parts = [p.strip(" ,.") for p in re.split(r"\s*[;؛]\s*", text)]
        out.extend((z.line, p) for p in parts if p)
    return out


def strip_copy_marker(text: str) -> str:
    stripped = cues.strip_memo_label(text) if cues.memo_field(text) == "cc" else text
    for pattern in cues.copy_marker_patterns():
        m = pattern.match(stripped)
        if m:
            return stripped[m.end():].strip(" :.-–")
    return stripped


def is_copy_marker(text: str) -> bool:
    """A line that opens a copy list ('cc:', 'Copie à :', 'Nachrichtlich:', 'Копия:')."""
    return cues.memo_field(text) == "cc" or any(p.match(text) for p in cues.copy_marker_patterns())


def has_phone(text: str) -> bool:
    return cues.has_phone(text) and sum(c.isdigit() for c in text) >= 7
