"""Each language's cue words, one JSON file per language in `vocab/languages/`.

A language file holds what a reader of that language recognises a letter by —
salutations, closings, copy markers, memo field names, honorifics and office
titles, signature and quotation cues, kind cues — and the cue patterns of the
later stages: what counts as asking (`ask_cues`), each demand type, each event
type, each status of an earlier appeal, family and group words. Adding a
language is adding a file (and its tests); no module lists words of its own.

Patterns are named: a pattern's rule id is `<code>.<section>[.<key>].<name>`
(for example `fr.demands.release.liberer`), stable across versions whatever
the order of the file. Every file is checked when first read (`validate_all`
runs at start-up): a missing section, a wrong type, an unknown demand or
event id or a pattern that does not compile stops start-up with a
`VocabularyError` naming the file and the entry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from vigil.errors import VocabularyError

PATTERN_SECTIONS = (
    "salutations",
    "closings",
    "copy_markers",
    "quote_starts",
    "signature_cues",
    "addressed_to",
    "appealed_to",
    "petition_targets",
    "petition_starters",
    "ask_cues",
    "title_salutations",
)
"""Sections that map a rule name to one regular expression. `addressed_to` patterns
name, in a group `to`, the body a letter was sent to ('sent to the Government of X'),
for letters whose salutation names nobody ('Excellency,'). `appealed_to` patterns name,
in a group `to`, the body an earlier appeal or complaint went to, where the language
puts it between a preposition and the verb ('به X فرستادیم', 'تقدم ... بشكوى إلى X').
`title_salutations` are salutations that address an office by its title alone after a
courtesy word ('Madam President,', 'Honourable Minister,'), with the title in a group
`title`; the letter stage reads them when the zone model found no salutation line, and
they are no feature of the zone model. `petition_targets` name, in a group `to`, whom a
petition page's head line addresses ('Petition to: X, Y', 'Petition richtet sich an: X');
`petition_starters`, in a group `by`, who started it ('Started by X', 'Petent/in: X')."""
MAY_BE_EMPTY = ("appealed_to", "title_salutations", "petition_targets", "petition_starters")
"""Pattern sections a language may leave empty: where a capitalised body follows the
cue ('wrote to the X'), the prior stage reads the recipient without a pattern."""
GROUPED_SECTIONS = ("kind_cues", "demands", "events", "prior")
"""Sections that map a key (a kind, a demand or event id, a status) to named patterns."""
WORD_SECTIONS = (
    "honorifics",
    "titles",
    "salutation_openers",
    "respect_words",
    "family_words",
    "group_words",
    "court_words",
    "force_words",
    "place_prepositions",
    "request_words",
    "issuer_verbs",
)
"""Sections that are plain lists of words or phrases. `salutation_openers` open a
salutation before the addressee ('Dear', 'Sehr geehrter', 'Monsieur le');
`respect_words` stand inside an addressee's line without being part of the office
('محترم', 'المحترم'); `court_words` begin (or, from six letters, are part of) the name
of a judicial body or officer ('court', 'Landgericht', 'دادگاه'), and `force_words` the name
of a police, security, intelligence or armed body ('police', 'Geheimdienst', 'امنیت'); both
may be left empty; `place_prepositions` stand before a place and not before a person
('in', 'near', 'dans'), and may be empty for a language that marks place by case;
`request_words` name what is written to an authority and answered or refused ('letter',
'complaint', 'demande', 'Antrag'), each form as written (no stemming). `issuer_verbs`
follow the body a press release speaks as, at the head of a sentence ('calls on',
'fordert', 'exige'); a language whose verb leads or ends the clause leaves it empty."""
MEMO_FIELDS = ("to", "from", "date", "subject", "cc")
KIND_KEYS = ("open_letter", "petition", "press_release", "news_article", "report", "alert")
PRIOR_KEYS = ("sent", "no_response", "acknowledged", "answered", "refused")


@dataclass(frozen=True)
class Rule:
    """One named cue pattern of one language."""

    id: str
    language: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class LanguageCues:
    """The validated contents of one language file."""

    code: str
    name: str
    rules: dict[str, tuple[Rule, ...]]
    """Section (or `section.key`) -> its named patterns."""
    words: dict[str, tuple[str, ...]]
    """Word section -> its words."""
    memo_fields: dict[str, tuple[str, ...]]
    """Memo field (to, from, date, subject, cc) -> the labels that introduce it."""

    def patterns(self, section: str, key: str | None = None) -> tuple[Rule, ...]:
        return self.rules.get(f"{section}.{key}" if key else section, ())


def _files() -> dict[str, str]:
    folder = resources.files(__package__).joinpath("languages")
    return {
        entry.name[: -len(".json")]: entry.read_text("utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }


def _vocab_ids(name: str) -> frozenset[str]:
    from vigil.vocab import ids

    return ids(name)


def _compile(where: str, name: str, raw: Any, code: str) -> Rule:
    if not isinstance(raw, str) or not raw:
        raise VocabularyError(f"{where}: pattern {name!r} must be a non-empty string")
    try:
        pattern = re.compile(raw, re.IGNORECASE | re.MULTILINE)
    except re.error as exc:
        raise VocabularyError(f"{where}: pattern {name!r} does not compile ({exc})") from exc
    return Rule(id=f"{where.split(':', 1)[-1]}.{name}", language=code, pattern=pattern)


def _named(where: str, data: Any, code: str) -> tuple[Rule, ...]:
    if not isinstance(data, dict):
        raise VocabularyError(f"{where}: expected an object of named patterns")
    return tuple(_compile(where, name, raw, code) for name, raw in data.items())


def _words(where: str, data: Any) -> tuple[str, ...]:
    if not isinstance(data, list) or not all(isinstance(w, str) and w.strip() for w in data):
        raise VocabularyError(f"{where}: expected a list of non-empty strings")
    return tuple(data)


def parse_language(code: str, raw: str) -> LanguageCues:
    """Validate one language file's text; raise `VocabularyError` naming the bad entry."""
    file = f"languages/{code}.json"
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise VocabularyError(f"{file}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(data, dict) or data.get("code") != code:
        raise VocabularyError(f"{file}: 'code' must be {code!r}")
    required = ("name", "memo_fields", *PATTERN_SECTIONS, *GROUPED_SECTIONS, *WORD_SECTIONS)
    missing = [key for key in required if key not in data]
    if missing:
        raise VocabularyError(f"{file}: missing section(s) {', '.join(missing)}")
    known = {"code", *required}
    unknown = sorted(set(data) - known)
    if unknown:
        raise VocabularyError(f"{file}: unknown section(s) {', '.join(unknown)}")
    rules: dict[str, tuple[Rule, ...]] = {}
    for section in PATTERN_SECTIONS:
        rules[section] = _named(f"{file}:{code}.{section}", data[section], code)
    grouped = (
        ("addressed_to", "to"), ("appealed_to", "to"), ("title_salutations", "title"),
        ("petition_targets", "to"), ("petition_starters", "by"),
    )
    for section, group in grouped:
        unnamed = [r.id for r in rules[section] if group not in r.pattern.groupindex]
        if unnamed:
            listed = ", ".join(unnamed)
            need = f"need a group (?P<{group}>...)"
            raise VocabularyError(f"{file}: {section} pattern(s) {listed} {need}")
    allowed = {
        "kind_cues": frozenset(KIND_KEYS),
        "demands": _vocab_ids("demand_types"),
        "events": _vocab_ids("event_types"),
        "prior": frozenset(PRIOR_KEYS),
    }
    for section in GROUPED_SECTIONS:
        groups = data[section]
        if not isinstance(groups, dict):
            raise VocabularyError(f"{file}: {section} must be an object keyed by id")
        for key, named in groups.items():
            if key not in allowed[section]:
                raise VocabularyError(f"{file}: {section} has unknown id {key!r}")
            rules[f"{section}.{key}"] = _named(f"{file}:{code}.{section}.{key}", named, code)
    words = {section: _words(f"{file}: {section}", data[section]) for section in WORD_SECTIONS}
    memo = data["memo_fields"]
    if not isinstance(memo, dict) or set(memo) - set(MEMO_FIELDS):
        raise VocabularyError(
            f"{file}: memo_fields must be an object with keys among {', '.join(MEMO_FIELDS)}"
        )
    memo_fields = {key: _words(f"{file}: memo_fields.{key}", memo[key]) for key in memo}
    name = data["name"]
    if not isinstance(name, str) or not name:
        raise VocabularyError(f"{file}: 'name' must be a non-empty string")
    return LanguageCues(code=code, name=name, rules=rules, words=words, memo_fields=memo_fields)


@cache
def _all() -> dict[str, LanguageCues]:
    return {code: parse_language(code, raw) for code, raw in sorted(_files().items())}


def codes() -> tuple[str, ...]:
    """The languages that have a cue file."""
    return tuple(_all())


def cues(code: str | None) -> LanguageCues | None:
    """One language's cues, `None` when the language has no file."""
    return _all().get(code or "")


def for_text(code: str | None) -> tuple[LanguageCues, ...]:
    """The cues to read a text in `code` with: its own language first, then English
    (letters mix in English formulas), then every other language."""
    every = _all()
    first = [c for c in (code, "en") if c in every]
    return tuple(every[c] for c in dict.fromkeys(first)) + tuple(
        cue for c, cue in every.items() if c not in first
    )


def rules(
    section: str, key: str | None = None, languages: Iterable[str] | None = None
) -> tuple[Rule, ...]:
    """The named patterns of a section (and key) across `languages` (default: all)."""
    every = _all()
    chosen = every if languages is None else {c: every[c] for c in languages if c in every}
    return tuple(rule for cue in chosen.values() for rule in cue.patterns(section, key))


def words(section: str, languages: Iterable[str] | None = None) -> tuple[str, ...]:
    """The words of a word section across `languages` (default: all), without repeats."""
    every = _all()
    chosen = every if languages is None else {c: every[c] for c in languages if c in every}
    return tuple(dict.fromkeys(w for cue in chosen.values() for w in cue.words[section]))


def memo_labels(field: str) -> tuple[str, ...]:
    """Every language's labels of one memo field ('To', 'Objet', 'Betreff', ...)."""
    return tuple(
        dict.fromkeys(w for cue in _all().values() for w in cue.memo_fields.get(field, ()))
    )


def check_legal_references(data: dict[str, Any]) -> None:
    """Each instrument of `legal_references.json` names its patterns, and each compiles
    (spaces match any run of white space, as the legal stage reads them)."""
    for id_, entry in data.items():
        named = entry.get("patterns") if isinstance(entry, dict) else None
        if not isinstance(named, dict) or not named:
            raise VocabularyError(f"legal_references.json: {id_} needs an object of named patterns")
        for name, raw in named.items():
            if not isinstance(raw, str) or not raw:
                raise VocabularyError(
                    f"legal_references.json: {id_}.{name} must be a non-empty string"
                )
            try:
                re.compile(raw.replace(" ", r"\s+"))
            except re.error as exc:
                raise VocabularyError(
                    f"legal_references.json: {id_}.{name} does not compile ({exc})"
                ) from exc


def validate_all() -> None:
    """Read and check every language file and the named instrument patterns now
    (start-up), so a bad one stops Vigil early."""
    from vigil.vocab import load

    _all()
    check_legal_references(load("legal_references"))


__all__ = [
    "LanguageCues",
    "Rule",
    "check_legal_references",
    "codes",
    "cues",
    "for_text",
    "memo_labels",
    "parse_language",
    "rules",
    "validate_all",
    "words",
]
