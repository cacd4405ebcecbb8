"""Resolution time over synthetic mentions: 25k, 50k and 100k, and how it grows.

    .venv/bin/python bench/resolve.py               # 25,000 / 50,000 / 100,000 mentions
    .venv/bin/python bench/resolve.py --sizes 10000 20000

Builds N/4 synthetic parties (people 70%, organisations 20%, places 10%)
from generated names, then N mentions, each a random spelling of one party:
transliteration variants (ou/u, ee/i, e/i, doubled letters, gh/q, kh/h),
titles, 'Surname, Given', capitals, parenthesised acronyms. Each size runs
`vigil.resolve.resolve` from cold caches on one core and prints the time,
the comparisons made, the clusters found, the growth ratio against the
previous size (2.0 is linear for a doubling), and the pairwise precision
and recall of the merges against the parties the mentions were made from.
Target: under 60 s at 100k.
Out of CI.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src")]

from vigil.resolve import Mention, abjad, compare, normalise, resolve  # noqa: E402


def words(text: str) -> list[str]:
    return text.split()


GIVEN = words(
    """Hossein Mohammad Mahmoud Massoud Abdollah Mehdi Javad Qasem Jafar Hamid Saeed Yousef
Omar Karim Fatemeh Maryam Narges Shirin Leila Nasrin Ahmad Mostafa Ebrahim Esmail Mojtaba
Morteza Hassan Hashem Zahra Ali Reza Amir Parisa Soheila Behrouz Farhad Kamran Arash Golnaz
Roya Ghazal Khalil Nouri Bahman Dariush Shahrokh Laleh Mahsa Ramin Sina Babak"""
)
ONSETS = words("b d f g gh h j k kh l m n p q r s sh t v z")
NUCLEI = words("a e i o u ou ee ei")
ENDINGS = words("i ian zadeh pour nia far abadi ani")
ORG_WORDS = words(
    """Committee Association Council Centre Network Union Front League Society Foundation
Watch Alliance Coalition Institute Movement Office"""
)
ORG_TOPICS = words(
    """Human Rights Refugees Prisoners Families Justice Freedom Women Workers Students
Journalists Lawyers Minorities Detainees Victims Democracy Peace"""
)
COUNTRIES = words("Iran Iraq Albania France Germany Turkey Syria Lebanon Afghanistan Armenia")
TITLES = ["", "", "", "", "Dr. ", "Mr. ", "Mrs. ", "H.E. ", "Minister "]


def syllable_name(rng: random.Random, syllables: int) -> str:
    parts = [rng.choice(ONSETS) + rng.choice(NUCLEI) for _ in range(syllables)]
    return ("".join(parts) + rng.choice(["", "d", "n", "r", "m"])).capitalize()


def vary(word: str, rng: random.Random) -> str:
    """A transliteration variant of one word."""
    swaps = [("ou", "u"), ("u", "ou"), ("ee", "i"), ("i", "ee"), ("ei", "ey"), ("gh", "q"),
             ("q", "gh"), ("kh", "h"), ("ss", "s"), ("s", "ss"), ("o", "u")]  # fmt: skip
    for _ in range(rng.randint(0, 2)):
        old, new = rng.choice(swaps)
        if old in word[1:]:
            at = word.index(old, 1)
            word = word[:at] + new + word[at + len(old) :]
    return word


def parties(n: int, rng: random.Random) -> list[tuple[str, str, list[str]]]:
    """(kind, base name, its words) for n synthetic parties."""
    out: list[tuple[str, str, list[str]]] = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.7:
            words = [rng.choice(GIVEN), syllable_name(rng, rng.randint(2, 3)) + rng.choice(ENDINGS)]
            out.append(("person", " ".join(words), words))
        elif roll < 0.9:
            words = [rng.choice(ORG_WORDS), "for", rng.choice(ORG_TOPICS), "in",
                     rng.choice(COUNTRIES), syllable_name(rng, 2)]  # fmt: skip
            out.append(("organization", " ".join(words), words))
        else:
            words = [syllable_name(rng, rng.randint(2, 3)), rng.choice(["", "Prison", "Camp"])]
            words = [w for w in words if w]
            out.append(("location", " ".join(words), words))
    return out


def mention(kind: str, words: list[str], rng: random.Random) -> Mention:
    if kind == "person":
        given, family = (vary(w, rng) for w in words)
        style = rng.random()
        if style < 0.15:
            text = f"{family}, {given}"
        elif style < 0.2:
            text = f"{given} {family}".upper()
        else:
            text = f"{rng.choice(TITLES)}{given} {family}"
        return Mention(text, kind)
    if kind == "organization":
        text = " ".join(vary(w, rng) if w[0].isupper() else w for w in words)
        if rng.random() < 0.2:
            text = f"the {text}"
        if rng.random() < 0.1:
            text += " (" + "".join(w[0] for w in words if w[0].isupper()) + ")"
        return Mention(text, kind)
    return Mention(" ".join(vary(w, rng) for w in words), kind)


def build(n: int, seed: int = 7) -> tuple[list[Mention], list[int]]:
    """N mentions and, for each, the number of the party it names."""
    rng = random.Random(seed)
    pool = parties(max(1, n // 4), rng)
    truth = [rng.randrange(len(pool)) for _ in range(n)]
    return [mention(pool[t][0], pool[t][2], rng) for t in truth], truth


def pair_scores(clusters: list[list[int]], truth: list[int]) -> tuple[float, float]:
    """Precision and recall of 'same party' over all pairs of mentions."""

    def pairs(count: int) -> int:
        return count * (count - 1) // 2

    found = sum(pairs(len(c)) for c in clusters)
    true = sum(pairs(c) for c in Counter(truth).values())
    both = sum(pairs(c) for cl in clusters for c in Counter(truth[i] for i in cl).values())
    return both / max(1, found), both / max(1, true)


def clear_caches() -> None:
    for cached in (normalise._normalise, normalise.phonetic, normalise.skeleton,
                   compare.word_similarity, abjad.abjad_cost):  # fmt: skip
        cached.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    args = parser.parse_args()
    previous: tuple[int, float] | None = None
    for size in args.sizes:
        mentions, truth = build(size)
        clear_caches()
        started = time.perf_counter()
        result = resolve(mentions)
        elapsed = time.perf_counter() - started
        growth = ""
        if previous is not None:
            ratio = elapsed / previous[1]
            growth = f"  x{ratio:.2f} for x{size / previous[0]:.1f} mentions"
        print(
            f"{size:>7,} mentions: {elapsed:6.1f} s, {result.comparisons:>9,} comparisons, "
            f"{len(result.clusters):>7,} clusters, {len(result.reviews):>6,} reviews{growth}"
        )
        precision, recall = pair_scores(result.clusters, truth)
        print(f"{'':>18}pairs of mentions merged: precision {precision:.3f}, recall {recall:.3f}")
        previous = (size, elapsed)


if __name__ == "__main__":
    main()
