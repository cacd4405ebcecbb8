"""Known aliases: names one party is widely known by that no spelling rule links.

'MEK', 'MKO', 'PMOI' and "People's Mojahedin Organization of Iran" are one
organisation, but neither initials nor transliteration say so. The groups
are data (`vocab/party_aliases.json`); a name belongs to a group when its
normalised words (or its acronym) equal those of one of the group's names.
"""

from __future__ import annotations

from functools import cache

from vigil import vocab
from vigil.resolve.normalise import NormalName, normalise


@cache
def _index() -> dict[tuple[str, tuple[str, ...]], int]:
    index: dict[tuple[str, tuple[str, ...]], int] = {}
    for number, group in enumerate(vocab.load("party_aliases")["groups"]):
        for alias in group["names"]:
            index[_key(normalise(alias, "organization"))] = number
    return index


def _key(name: NormalName) -> tuple[str, tuple[str, ...]]:
    if name.acronym:
        return ("acronym", (name.acronym,))
    return ("words", tuple(sorted(name.tokens)))


def alias_group(name: NormalName) -> int | None:
    """The number of the known-alias group `name` belongs to, if any (organisations only)."""
    if name.kind not in (None, "organization", "group"):
        return None
    return _index().get(_key(name))


@cache
def given_name_forms() -> dict[str, str]:
    """Each usual form of a given name → its first form ('bob' → 'robert',
    'roman' → 'raman'; `given_name_forms` of `vocab/case_words.json`)."""
    groups: list[list[str]] = vocab.load("case_words").get("given_name_forms", [])
    return {form: group[0] for group in groups for form in group}


def same_given_name(x: str, y: str) -> bool:
    """Whether two given names (lower case) are forms of one name."""
    forms = given_name_forms()
    return forms.get(x, x) == forms.get(y, y)
