"""Which country a place or an office names, by the names in `countries.json`."""

from __future__ import annotations

import re
from functools import cache

from vigil.vocab import load


@cache
def _country_patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for entry in load("countries")["countries"]:
        names = [entry["name"], *entry.get("aliases", [])]
        names += [n for spellings in entry.get("names", {}).values() for n in spellings]
        alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
        found.append((entry["name"], re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I)))
    return found


def country_named(text: str | None) -> str | None:
    """The English name of the first country (in `countries.json`'s order) `text` names."""
    if text:
        for name, pattern in _country_patterns():
            if pattern.search(text):
                return name
    return None
