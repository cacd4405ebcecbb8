"""Whether a party mentioned at risk is worth a case: a decision with its reason. Pure.

A case is suggested for a named person at risk or for a specific group of
people. Each way a suggestion can fail is a `Verdict`, decided in this order:

1. `DISMISSED` — a person rejected the party (or its case) already.
2. `NOT_PEOPLE` — an organisation, office or place; or a group whose words
   name no people ("arrests", "charges", "their rights").
3. `AUTHORITY_ROLE` — the party is mostly an addressee, copy, sender or alleged
   actor: the letters are to or by it, not about it.
4. `OFFICIAL` — the documents give the person an office's title ("Minister X",
   "Special Rapporteur X") that is not a former one.
5. `BARE_NAME` — one word ("Smith", "Terrorist"): a short form that joins the
   full name it stands for, or a role, never a case on its own.
6. `NOT_A_NAME` — a person whose name holds words no name holds.
7. `VAGUE_GROUP` — a group without a defining qualifier: bare nouns, pronoun
   phrases, quantities ("people", "our citizens", "more members", "16 people").
   A group is specific when a capitalised word qualifies it ("MEK members",
   "Ruritanian hostages"), when it is placed ("members of X", "residents of
   Camp Y"), or when it counts people of a named nationality ("two Ruritanians").

The words are data (`vocab/case_words.json`, per language, merged).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from functools import cache

from anyascii import anyascii

from vigil import vocab


class Verdict(Enum):
    CASE = "case"
    DISMISSED = "dismissed"
    NOT_PEOPLE = "not_people"
    AUTHORITY_ROLE = "authority_role"
    OFFICIAL = "official"
    BARE_NAME = "bare_name"
    NOT_A_NAME = "not_a_name"
    VAGUE_GROUP = "vague_group"


AT_RISK_ROLES = frozenset({"person_at_risk", "group_at_risk", "subject"})
AUTHORITY_ROLES = frozenset(
    {"addressee", "copy", "sender", "actor", "prior_addressee", "prior_sender"}
)
PEOPLE_KINDS = frozenset({"person", "group", "family"})


@dataclass(frozen=True)
class Candidate:
    """A party mentioned at risk, with what the decision reads about it."""

    party_id: int
    name: str
    kind: str | None
    roles: Mapping[str, int] = field(default_factory=dict)
    titled: bool = False
    dismissed: bool = False


@dataclass(frozen=True)
class CaseWords:
    people_nouns: frozenset[str]
    vague_words: frozenset[str]
    official_titles: frozenset[str]
    former_words: frozenset[str]
    not_person_words: frozenset[str]
    organisation_before: frozenset[str]
    organisation_after: frozenset[str]


@cache
def case_words() -> CaseWords:
    """Every language's lists of `vocab/case_words.json`, merged and case-folded."""
    data = vocab.load("case_words")
    merged: dict[str, set[str]] = {}
    for language, lists in data.items():
        if language.startswith("_") or not isinstance(lists, dict):
            continue
        for name, words in lists.items():
            merged.setdefault(name, set()).update(w.casefold() for w in words)
    return CaseWords(
        **{f.name: frozenset(merged.get(f.name, ())) for f in fields(CaseWords)}
    )


_TOKEN = re.compile(r"\d[\d,.]*\d|[\w][\w.'\u2019-]*")
_NUMBER = re.compile(r"^\d[\d,.]*$")


def _tokens(name: str) -> list[str]:
    return _TOKEN.findall(name)


def folded_words(name: str) -> list[str]:
    """A name's words, case-folded and without accents ('María' → 'maria')."""
    return [anyascii(t).casefold() for t in _tokens(name)]


def _is_people_noun(token: str, words: CaseWords) -> bool:
    folded = token.casefold()
    return folded in words.people_nouns or folded.rstrip("s") in words.people_nouns


def _demonym(token: str) -> bool:
    """A capitalised plural ("Ruritanians"): people named by a nationality or a people."""
    return token[:1].isupper() and len(token) > 3 and token.endswith("s") and token[1:].islower()


_ARTICLES = frozenset(["the", "la", "le", "les", "los", "las"])
_PARTICLES = frozenset(
    [
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "abd",
        "de",
        "da",
        "das",
        "dos",
        "di",
        "del",
        "van",
        "von",
        "der",
        "ter",
    ]
)


def _name_word(token: str) -> bool:
    """A word a name holds: capitalised ('Doe', 'al-Rashid' too), or a particle."""
    folded = token.casefold()
    return (
        token[:1].isupper()
        or folded in _PARTICLES
        or (folded.split("-")[-1:] != [folded] and (token.split("-")[-1][:1].isupper()))
    )


def judge(candidate: Candidate, words: CaseWords | None = None) -> Verdict:
    """The verdict on one party mentioned at risk (`Verdict.CASE` when worth a case)."""
    words = words or case_words()
    if candidate.dismissed:
        return Verdict.DISMISSED
    if candidate.kind is not None and candidate.kind not in PEOPLE_KINDS:
        return Verdict.NOT_PEOPLE
    at_risk = sum(n for role, n in candidate.roles.items() if role in AT_RISK_ROLES)
    authority = sum(n for role, n in candidate.roles.items() if role in AUTHORITY_ROLES)
    if authority and authority >= at_risk:
        return Verdict.AUTHORITY_ROLE
    tokens = _tokens(candidate.name)
    plural_nationality = tokens[-1].endswith("s") and tokens[-1].casefold() in nationalities()
    if (
        candidate.kind == "group"
        or plural_nationality
        or any(_is_people_noun(t, words) for t in tokens)
    ):
        return judge_group(candidate.name, words)
    if candidate.titled:
        return Verdict.OFFICIAL
    if len(tokens) < 2:
        return Verdict.BARE_NAME
    if (
        tokens[0].casefold() in _ARTICLES
        or any(t.casefold() in words.not_person_words for t in tokens)
        or not all(_name_word(t) for t in tokens)
    ):
        return Verdict.NOT_A_NAME
    return Verdict.CASE


def judge_group(name: str, words: CaseWords | None = None) -> Verdict:
    """CASE for a specific group of people, else NOT_PEOPLE or VAGUE_GROUP.

    A capitalised qualifier that is not a nationality or country makes a group
    specific ("MEK members", "residents of Camp Y"); a nationality alone only
    with a small count ("two Ruritanians", "several Ruritanian soldiers"), since
    "Ruritanian citizens" or "thousands of Ruritanians" name no one in particular.
    """
    words = words or case_words()
    tokens = _tokens(name)
    heads = {i for i, t in enumerate(tokens) if _is_people_noun(t, words)}
    demonyms = {i for i, t in enumerate(tokens) if _demonym(t) and i not in heads}
    if not heads and not demonyms:
        return Verdict.NOT_PEOPLE
    qualifiers = [
        t
        for i, t in enumerate(tokens)
        if i not in heads
        and i not in demonyms
        and t[:1].isupper()
        and t.casefold() not in words.vague_words
    ]
    nations = nationalities()
    if any(q.casefold() not in nations for q in qualifiers):
        return Verdict.CASE
    if (qualifiers or demonyms) and _small_count(tokens, words):
        return Verdict.CASE
    return Verdict.VAGUE_GROUP


_SMALL_NUMBERS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "several",
        "few",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "plusieurs",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
        "varios",
        "varias",
    ]
)
_LARGE_NUMBERS = frozenset(
    [
        "hundreds",
        "thousands",
        "millions",
        "million",
        "billion",
        "dozens",
        "centaines",
        "milliers",
        "millions",
        "cientos",
        "miles",
        "millones",
    ]
)


def _small_count(tokens: list[str], words: CaseWords) -> bool:
    """A count of people one could list: 'two', 'several', 'some 30 to 40' (under 100)."""
    folded = [t.casefold() for t in tokens]
    if any(t in _LARGE_NUMBERS for t in folded):
        return False
    numbers = [int(t.replace(",", "")) for t in folded if t.replace(",", "").isdigit()]
    if numbers:
        return max(numbers) < 100
    return any(t in _SMALL_NUMBERS for t in folded)


@cache
def nationalities() -> frozenset[str]:
    """Country names, aliases and adjectives (singular and plural), case-folded."""
    found = {"u.s.", "us", "usa", "u.s", "uk", "eu", "un"}
    for country in vocab.load("countries")["countries"]:
        for word in [country["name"], *country.get("aliases", []), *country.get("adjectives", [])]:
            for token in _tokens(word):
                found.add(token.casefold())
                found.add(token.casefold() + "s")
    return frozenset(found)


_CONNECTORS = frozenset(
    ["of", "the", "on", "for", "and", "de", "du", "del", "la", "le", "des", "l", "d"]
)
_ADJECTIVE_ENDINGS = ("ien", "ienne", "ian", "an", "ane", "ese", "aise", "ais", "ish", "ano", "ana")


def titled_in(name: str, texts: Iterable[str], words: CaseWords | None = None) -> bool:
    """Whether some text gives `name` an office's title just before it, not a former one.

    "Interior Minister Jane Doe", "the Minister of the Interior, Jane Doe" and
    "la ministre ruritanienne de l'Intérieur, Jane Doe" count; "former President
    Jane Doe" does not; neither does "the minister ordered the arrest of Jane Doe"
    (a verb ends the title's words). An office followed by what its holder does
    and a comma, "the Attorney handling his case, Jane Doe", counts too (the name
    stands in apposition); "the prosecutor charged the activist, Jane Doe" does not.
    """
    words = words or case_words()
    pattern = re.compile(r"(?<![\w])" + re.escape(name) + r"(?![\w])")
    for text in texts:
        for found in pattern.finditer(text):
            before = text[max(0, found.start() - 80) : found.start()]
            run = _title_run(_tokens(before), words)
            if not any(t in words.official_titles for t in run):
                run = _apposition_run(before, words)
            if any(t in words.former_words for t in run):
                continue
            if any(t in words.official_titles for t in run):
                return True
    return False


def _title_run(tokens: list[str], words: CaseWords) -> list[str]:
    """The words of an office's title that end `tokens`, folded, last first."""
    run: list[str] = []
    for token in reversed(tokens):
        if token.endswith(".") and len(token) > 4:
            break  # the end of the sentence before
        last = re.split(r"['\u2019]", token)[-1] or token
        folded = token.casefold()
        if (
            last[:1].isupper()
            or folded in _CONNECTORS
            or folded in words.official_titles
            or folded in words.former_words
            or folded.endswith(_ADJECTIVE_ENDINGS)
        ):
            run.append(folded)
            continue
        break
    return run


_PARTICIPLE_WORDS = 4
"""Lower-case words a participle phrase may hold after its '-ing' word ('handling his case')."""


def _apposition_run(before: str, words: CaseWords) -> list[str]:
    """The title run of 'the Attorney handling his case, ' before a name in apposition.

    The clause before the comma must end in an office, an English present
    participle and a few lower-case words: a finite verb ('charged the
    activist') leaves the name as that verb's object, not the office's holder.
    """
    clause = re.search(r"([^,.;:!?\n]*),\s*$", before)
    if not clause:
        return []
    tokens = _tokens(clause.group(1))
    for at in range(len(tokens) - 1, max(-1, len(tokens) - 2 - _PARTICIPLE_WORDS), -1):
        token = tokens[at]
        if token.islower() and len(token) > 4 and token.endswith("ing"):
            if at and tokens[at - 1].casefold() in words.official_titles and all(
                t.islower() for t in tokens[at + 1 :]
            ):
                return _title_run(tokens[:at], words)
            return []
    return []


def within_organisation_names(
    name: str, texts: Iterable[str], words: CaseWords | None = None
) -> bool:
    """Whether every mention of `name` is part of an organisation's name ('the Law
    Office of Jane Doe', 'the Jane Doe Foundation'): the texts name a body, not her."""
    words = words or case_words()
    pattern = re.compile(r"(?<![\w])" + re.escape(name) + r"(?![\w])")
    found = False
    for text in texts:
        for mention in pattern.finditer(text):
            start, end = mention.span()
            before = " ".join(text[max(0, start - 40) : start].split()).casefold()
            after = " ".join(text[end : end + 40].split()).casefold()
            inside = any(
                before.endswith(" " + cue) or before == cue for cue in words.organisation_before
            ) or any(
                after.startswith(cue) and not after[len(cue) : len(cue) + 1].isalpha()
                for cue in words.organisation_after
            )
            if not inside:
                return False
            found = True
    return found


def worth_a_case(candidate: Candidate) -> bool:
    return judge(candidate) is Verdict.CASE
