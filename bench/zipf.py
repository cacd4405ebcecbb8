"""A realistic synthetic archive for search: a Zipf vocabulary, generated names, real lengths.

Words are made of syllables (no real text): `VOCABULARY` words ranked by a
Zipf law (exponent 1.07, as in natural text), so the commonest appear in
almost every document and most appear in a handful. A few casework words
(`TOPICS`) are given mid-frequency ranks so queries can ask for them. Names
are generated given and family names, some with diacritics, each person
having two or three spellings (a transliteration variant, initials, reversed
order) as an archive has them. Document lengths are log-normal (median ~450
words, clipped to 40-6,000), titles a few words.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

VOCABULARY = 40_000
EXPONENT = 1.07
SYLLABLES = [a + b for a in "bcdfghjklmnprstvz" for b in "aeiou"] + ["ar", "el", "in", "or", "um"]
ACCENTED = str.maketrans("aeiouscz", "áéíöüşčž")
TOPICS = ["detention", "lawyer", "torture", "family", "extradition", "warrant", "convention",
          "doctors", "hunger", "covenant", "prison", "release", "trial", "appeal", "visit"]
TOPIC_RANKS = [60, 90, 150, 40, 900, 400, 700, 1200, 2500, 3000, 120, 200, 300, 250, 800]
LANGUAGES = ["en"] * 5 + ["fr"] * 2 + ["de", "sq", "fa", "es", "ar"]
KINDS = ["letter"] * 4 + ["open_letter", "petition", "report", "news_article", "statement"]
COUNTRIES = ["IR", "AL", "TR", "FR", "DE", "CO", "NG", "UA", "AZ", "GE", "GR", "PL", "RU", "EG"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


@dataclass(frozen=True)
class Person:
    spellings: tuple[str, ...]
    """The first is the party's name; the others are how some documents write it."""


class Archive:
    """The vocabulary, the people, and a generator of documents over them."""

    def __init__(self, seed: int = 7, people: int = 5_000) -> None:
        rng = random.Random(seed)
        words: list[str] = []
        seen: set[str] = set()
        while len(words) < VOCABULARY:
            w = _word(rng, 1 + min(4, int(rng.expovariate(0.9))))
            if w not in seen and len(w) > 1:
                seen.add(w)
                words.append(w)
        words.sort(key=len)  # short words are the common ones, as in real text
        for topic, rank in zip(TOPICS, TOPIC_RANKS, strict=True):
            words.insert(rank, topic)
        self.words = words[:VOCABULARY]
        weights = [1 / (r + 1) ** EXPONENT for r in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))
        self.people = [self._person(rng) for _ in range(people)]
        self.people_weights = list(itertools.accumulate(1 / (r + 1) for r in range(people)))
        self.indexes = list(range(people))

    @staticmethod
    def _person(rng: random.Random) -> Person:
        given = _word(rng, rng.randint(2, 3)).capitalize()
        family = _word(rng, rng.randint(2, 4)).capitalize()
        if rng.random() < 0.3:
            family = family.translate(ACCENTED)
        variant = family.replace("k", "q", 1) if "k" in family else family + "i"
        forms = [f"{given} {family}", f"{given} {variant}", f"{given[0]}. {family}",
                 f"{family.upper()} {given}"]
        return Person(tuple(forms[: rng.randint(2, 4)]))

    def text(self, rng: random.Random, words: int) -> str:
        chosen = rng.choices(self.words, cum_weights=self.cumulative, k=words)
        out = []
        for i in range(0, len(chosen), 18):  # sentences of 18 words
            sentence = " ".join(chosen[i : i + 18])
            out.append(sentence[:1].upper() + sentence[1:] + ".")
        return " ".join(out)

    def person(self, rng: random.Random) -> int:
        """A person's index, the well-known ones far more often (Zipf)."""
        return rng.choices(self.indexes, cum_weights=self.people_weights, k=1)[0]


@dataclass(frozen=True)
class SyntheticDocument:
    title: str
    body: str
    language: str
    kind: str
    published: str | None
    people: tuple[int, ...]
    """Indexes into `Archive.people` of the people the document names."""
    spellings: tuple[str, ...]
    countries: tuple[str, ...]


def document(archive: Archive, rng: random.Random) -> SyntheticDocument:
    length = max(40, min(6_000, int(math.exp(rng.gauss(math.log(450), 0.8)))))
    body = archive.text(rng, length)
    named = sorted({archive.person(rng) for _ in range(rng.randint(1, 4))})
    spellings = tuple(rng.choice(archive.people[i].spellings) for i in named)
    sentences = body.split(". ")
    for spelling in spellings:  # each name once, somewhere in the text
        at = rng.randrange(len(sentences))
        sentences[at] = f"{sentences[at]} {spelling}"
    body = ". ".join(sentences)
    title = f"{archive.text(rng, rng.randint(2, 6)).rstrip('.')} {spellings[0]}"
    year = rng.randint(2005, 2025)
    day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    published = None if rng.random() < 0.1 else day
    return SyntheticDocument(
        title=title,
        body=body,
        language=rng.choice(LANGUAGES),
        kind=rng.choice(KINDS),
        published=published,
        people=tuple(named),
        spellings=spellings,
        countries=tuple(sorted(set(rng.sample(COUNTRIES, rng.randint(0, 2))))),
    )


class FastRandom(random.Random):
    """A `random.Random` whose long weighted draws (a document's words) come from NumPy:
    the same Zipf law, about twice as fast per document (`bench/search.py --fast-corpus`,
    for a million documents). Its documents differ from those of `random.Random(seed)`."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self._numpy = np.random.default_rng(seed)
        self._tables: dict[int, tuple[Any, Any]] = {}

    def choices(  # type: ignore[override]  # same call, NumPy behind it for long draws
        self,
        population: Sequence[Any],
        weights: Sequence[float] | None = None,
        *,
        cum_weights: Sequence[float] | None = None,
        k: int = 1,
    ) -> list[Any]:
        if cum_weights is None or k < 64:
            return super().choices(population, weights, cum_weights=cum_weights, k=k)
        if id(cum_weights) not in self._tables:
            self._tables[id(cum_weights)] = (
                np.asarray(cum_weights), np.asarray(population, dtype=object)
            )
        cumulative, values = self._tables[id(cum_weights)]
        drawn = self._numpy.random(k) * cumulative[-1]
        return list(values[np.searchsorted(cumulative, drawn, side="right")])
