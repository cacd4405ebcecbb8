# ruff: noqa: E501, RUF001
"""Line cues shared by the zone features and the label derivation: each
language's salutations, closings, copy markers, memo labels and signature
and quotation cues (from `vigil.vocab.languages`), plus the few shapes that
are the same in every language (dates, phones, e-mail addresses)."""

from __future__ import annotations

import re
from functools import cache

from vigil.extract import calendars, prefilter
from vigil.vocab import languages, load


@cache
def _section(section: str) -> tuple[re.Pattern[str], ...]:
    found = [rule.pattern for rule in languages.rules(section)]
    legacy = {"salutations": "salutations", "closings": "closings", "copy_markers": "copy_headers"}
    if section in legacy:  # the older letter vocabulary, until every cue lives in a language file
        found += [re.compile(p, re.I) for p in load("letter")[legacy[section]]]
    return tuple(found)


def copy_marker_patterns() -> tuple[re.Pattern[str], ...]:
    return _section("copy_markers")


def matches(section: str, text: str) -> bool:
    folded = prefilter.fold_line(text)
    if not prefilter.may_match(_any_in_section(section), folded):
        return False  # no cue of the section can match
    return any(prefilter.search(p, text, folded) for p in _section(section))


LINE_SECTIONS = ("salutations", "closings", "copy_markers", "quote_starts", "signature_cues")
"""The cue sections a line is asked about for its zone features."""


@cache
def _line_cues() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], prefilter.Literals]:
    """Every pattern of `LINE_SECTIONS` with its section, and the office titles
    ('office_title'), with their literals for one scan."""
    entries = (*((section, p) for section in LINE_SECTIONS for p in _section(section)), ("office_title", _title()))
    return entries, prefilter.Literals([p for _, p in entries])


def line_cues(text: str) -> set[str]:
    """The sections of `LINE_SECTIONS` a cue of which matches `text`, and 'office_title'
    when it names an office (`matches` and `has_title` at once, from one pass)."""
    entries, index = _line_cues()
    found: set[str] = set()
    for i in index.candidates(prefilter.fold_line(text)):
        section, pattern = entries[i]
        if section not in found and pattern.search(text):
            found.add(section)
    return found


@cache
def _any_in_section(section: str) -> prefilter.Required:
    return prefilter.union(list(_section(section)))


@cache
def _memo() -> dict[str, re.Pattern[str]]:
    out = {}
    for field in languages.MEMO_FIELDS:
        labels = sorted(languages.memo_labels(field), key=len, reverse=True)
        if labels:
            alts = "|".join(re.escape(label) for label in labels)
            out[field] = re.compile(rf"^\s*(?:{alts})\s*[:：]", re.I)
    return out


def memo_field(text: str) -> str | None:
    """'to', 'from', 'date', 'subject' or 'cc' when the line starts with that memo label."""
    for field, pattern in _memo().items():
        if pattern.match(text):
            return field
    return None


def strip_memo_label(text: str) -> str:
    for pattern in _memo().values():
        m = pattern.match(text)
        if m:
            return text[m.end():].strip()
    return text


_PHONE = re.compile(r"(?:\+|\b00)\d[\d\s().-]{6,}\d|\b(?:tel|tél|phone|fax|telefon|teléfono|telefono)\b", re.I)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{1,190}")
"""Bounded and anchored at the start of a word: linear on a long run of letters."""
_URL = re.compile(r"https?://|www\.", re.I)


def has_phone(text: str) -> bool:
    return bool(_PHONE.search(text))


def has_email(text: str) -> bool:
    return bool(_EMAIL.search(text))


def has_url(text: str) -> bool:
    return bool(_URL.search(text))


def has_date(text: str) -> bool:
    return bool(calendars.find_dates(text))


@cache
def _honorific() -> re.Pattern[str]:
    from vigil.extract import (
        capitalised,  # every language's words, the language files' and the extra ones
    )

    words = sorted(set(capitalised.honorifics()) | set(load("letter")["honorifics"]), key=len, reverse=True)
    alts = "|".join(re.escape(w) for w in words if w)
    return re.compile(rf"^(?:{alts})(?=[\s,]|$)", re.I)


@cache
def _title() -> re.Pattern[str]:
    from vigil.extract import capitalised

    words = sorted(set(capitalised.titles()) | set(load("letter")["titles"]), key=len, reverse=True)
    alts = "|".join(re.escape(w) for w in words if w)
    return re.compile(rf"\b(?:{alts})\b", re.I)


def title_first(text: str) -> bool:
    """Whether the text begins with an office title ('Minister of ...', 'Head of ...')."""
    m = _title().search(text)
    return bool(m and m.start() == 0)


_BODY_WORD = re.compile(r"(?:[A-Z][\w'’.-]*|[A-Z]{2,})\Z")


def title_within(text: str) -> int | None:
    """Where an office title starts after the name of the body it belongs to, written as
    one run of capitalised words ('United Nations High Commissioner', 'UNHCR
    Representative'); None when a title does not follow such a run."""
    m = _title().search(text)
    if m is None or m.start() == 0:
        return None
    before = re.sub(r"^(?:the|The)\s+", "", text[: m.start()].strip())
    words = before.split()
    if not words or not all(_BODY_WORD.match(w) for w in words):
        return None
    return m.start()


def leading_title(text: str) -> str | None:
    """The office title a text begins with ('Prime Minister' of 'Prime Minister of X')."""
    m = _title().match(text)
    return m.group(0) if m else None


def starts_with_honorific(text: str) -> bool:
    return bool(_honorific().match(text))


def has_title(text: str) -> bool:
    return bool(prefilter.search(_title(), text))


_ARTICLE = re.compile(r"^(?:the|le|la|l['’]|les|el|los|las|il|lo|gli|der|die|den|dem|des|al|alla|allo|al|an|à|au|aux|a|to)\s*(?=\S)", re.I)


def strip_honorifics(text: str) -> str:
    """Leading honorifics of any language and the article after them, repeatedly
    ('Son Excellence Monsieur le Président' -> 'Président'; 'Excmo. Sr. Embajador' -> 'Embajador')."""
    out = text.strip()
    for _ in range(6):
        m = _honorific().match(out)
        if m:
            out = out[m.end():].lstrip(" ,")
            continue
        m = _ARTICLE.match(out)
        rest = out[m.end():] if m else ""
        if m and rest and (_honorific().match(rest) or title_first(rest) or _ARTICLE.match(rest)):
            out = out[m.end():].lstrip(" ,")
            continue
        break
    return out


@cache
def _org_word() -> re.Pattern[str]:
    words = sorted(set(load("letter")["organisation_heads"]), key=len, reverse=True)
    alts = "|".join(re.escape(w) for w in words if w)
    return re.compile(rf"\b(?:{alts})\b", re.I)


def has_org_word(text: str) -> bool:
    return bool(_org_word().search(text))
