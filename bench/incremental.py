"""Time to add one letter to a case file of 100, 1,000 and 5,000 documents.

    .venv/bin/python bench/incremental.py                       # CI-sized: 50 and 200
    .venv/bin/python bench/incremental.py --sizes 100,1000,5000 # the issue's sizes

For each size N, a fresh SQLCipher store gets N synthetic letters (`bench.corpus`)
with hand-made extractions (no NLP: the case-file update is what is measured),
and the whole case file is built once. Then `--letters` more letters are added
one at a time, each stored, its extraction saved and the case file updated with
`vigil.cases.update_case_file(store, [document])`, as `vigil ingest` and a web
upload do. Prints the median time per added letter, and its ratio to the
smallest size's (target: flat within 2x).

The extractions' names come from `Names`: `--surnames` invented surnames (5,000
by default) and 400 invented given names, each drawn by a Zipf law as in a real
population (a few surnames common, most rare), and a third of the people at risk
recur from earlier letters, as a campaign writes again. `--surnames 0` draws from
`bench.corpus`'s 28 given names and 24 surnames instead (the earlier generator:
each surname then blocks with a 24th of every name in the store).
Out of CI.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "src")]

from bench.corpus import EVENTS, PLACES, TITLES, letter  # noqa: E402
from bench.corpus import person as small_list_person  # noqa: E402

from vigil.cases import update_case_file  # noqa: E402
from vigil.model import ExtractionRecord, ParsedDocument, Span, SuggestionRecord  # noqa: E402
from vigil.settings import Settings  # noqa: E402
from vigil.store import Store  # noqa: E402
from vigil.store.lifecycle import init_store  # noqa: E402
from vigil.store.store import NewDocument  # noqa: E402
from vigil.store.suggestions import save_extraction  # noqa: E402

EVENT_TYPES = ["arrest", "detention", "trial", "forced_transfer", "hunger_strike"]
SYLLABLES = [a + b for a in "bdfghjklmnprstvz" for b in "aeiou"] + ["ar", "el", "in", "or"]
ACCENTED = str.maketrans("aeiousz", "áéíöüşž")
GIVEN_NAMES = 400
RECURRING = 1 / 3
"""Share of the people at risk who are someone an earlier letter was about."""


class Names:
    """Invented people's names: surnames and given names each drawn by a Zipf law."""

    def __init__(self, surnames: int, seed: int = 5) -> None:
        rng = random.Random(seed)
        self.surnames = self._words(rng, surnames, 2, 4)
        self.given = self._words(rng, GIVEN_NAMES, 2, 3)
        self.surname_weights = list(itertools.accumulate(1 / r for r in range(1, surnames + 1)))
        self.given_weights = list(itertools.accumulate(1 / r for r in range(1, GIVEN_NAMES + 1)))
        self.at_risk: list[str] = []

    @staticmethod
    def _words(rng: random.Random, n: int, shortest: int, longest: int) -> list[str]:
        words: list[str] = []
        seen: set[str] = set()
        while len(words) < n:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(shortest, longest)))
            word = word.capitalize()
            if rng.random() < 0.2:
                word = word.translate(ACCENTED)
            if word not in seen:
                seen.add(word)
                words.append(word)
        return words

    def person(self, rng: random.Random) -> str:
        if not self.surnames:
            return small_list_person(rng)
        [given] = rng.choices(self.given, cum_weights=self.given_weights)
        [surname] = rng.choices(self.surnames, cum_weights=self.surname_weights)
        return f"{given} {surname}"

    def person_at_risk(self, rng: random.Random) -> str:
        if self.at_risk and rng.random() < RECURRING:
            return rng.choice(self.at_risk)
        name = self.person(rng)
        self.at_risk.append(name)
        return name


def record(rng: random.Random, names: Names) -> ExtractionRecord:
    """An extraction as the pipeline would give for one synthetic letter."""

    def s(field: str, value: object, confidence: float = 0.7) -> SuggestionRecord:
        return SuggestionRecord(field, value, [Span(0, 10)], "bench", "bench", confidence)

    at_risk, sender = names.person_at_risk(rng), names.person(rng)
    title = rng.choice(TITLES)
    mentioned = [names.person(rng) for _ in range(3)]
    return ExtractionRecord(
        pipeline_version="bench",
        contract={"kind": "letter", "date": f"20{rng.randint(15, 24)}-0{rng.randint(1, 9)}-15"},
        suggestions=[
            s("kind", "letter", 0.9),
            s("senders", {"name": sender, "kind": "person"}),
            s("addressees", {"name": title, "kind": "office"}),
            s("persons_at_risk", at_risk),
            *(s("persons", name) for name in mentioned),
            s("locations", rng.choice(PLACES)),
            s("demands", "release"),
            s(
                "events",
                {
                    "type": rng.choice(EVENT_TYPES),
                    "subjects": [at_risk],
                    "actors": [],
                    "place": rng.choice(PLACES),
                    "date": None,
                    "modality": "asserted",
                    "label": rng.choice(EVENTS),
                },
            ),
        ],
        errors=[],
        truncated=False,
    )


def add_letters(store: Store, rng: random.Random, names: Names, n: int) -> list[int]:
    texts = []
    for _ in range(n):
        title, body = letter(rng, 400, 1200)
        texts.append((title, body))
    ids = store.add_documents(
        [
            NewDocument(
                ParsedDocument(format="txt", text=body, full_text=body, title=title),
                body.encode(),
                locator=f"letter-{rng.random()}.txt",
            )
            for title, body in texts
        ]
    )
    for doc in ids:
        save_extraction(store, doc, record(rng, names))
    return ids


def run(size: int, letters: int, seed: int, surnames: int) -> tuple[float, float]:
    rng = random.Random(seed)
    names = Names(surnames)
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(
            home=Path(home),
            argon2_memory_kib=64,
            argon2_time_cost=1,
            insecure_test_kdf=True,  # a throwaway store of invented letters
        )
        store = init_store(settings, "benchmark passphrase").store
        try:
            add_letters(store, rng, names, size)
            started = time.perf_counter()
            update_case_file(store)
            full = time.perf_counter() - started
            times = []
            for _ in range(letters):
                started = time.perf_counter()
                [doc] = add_letters(store, rng, names, 1)
                update_case_file(store, [doc])
                times.append(time.perf_counter() - started)
        finally:
            store.close()
    return full, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,200", help="store sizes, comma-separated")
    parser.add_argument("--letters", type=int, default=5, help="letters added per size")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--surnames", type=int, default=5000, help="invented surnames (0: the 24 of bench.corpus)"
    )
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    base: float | None = None
    print(f"{'documents':>10} {'full build s':>13} {'add 1 letter ms':>16} {'ratio':>6}")
    for size in sizes:
        full, one = run(size, args.letters, args.seed, args.surnames)
        base = base or one
        print(f"{size:>10} {full:>13.2f} {one * 1000:>16.1f} {one / base:>6.2f}")
    print("target: ratio <= 2.0 at every size (flat)")


if __name__ == "__main__":
    main()
