"""Whom a third-person pronoun points back to, read by the events stage: the
last person at risk named before it, unless the pronoun's gender ('she',
'elle', 'er') is not that person's and an earlier person has it.

A person's gender comes only from the text: an honorific or a family word
right before one of their names ('Ms. A', 'her brother, B', 'sa mère, C';
each language's `female_cues` and `male_cues` of `vocab/languages_words.json`),
counted over the mentions that name no one else (a shared surname after 'Ms.'
tells nothing). A pronoun's gender is in the language's `female_pronouns` and
`male_pronouns`; English's cues count in every language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from vigil.extract import capitalised

FEMALE = "female"
MALE = "male"


class Mention(Protocol):
    """Where one person's name occurs (the events stage's mentions)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def value(self) -> str: ...


@cache
def _cue(language: str | None, gender: str) -> re.Pattern[str]:
    """A gender cue word ending the text before a name, with an optional comma."""
    words = {*capitalised.words(f"{gender}_cues", "en")}
    if language:
        words.update(capitalised.words(f"{gender}_cues", language))
    if not words:
        return re.compile(r"(?!)")
    alternatives = "|".join(
        re.escape(w.rstrip(".")) for w in sorted(words, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})\.?\s*,?\s*$")


@cache
def _pronouns(language: str | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for gender in (FEMALE, MALE):
        for code in dict.fromkeys(["en", language] if language else ["en"]):
            for word in capitalised.words(f"{gender}_pronouns", code):
                out.setdefault(word.casefold(), gender)
    return out


def pronoun_gender(word: str, language: str | None) -> str | None:
    """'female' for 'she' / 'elle', 'male' for 'he' / 'er'; None when the word
    does not tell ('sie' is also 'they', 'his' may be 'its')."""
    return _pronouns(language).get(word.casefold())


def genders(text: str, mentions: Iterable[Mention], language: str | None) -> dict[str, str]:
    """The gender the text gives each person, by the cue words before their names."""
    mentions = list(mentions)
    owners: dict[tuple[int, int], set[str]] = {}
    for m in mentions:
        owners.setdefault((m.start, m.end), set()).add(m.value)
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        if len(owners[(m.start, m.end)]) > 1:
            continue  # 'Ms. Rostami' when two people share the surname
        before = text[max(0, m.start - 40) : m.start]
        for gender in (FEMALE, MALE):
            if _cue(language, gender).search(before):
                votes.setdefault(m.value, Counter())[gender] += 1
    out: dict[str, str] = {}
    for value, count in votes.items():
        ranked = count.most_common()
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            out[value] = ranked[0][0]
    return out


@dataclass
class Referents:
    """The people a pronoun can point back to, updated sentence by sentence."""

    gender_of: dict[str, str]
    last: str | None = None
    last_of: dict[str, str] = field(default_factory=dict)

    def saw(self, people: list[str]) -> None:
        """The people at risk a sentence named, in order."""
        for p in people:
            gender = self.gender_of.get(p)
            if gender:
                self.last_of[gender] = p
        if people:
            self.last = people[-1]

    def resolve(self, gender: str | None) -> str | None:
        """The person a singular pronoun of that gender (None: unknown) stands for."""
        if gender is None or self.last is None:
            return self.last
        own = self.gender_of.get(self.last)
        if own is None or own == gender:
            return self.last
        return self.last_of.get(gender, self.last)
