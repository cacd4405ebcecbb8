"""Offices and the people who hold them. Pure.

A document that names a person with an office's title ("Jane Doe, Minister of the
Interior", an addressee block with a title line) says that person holds that office.
The extraction gives a sender's, addressee's or copy's `title` with its
`organization` and `country`; `office_name` makes the office's name from them:

1. the title must hold an official's title word (`official_titles` in
   `vocab/case_words.json`: minister, president, ambassador, ...), and be short;
2. a bare title takes the organisation it does not name ("Secretary", Department
   of Harbours → "Secretary, Department of Harbours"); else a country (ISO code or
   name, `vocab/countries.json`) the title does not name is added ("Minister of
   the Interior" in AL → "Minister of the Interior of Albania");
3. a bare title with neither ("President", "Secretary") names no office: too vague
   to join letters across documents.

`facts` adds the office as a mention (role `office`, kind `office`) beside the
person's, so resolution makes or finds the office's party; `build` links the two
parties (`store/offices.py`), dated by the document when it is dated.
`authorities` counts a letter to either for both, for the response rate per
authority.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from vigil import vocab
from vigil.cases.at_risk import case_words
from vigil.model import OfficeLink

MAX_TITLE_WORDS = 10
_WORD = re.compile(r"[^\W\d_]+(?:\.)?")


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def office_name(title: object, organization: object = None, country: object = None) -> str | None:
    """The office a title names, qualified by its country or organisation; None if vague."""
    said = _text(title)
    if said is None:
        return None
    words = [w.casefold() for w in _WORD.findall(said)]
    if not words or len(words) > MAX_TITLE_WORDS:
        return None
    if not set(words) & set(case_words().official_titles):
        return None
    body = _text(organization)
    folded = f" {said.casefold()} "
    if body and " of " not in folded and body.casefold() not in folded:
        return f"{said}, {body}"
    where = _country(_text(country))
    if where and not any(f" {n}" in folded for n in where):
        return f"{said} of {where[0]}"
    return said if " of " in folded else None


def _country(value: str | None) -> list[str]:
    """A country (ISO code or name) → its English name first, then the names and
    adjectives a title may name it by (folded); [] when unknown."""
    if value is None:
        return []
    for entry in vocab.load("countries")["countries"]:
        names = [entry["name"], *entry.get("aliases", []), *entry.get("adjectives", [])]
        if value.upper() == entry.get("iso2") or value.casefold() in {n.casefold() for n in names}:
            return [entry["name"], *(n.casefold() for n in names)]
    return [value, value.casefold()]


def authorities(addressees: Sequence[tuple[int, str]], links: Iterable[OfficeLink]) -> list[str]:
    """The names a letter to `addressees` (party id, name) counts for: each addressee,
    and the office it holds or the people who hold it."""
    found = [name for _, name in addressees]
    ids = {party for party, _ in addressees}
    for link in links:
        if link.holder_id in ids:
            found.append(link.office)
        if link.office_id in ids:
            found.append(link.holder)
    return list(dict.fromkeys(found))
