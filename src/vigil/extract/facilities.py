# Typographic quotes and dashes are matched as written, and the patterns are long.
# ruff: noqa: E501, RUF001
"""Named places of detention and custody, and street addresses that are no place.

A prison, colony, camp or police station is a place a letter names in many
shapes: a name before the head word ('Evin Prison', 'the Badr police
station'), a number after it ('Prison No. 8', 'penal colony No. 17', 'ИК-7'),
a name after a linking word ('prison de Badr 3', 'centre de rétention de
Lyon'), or a name right after the head ('Camp Liberty', 'زندان اوین'). The
head words are each language's `place_heads` (vocab/languages_words.json);
the fullest form is the location, and the bare name inside it is not a second
place. A street ('12 Charles Street', 'Tollbugata 24', '56, avenue d'Iéna')
is part of an address, which the reading rules leave out of the locations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vigil.extract import capitalised
from vigil.extract.occurrences import whole
from vigil.extract.parties import country_table

MAX_NAME_WORDS = 3
"""Capitalised words read before or after a head word as the place's name."""

_NUMBER = re.compile(r"(?:\s*(?:No\.?|Nr\.?|№|n[°º]\.?|#)\s*|\s+|-)(\d{1,3})\b(?![.,]\d)")
_QUOTED = re.compile(r"\s*[«\"“]([^»\"”\n]{2,30})[»\"”]")
_LINK = re.compile(r"\s+(?:of|de|du|des|di|del|della|d['’])\s*(?:la\s+|l['’])?", re.I)
_WORD = re.compile(r"(?:(?:al|el|Al|El)[-‐])?[^\W\d_][\w'’]*(?:-[\w'’]+)*")
_RTL = re.compile(r"[\u0600-\u06ff]")


@dataclass(frozen=True)
class Facility:
    """One named place of detention found in a text."""

    text: str
    start: int
    end: int
    name: str
    """The name without the head word and number ('Evin' of 'Evin Prison'); may be empty."""


@cache
def _heads(language: str | None) -> re.Pattern[str]:
    codes = [c for c in dict.fromkeys([language or "en", "en"]) if c]
    words = sorted({w for code in codes for w in capitalised.words("place_heads", code)}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.I)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or bool(_RTL.match(word[:1]))


def _name_before(text: str, at: int, common: frozenset[str]) -> int:
    """Start of up to `MAX_NAME_WORDS` capitalised words right before `at` on its line;
    leading words the text also writes in lower case are no part of a name."""
    line_start = text.rfind("\n", 0, at) + 1
    words = list(_WORD.finditer(text, line_start, at))
    start = at
    for w in reversed(words[-MAX_NAME_WORDS:]):
        between = text[w.end():start]
        if between.strip() or not _capitalised(w.group(0)) or _RTL.match(w.group(0)):
            break
        start = w.start()
    words = list(_WORD.finditer(text, start, at))
    for i, w in enumerate(words):
        if w.group(0).lower() not in common:
            if any(_not_name(v.group(0)) for v in words[i:]) or text[w.start():at].isupper():
                return at
            return w.start()
    return at


def _not_name(word: str) -> bool:
    """A nationality, a body's head word or a possessive names no particular place:
    'an Albanian camp', 'the Ministry's detention facility'."""
    low = word.lower()
    return (
        low.endswith(("'s", "’s"))
        or low in country_table()
        or low in capitalised.organisation_heads()
    )


def _name_after(text: str, at: int, common: frozenset[str]) -> int:
    """End of up to `MAX_NAME_WORDS` capitalised words right after `at` on its line."""
    end = at
    for w in _WORD.finditer(text, at):
        gap = text[end:w.start()]
        if w.start() > end + 2 or "\n" in gap or gap.strip() or w.group(0).lower() in common:
            break
        if not _capitalised(w.group(0)):
            break
        end = w.end()
        if _RTL.match(w.group(0)) or text[at:end].count(" ") >= MAX_NAME_WORDS:
            break
    return end


def find(text: str, language: str | None) -> list[Facility]:
    """Every named place of detention in `text`, fullest form, in order."""
    common = frozenset(re.findall(r"(?<![\w-])[a-zà-ÿа-я][\w'’]*", text)) | capitalised.stop_words(language)
    found: list[Facility] = []
    for m in _heads(language).finditer(text):
        start, end = _name_before(text, m.start(), common), m.end()
        name = text[start:m.start()].strip()
        number = _NUMBER.match(text, end)
        if number:
            end = number.end()
        quoted = _QUOTED.match(text, end)
        if quoted:
            end, name = quoted.end(), name or quoted.group(1)
        if not name and not number:
            link = _LINK.match(text, end)
            after = _name_after(text, link.end() if link else end, common)
            if after > (link.end() if link else end):
                name = text[link.end() if link else end:after].strip()
                end = after
                tail = _NUMBER.match(text, end)
                if tail and link:
                    end = tail.end()
        if (not name and not number) or text[start:end].isupper():
            continue
        if found and start < found[-1].end:
            continue
        found.append(Facility(text[start:end], start, end, name))
    return found


@cache
def _street_words() -> re.Pattern[str]:
    words = sorted(set(capitalised.words("street_words")), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I)


_HOUSE_NUMBER = re.compile(r"(?<![\w.])\d{1,4}[A-Za-z]?(?![\w.])")


def street(text: str, place: str) -> bool:
    """Whether `place` is a street: it holds a street word ('Charles Street', 'Calle
    Jerez'), or every time the text writes it, its part of an address line holds
    nothing else than a house number and street words ('Tollbugata 24', '145 X',
    '56, avenue d'Iéna'); a postcode before a town ('75116 Paris') is no house number."""
    if _street_words().search(place):
        return True
    hits = [a for a, _ in whole(text, place)]
    return bool(hits) and all(_in_street(text, at, place) for at in hits)


def street_name(text: str, name: str) -> bool:
    """Whether a name the tagger took for a person's is a street's: every time the text
    writes it, a street word stands right before or after it ('rue X', 'ul. X', 'X Cad.',
    'X Ave') or its part of an address line holds nothing else than a house number and
    street words ('X 14')."""
    hits = whole(text, name)
    return bool(hits) and all(
        _street_beside(text, a, b) or _in_street(text, a, name) for a, b in hits
    )


def _street_beside(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 16):start].rsplit("\n", 1)[-1].split()
    after = text[end:end + 16].split("\n", 1)[0].lstrip(".").split()
    return bool(before and _street_word(before[-1])) or bool(after and _street_word(after[0]))


def _street_word(word: str) -> bool:
    bare = word.strip(",;")
    return any(_street_words().fullmatch(w) for w in (bare, bare.rstrip("."), bare.rstrip(".") + "."))


def _in_street(text: str, at: int, place: str) -> bool:
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    segments = re.split(r"\s*(?:,|·|\||;|<br\s*/?>|\s[–—-]\s)\s*", line)
    here = next((s for s in segments if place in s), "")
    rest = here.replace(place, " ", 1)
    numbered = bool(_HOUSE_NUMBER.search(rest)) and not re.fullmatch(r"\s*\d{4,6}\s*", rest)
    named = bool(_street_words().search(rest)) and bool(_HOUSE_NUMBER.search(line))
    left = _street_words().sub(" ", _HOUSE_NUMBER.sub(" ", rest))
    left = re.sub(r"(?i)(?<!\w)(?:de|du|des|la|le|d['’]|l['’]|of|the|di|del)(?!\w)", " ", left)
    return (numbered or named) and not left.strip(" .,")


__all__ = ["Facility", "find", "street", "street_name"]
