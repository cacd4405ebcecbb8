# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001
"""Name folding and comparison shared by the components."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from vigil import vocab

_HONORIFIC_WORDS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "he", "his excellency",
    "her excellency", "excellency", "hon", "honorable", "honourable", "the", "m", "mme",
    "monsieur", "madame", "rep", "sen", "h", "e",
}


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces (remembered: the
    components compare the same names again and again)."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").lower()
    text = re.sub(r"[^\w\s]", " ", text)
    words = text.split()
    while words and words[0] in _HONORIFIC_WORDS:
        words = words[1:]
    return " ".join(words)


def tokens(name: str) -> set[str]:
    return set(fold(re.sub(r"\([^)]*\)", " ", name)).split())


def alias_forms(name: str) -> set[str]:
    found = {fold(p) for p in re.findall(r"\(([^)]*)\)", name)}
    found.add(fold(re.sub(r"\([^)]*\)", " ", name)))
    return {a for a in found if a}


@lru_cache(maxsize=8192)
def same_person(a: str, b: str) -> bool:
    """'Bakhtiar' ~ 'Shapoor Bakhtiar': one name's words are inside the other's."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    common = ta & tb
    return (ta <= tb or tb <= ta) and any(len(w) >= 3 for w in common)


def same_body(a: str, b: str) -> bool:
    """Same organisation or place: equal folded form or a shared parenthesised alias."""
    return bool(alias_forms(a) & alias_forms(b))


def strip_honorifics(name: str) -> str:
    """'H.E. Jean Dupont' -> 'Jean Dupont'."""
    words = vocab.load("letter")["honorifics"]
    changed = True
    out = name.strip(" ,;:*_")
    while changed:
        changed = False
        for h in sorted(words, key=len, reverse=True):
            if out.startswith(h + " ") or out == h:
                out = out[len(h):].strip(" ,;:")
                changed = True
    return out


@cache
def _heads() -> frozenset[str]:
    return frozenset(w.lower() for w in vocab.load("letter")["organisation_heads"])


def looks_like_person(text: str) -> bool:
    """Two to five capitalised words, no digits, no organisation head word."""
    text = text.strip()
    if not text or re.search(r"\d|@|http|www\.", text) or len(text) > 60:
        return False
    words = re.split(r"\s+", text)
    if not 2 <= len(words) <= 5:
        return False
    heads = _heads()
    small = {"de", "da", "del", "der", "van", "von", "al", "el", "bin", "ibn", "du", "la", "le", "y", "e", "dos", "das", "di", "jr.", "jr"}
    for w in words:
        bare = w.strip(",.'’\"“”")
        if bare.lower() in heads:
            return False
        if bare.lower() in small or re.fullmatch(r"[A-Z]\.", bare) or re.match(r"(?:al|el|ad|as|ash|ibn|bin|abu|d)[-'’][A-Z‘’]", bare):
            continue
        if not bare or not (bare[0].isupper() or bare[0] in "‘'") :
            return False
    return True


_FAMILY_OF = re.compile(r"(?i)^(?:the\s+)?famil(?:y|ies)\s+of\s+(.+)$|^(?:la\s+)?famille\s+(?:de\s+|d')(.+)$")


def family_namesake(name: str) -> str | None:
    """'family of Daniel Oroszi' -> 'Daniel Oroszi' (the person a family speaks for)."""
    m = _FAMILY_OF.match(name.strip())
    who = (m.group(1) or m.group(2)).strip() if m else None
    return who if who and looks_like_person(who) else None
