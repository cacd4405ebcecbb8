"""Case fields as people give them (a form, the command line), checked; lists filtered.

`parse_fields` turns text into values the store keeps: a country as its ISO
code (a name, French name or alias is accepted), a situation from
`vocab/case_situations.json`, tags split on commas. Empty text clears a field.
`filter_cases` and `sort_cases` serve the cases list and `vigil cases list`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from vigil import vocab
from vigil.errors import InvalidCaseField
from vigil.model import CaseFilter, CaseSummary
from vigil.store import Store
from vigil.store.case_fields import open_cases_by_situation, set_case_fields

TEXT_LIMITS = {"detention_place": 500, "charges": 2000, "lawyer": 500, "notes": 20_000}
MAX_TAGS = 20
MAX_TAG_CHARS = 60
SORTS = ("id", "name", "status", "country", "situation", "assignee")


def situations() -> list[tuple[str, str]]:
    """(id, English label) of every situation, in the vocabulary's order."""
    return [(s, vocab.label("case_situations", s)) for s in vocab.load("case_situations")]


@cache
def _country_codes() -> dict[str, str]:
    codes: dict[str, str] = {}
    for country in vocab.load("countries")["countries"]:
        code = str(country["iso2"]).upper()
        names = [code, country["name"], *country.get("aliases", [])]
        names += country.get("names", {}).get("fr", [])
        for name in names:
            codes.setdefault(str(name).casefold(), code)
    return codes


@cache
def country_names() -> dict[str, str]:
    """ISO code -> English short name."""
    return {
        str(c["iso2"]).upper(): str(c["name"]) for c in vocab.load("countries")["countries"]
    }


def country_code(text: str) -> str:
    """The ISO code of a country given by code or name; `InvalidCaseField` if unknown."""
    code = _country_codes().get(text.strip().casefold())
    if code is None:
        raise InvalidCaseField(
            "unknown country: give its name in English or French, or its two-letter ISO code"
        )
    return code


def parse_tags(text: str) -> tuple[str, ...]:
    tags = list(dict.fromkeys(t.strip() for t in text.split(",") if t.strip()))
    if len(tags) > MAX_TAGS or any(len(t) > MAX_TAG_CHARS for t in tags):
        raise InvalidCaseField(
            f"give at most {MAX_TAGS} tags of at most {MAX_TAG_CHARS} characters each"
        )
    return tuple(tags)


def parse_fields(raw: Mapping[str, str | int | None]) -> dict[str, Any]:
    """Checked values of the fields given (text; the assignee as a user id or None)."""
    values: dict[str, Any] = {}
    for name, given in raw.items():
        if name == "assignee":
            values[name] = given if isinstance(given, int) else None
            continue
        text = (str(given) if given is not None else "").strip()
        if name == "country":
            values[name] = country_code(text) if text else None
        elif name == "situation":
            if text and text not in vocab.ids("case_situations"):
                known = ", ".join(vocab.load("case_situations"))
                raise InvalidCaseField(f"unknown situation; use one of: {known}")
            values[name] = text or None
        elif name == "tags":
            values[name] = parse_tags(text)
        elif name in TEXT_LIMITS:
            if len(text) > TEXT_LIMITS[name]:
                limit = TEXT_LIMITS[name]
                raise InvalidCaseField(f"{name} is too long (at most {limit} characters)")
            values[name] = text or None
        else:
            raise InvalidCaseField(f"unknown case field: {name}")
    return values


def set_fields(
    store: Store, case_id: int, raw: Mapping[str, str | int | None], actor: str = "local"
) -> list[str]:
    """Check and set the fields given; the names of those that changed."""
    return set_case_fields(store, case_id, parse_fields(raw), actor)


def cases_by_situation(store: Store) -> dict[str | None, int]:
    """Open cases counted by situation (None: not recorded), for the dashboard."""
    return open_cases_by_situation(store)


def filter_cases(items: Iterable[CaseSummary], wanted: CaseFilter) -> list[CaseSummary]:
    found = []
    for c in items:
        f = c.fields
        if wanted.country and f.country != wanted.country:
            continue
        if wanted.situation and f.situation != wanted.situation:
            continue
        if wanted.assignee is not None and f.assignee != wanted.assignee:
            continue
        if wanted.tag and wanted.tag.casefold() not in {t.casefold() for t in f.tags}:
            continue
        found.append(c)
    return sort_cases(found, wanted.sort, wanted.descending)


def sort_cases(
    items: list[CaseSummary], column: str, descending: bool = False
) -> list[CaseSummary]:
    """Sorted by a column; empty values last whichever the direction; ties in id order."""
    if column not in SORTS:
        raise InvalidCaseField(f"cannot sort by {column!r}; use one of: {', '.join(SORTS)}")

    def value(c: CaseSummary) -> tuple[int, str] | None:
        v = getattr(c, column) if column in ("id", "name", "status") else getattr(c.fields, column)
        if v is None:
            return None
        return (v, "") if isinstance(v, int) else (0, str(v).casefold())

    keyed = [(value(c), c) for c in sorted(items, key=lambda c: c.id)]
    present = [(k, c) for k, c in keyed if k is not None]
    present.sort(key=lambda kc: kc[0] or (0, ""), reverse=descending)  # stable
    return [c for _, c in present] + [c for k, c in keyed if k is None]
