"""Two normalised names → `Evidence`: a score, how far it may go, and why.

Word by word (`word_similarity`):

- the same phonetic form (Hossein / Husain) counts 1.0;
- the same consonants with one vowel changed inside the word (Mohammad /
  Mohamed, Mahdi / Mehdi) 0.9, but not a vowel added at the end (Hossein /
  Hosseini, Daniel / Daniela) nor an a / o swap at either end (Zahra /
  Zohreh, Maria / Mario): those change the name;
- an initial against a word 0.6; anything else its Indel similarity, at
  most 0.8, so a changed consonant never merges on its own.

People (`_people`) need every word to agree (in order or turned round); when the
given name agrees and one later word differs only by one vowel or a dropped final
letter ('Dobrovolsky' / 'Dabrovolsky', 'Haddadin' / 'Haddadi': one name written by
two transliterations, `transliteration_variant`), the pair goes to a person
(`VARIANT_SCORE`, never merged on its own); a given name that differs never does,
unless the two are forms of one name (`given_name_forms`: 'Raman' / 'Roman').
organisations and places (`_things`) match words as a set, and an extra word
on one side only sends the pair to review. Acronyms match the initials of a
full name; known aliases (`vocab/party_aliases.json`) match each other.
Arabic-script names are read against Latin ones through `abjad`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel

from vigil.resolve.abjad import abjad_similarity
from vigil.resolve.aliases import alias_group, same_given_name
from vigil.resolve.model import Decision
from vigil.resolve.normalise import GENERIC, NormalName, normalise, phonetic

SAME_WORD = 0.88
NEAR_WORD = 0.72
REVIEW_SCORE = 0.75
VARIANT_SCORE = 0.8
"""A person's name whose later word is a transliteration variant: for review."""
MIN_DROPPED = 5
"""Letters a word keeps when its final letter is dropped ('Haddadi'): shorter is a name."""
_VOWEL_SLOTS = re.compile(r"[^aeiu]")


@dataclass(frozen=True)
class Evidence:
    """What a comparison found. `ceiling` is the most it allows: merge, review or distinct."""

    score: float
    reasons: list[str] = field(default_factory=list)
    strong: bool = False
    ceiling: Decision = Decision.MERGE


@lru_cache(maxsize=500_000)
def word_similarity(x: str, y: str) -> tuple[float, str]:
    """How alike two phonetic words are, and the reason in a few words."""
    if x == y:
        return 1.0, "same after transliteration folding"
    if x.startswith("cc") and y.startswith("cc") and len(x) == len(y) == 4:
        return 0.0, "different countries"
    vowel_change = _one_vowel_change(x, y)
    if vowel_change is not None:
        return (0.9, "vowels differ") if vowel_change else (0.5, "a vowel that changes the name")
    if len(x) == 1 or len(y) == 1:
        if x[0] == y[0]:
            return 0.6, "an initial"
        return 0.0, "different initials"
    similarity = Indel.normalized_similarity(x, y)
    return min(similarity, 0.8), f"spelled differently ({similarity:.2f})"


HARMLESS = frozenset(
    frozenset(pair)
    for pair in [
        ("a", "e"),
        ("e", "i"),
        ("e", "u"),
        ("i", "ia"),
        ("i", "ie"),
        ("ia", "ie"),
        ("e", "ee"),
    ]
)
# Inside a word only: the article in 'Hezbollah' / 'Hizballah'.
HARMLESS_INSIDE = frozenset({frozenset(("a", "u"))})


def _one_vowel_change(x: str, y: str) -> bool | None:
    """None: consonants differ; True: vowels differ harmlessly; False: a telling vowel change.

    Harmless: at most two changes, each a / e, e / i or e / u (Mohamed /
    Mohammad, Mahdi / Mehdi, Fatemeh / Fatima, Yousef / Yusuf), a / o inside
    the word (Hezbollah / Hizballah), or one short vowel inserted inside the
    word (Tehran / Teheran). Telling: a vowel added at the end (Hossein /
    Hosseini), a / i anywhere (Sharifi / Sharafi), a / o at either end
    (Zahra / Zohreh, Maria / Mario).
    """
    if _VOWEL_SLOTS.findall(x) != _VOWEL_SLOTS.findall(y):
        return None
    slots_x = _VOWEL_SLOTS.split(x)
    slots_y = _VOWEL_SLOTS.split(y)
    diffs = [i for i, (p, q) in enumerate(zip(slots_x, slots_y, strict=True)) if p != q]
    if not diffs:
        return True
    if len(diffs) > 2:
        return False
    last = len(slots_x) - 1
    first = next(k for k, (p, q) in enumerate(zip(slots_x, slots_y, strict=True)) if p or q)
    for i in diffs:
        p, q = slots_x[i], slots_y[i]
        edge = i in (first, last)
        if not p or not q:
            if edge or len(diffs) > 1 or len(p + q) > 1:
                return False
        elif frozenset((p, q)) not in HARMLESS and (
            edge or frozenset((p, q)) not in HARMLESS_INSIDE
        ):
            return False
    return True


def transliteration_variant(x: str, y: str) -> str | None:
    """Why two phonetic words may be one name in two transliterations, or None: the
    same consonants with one vowel changed, added or dropped (any vowel, at any place:
    'pratasivich' / 'prutasivich'), or one word the other with its final letter dropped
    ('hartabil' / 'hartabi')."""
    if x == y:
        return None
    if _VOWEL_SLOTS.findall(x) == _VOWEL_SLOTS.findall(y):
        slots = zip(_VOWEL_SLOTS.split(x), _VOWEL_SLOTS.split(y), strict=True)
        diffs = [(p, q) for p, q in slots if p != q]
        if len(diffs) == 1 and len(diffs[0][0]) <= 1 and len(diffs[0][1]) <= 1:
            return "one vowel differs"
    short, long_ = sorted((x, y), key=len)
    if len(short) >= MIN_DROPPED and long_[:-1] == short:
        return "a final letter dropped"
    return None


def compare(a: NormalName, b: NormalName) -> Evidence:
    """The evidence that `a` and `b` name the same party (kinds as normalised)."""
    if (a.kind == "family") != (b.kind == "family"):
        return Evidence(
            0.0, ["a family is not the party it is named after"], ceiling=Decision.DISTINCT
        )
    best = _compare_one(a, b)
    if best.ceiling is Decision.DISTINCT and not (a.acronym or b.acronym):
        # Two full names that disagree stay apart, whatever their acronyms say:
        # initials are shared by many names.
        return best
    for x in (a, *a.alternatives):
        for y in (b, *b.alternatives):
            if x is a and y is b:
                continue
            found = _compare_one(x, y)
            if _rank(found) > _rank(best):
                via = [
                    f"via the alternative name '{n.original}'" for n in (x, y) if n not in (a, b)
                ]
                via = list(dict.fromkeys(via))
                best = Evidence(found.score, via + found.reasons, found.strong, found.ceiling)
    return best


def _rank(evidence: Evidence) -> tuple[int, float]:
    order = {Decision.DISTINCT: 0, Decision.REVIEW: 1, Decision.MERGE: 2}
    return (order[evidence.ceiling] if evidence.strong or evidence.score else 0, evidence.score)


def _compare_one(a: NormalName, b: NormalName) -> Evidence:
    if a.is_empty or b.is_empty:
        return Evidence(0.0, ["nothing left to compare"], ceiling=Decision.DISTINCT)
    if a.person_like and b.person_like:
        return _people(a, b)
    if a.kind is None and a.person_like:
        a = normalise(a.original, "organization")
    if b.kind is None and b.person_like:
        b = normalise(b.original, "organization")
    return _things(a, b)


def _words_of(name: NormalName, other: NormalName) -> list[tuple[str, str]]:
    """(shown, compared) pairs; an Arabic-script name against a Latin one keeps its skeleton."""
    if name.abjad is not None and other.abjad is None:
        return [(w, w) for w in name.abjad]
    if other.abjad is not None and name.abjad is None:
        return [(w, w) for w in name.words]
    return list(zip(name.words, name.tokens, strict=True))


def _pair_similarity(a: NormalName, x: str, b: NormalName, y: str) -> tuple[float, str]:
    a_script = a.abjad is not None and b.abjad is None
    b_script = b.abjad is not None and a.abjad is None
    if a_script or b_script:
        script, latin = (x, y) if a_script else (y, x)
        if latin.startswith("cc") and len(latin) == 4:
            return 0.0, "a country against Arabic script"
        similarity = abjad_similarity(script, latin)
        return similarity, f"Arabic script against Latin ({similarity:.2f})"
    return word_similarity(x, y)


def _people(a: NormalName, b: NormalName) -> Evidence:
    reasons: list[str] = []
    for name in (a, b):
        if name.titles:
            reasons.append(f"ignored titles in '{name.original}': {', '.join(name.titles)}")
    if a.gender and b.gender and a.gender != b.gender:
        return Evidence(
            0.0, [*reasons, "honorifics of different genders"], ceiling=Decision.DISTINCT
        )
    wa, wb = _words_of(a, b), _words_of(b, a)
    if len(wa) == len(wb):
        forward = [_pair_similarity(a, x[1], b, y[1]) for x, y in zip(wa, wb, strict=True)]
        backward = [
            _pair_similarity(a, x[1], b, y[1]) for x, y in zip(wa, reversed(wb), strict=True)
        ]
        sims, order = (
            (forward, wb) if _weakest(forward) >= _weakest(backward) else (backward, wb[::-1])
        )
        for (shown_a, _), (shown_b, _), (_, why) in zip(wa, order, sims, strict=True):
            reasons.append(f"'{shown_a}' ~ '{shown_b}': {why}")
        if order is not wb:
            reasons.append("words in the other order")
        weakest = _weakest(sims)
        mean = sum(s for s, _ in sims) / len(sims)
        score = round(0.7 * weakest + 0.3 * mean, 4)
        if len(sims) == 1:
            reasons.append("a single word: not enough to merge people")
            return Evidence(score, reasons, strong=False, ceiling=Decision.REVIEW)
        variant = _variant(wa, order, sims) if order is wb else None
        if variant is not None and score < VARIANT_SCORE:
            reasons.append(f"{variant}, the given name agrees: perhaps one name transliterated")
            return Evidence(VARIANT_SCORE, reasons, strong=False, ceiling=Decision.REVIEW)
        return Evidence(score, reasons, strong=weakest >= SAME_WORD)
    short, long_ = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    s_name, l_name = (a, b) if short is wa else (b, a)
    joined = _joined(a, b)
    if joined is not None:
        return Evidence(
            joined, [*reasons, "the same letters with words joined or split"], strong=True
        )
    matched = 0
    start = 0
    for _, word in short:
        for k in range(start, len(long_)):
            if _pair_similarity(s_name, word, l_name, long_[k][1])[0] >= SAME_WORD:
                matched += 1
                start = k + 1
                break
    if matched == len(short):
        reasons.append(f"'{l_name.original}' has words the other lacks")
        return Evidence(0.75, reasons, ceiling=Decision.REVIEW)
    reasons.append("different numbers of words that do not line up")
    return Evidence(0.3 * matched / len(long_), reasons, ceiling=Decision.DISTINCT)


def _variant(
    wa: list[tuple[str, str]], wb: list[tuple[str, str]], sims: list[tuple[float, str]]
) -> str | None:
    """The reason a pair of people's names in order is one name transliterated twice:
    every word agrees but one after the first, which is a `transliteration_variant`."""
    weak = [i for i, (similarity, _) in enumerate(sims) if similarity < SAME_WORD]
    if weak and weak[0] == 0 and same_given_name(wa[0][0].casefold(), wb[0][0].casefold()):
        weak = weak[1:]  # 'Raman' / 'Roman': two forms of one given name
    if len(weak) != 1 or weak[0] == 0:
        return None
    return transliteration_variant(wa[weak[0]][1], wb[weak[0]][1])


def _weakest(sims: list[tuple[float, str]]) -> float:
    return min(s for s, _ in sims)


def _joined(a: NormalName, b: NormalName) -> float | None:
    if a.abjad is not None or b.abjad is not None:
        return None
    x, y = phonetic("".join(a.words)), phonetic("".join(b.words))
    return 0.95 if x == y else None


def _things(a: NormalName, b: NormalName) -> Evidence:
    if a.acronym or b.acronym:
        return _acronyms(a, b)
    by_words = _words_as_set(a, b)
    if by_words.strong and by_words.ceiling is Decision.MERGE:
        return by_words
    group_a, group_b = alias_group(a), alias_group(b)
    if group_a is not None and group_a == group_b:
        return Evidence(
            0.95, ["known aliases of one party (vocab/party_aliases.json)"], strong=True
        )
    return by_words


def _words_as_set(a: NormalName, b: NormalName) -> Evidence:
    reasons: list[str] = []
    for name in (a, b):
        reasons.extend(f"'{name.original}': {note}" for note in name.notes)
    wa, wb = _words_of(a, b), _words_of(b, a)
    used: set[int] = set()
    sims: list[float] = []
    extra_a: list[str] = []
    for shown, word in wa:
        best, best_k, why = 0.0, -1, ""
        for k, (_, other) in enumerate(wb):
            if k in used:
                continue
            sim, reason = _pair_similarity(a, word, b, other)
            if sim > best:
                best, best_k, why = sim, k, reason
        if best >= NEAR_WORD:
            used.add(best_k)
            sims.append(best)
            if best < 1.0:
                reasons.append(f"'{shown}' ~ '{wb[best_k][0]}': {why}")
        else:
            extra_a.append(shown)
    extra_b = [shown for k, (shown, _) in enumerate(wb) if k not in used]
    telling_a = [w for w in extra_a if w not in GENERIC]
    telling_b = [w for w in extra_b if w not in GENERIC]
    if not sims:
        return Evidence(0.0, [*reasons, "no word in common"], ceiling=Decision.DISTINCT)
    mean = sum(sims) / len(sims)
    near = min(sims) < SAME_WORD
    if near and not telling_a and not telling_b:
        reasons.append("a word is only near its counterpart")
        return Evidence(round(max(REVIEW_SCORE, mean), 4), reasons, ceiling=Decision.REVIEW)
    if not telling_a and not telling_b:
        if extra_a or extra_b:
            reasons.append(f"ignored generic words: {_shown(extra_a + extra_b)}")
            mean *= 0.97
        reasons.append(f"all {len(sims)} distinctive words agree")
        return Evidence(round(mean, 4), reasons, strong=True)
    if telling_a and telling_b:
        reasons.append(f"words that differ: {_shown(telling_a)} / {_shown(telling_b)}")
        share = len(sims) / (len(sims) + max(len(telling_a), len(telling_b)))
        return Evidence(round(0.6 * share, 4), reasons, ceiling=Decision.DISTINCT)
    extra = telling_a or telling_b
    reasons.append(f"one name has words the other lacks: {_shown(extra)}")
    share = len(sims) / (len(sims) + len(extra))
    return Evidence(round(0.7 + 0.1 * share, 4), reasons, ceiling=Decision.REVIEW)


def _acronyms(a: NormalName, b: NormalName) -> Evidence:
    if a.acronym and b.acronym:
        if a.acronym == b.acronym:
            return Evidence(1.0, ["the same acronym"], strong=True)
        group_a, group_b = alias_group(a), alias_group(b)
        if group_a is not None and group_a == group_b:
            return Evidence(
                0.95, ["known aliases of one party (vocab/party_aliases.json)"], strong=True
            )
        return Evidence(0.0, ["different acronyms"], ceiling=Decision.DISTINCT)
    short, full = (a, b) if a.acronym else (b, a)
    acronym = short.acronym or ""
    group_a, group_b = alias_group(a), alias_group(b)
    if group_a is not None and group_a == group_b:
        return Evidence(
            0.95, ["known aliases of one party (vocab/party_aliases.json)"], strong=True
        )
    if acronym in full.initials:
        reason = f"'{short.original}' is the initials of '{full.original}'"
        if len(acronym) < 3:
            return Evidence(
                0.8, [reason, "two letters: too short to merge alone"], ceiling=Decision.REVIEW
            )
        return Evidence(0.92, [reason], strong=True)
    return Evidence(0.0, [f"'{short.original}' is not the initials of '{full.original}'"],
                    ceiling=Decision.DISTINCT)  # fmt: skip


def _shown(words: list[str]) -> str:
    """Words as a reason shows them: a country token ('ccse') as 'country SE'."""
    return ", ".join(
        f"country {w[2:].upper()}" if w.startswith("cc") and len(w) == 4 else w for w in words
    )
