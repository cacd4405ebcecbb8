"""Extraction on hostile text against a normal letter of the same size (out of CI).

    OMP_NUM_THREADS=1 .venv/bin/python bench/hostile_text.py              # 100 KB each
    OMP_NUM_THREADS=1 .venv/bin/python bench/hostile_text.py --kb 20 --only '>' blank

Each hostile text (100 KB of one ASCII punctuation character, of blank lines,
of one repeated token, of long lines) goes through every extraction stage in
order, as `extract` runs them; the time of each stage and of the whole
pipeline is printed as a ratio to the same stage on a synthetic letter of the
same size. A linear design keeps every ratio small; a super-linear pattern
shows up as one stage taking seconds. `tests/extract/test_hostile_text.py`
(slow marker) holds the whole pipeline to a generous bound on the same texts.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))  # the repository, for the test generator

from tests.ingest import hostile

from corpus import letter
from vigil.extract import ExtractInput
from vigil.extract.pipeline import STAGES, _context
from vigil.settings import Settings


def hostile_texts(size: int) -> dict[str, str]:
    """Name -> text of about `size` characters: the slow test's texts
    (`tests/ingest/hostile.py`) and a few more shapes."""
    texts = hostile.hostile_texts(size)
    texts["repeated name"] = "Mr Ali Rahimi, " * (size // 15)
    texts["dots and spaces"] = ". " * (size // 2)
    texts["capitals"] = "ABCDEFGH " * (size // 9)
    return texts


def normal_text(size: int) -> str:
    rng = random.Random(3)
    parts: list[str] = []
    while sum(len(p) for p in parts) < size:
        parts.append(letter(rng, 4000, 5000)[1])
    return "\n\n".join(parts)[:size]


def timed_stages(text: str, settings: Settings) -> dict[str, float]:
    """Seconds per stage (and 'total') for one text, stages run as `extract` runs them."""
    ctx = _context(ExtractInput(text=text, language="en"), settings)
    times: dict[str, float] = {}
    for stage in STAGES:
        run: Callable[..., None] = stage.run
        started = time.perf_counter()
        try:
            run(ctx)
        except Exception as exc:
            print(f"    {stage.NAME} raised {type(exc).__name__}", file=sys.stderr)
        times[str(stage.NAME)] = time.perf_counter() - started
    times["total"] = sum(times.values())
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kb", type=int, default=100, help="size of each text in KB")
    parser.add_argument("--only", nargs="*", help="names (or punctuation chars) to run")
    args = parser.parse_args()
    size = args.kb * 1000
    settings = Settings(nlp_max_chars=size + 1)
    timed_stages(normal_text(2000), settings)  # load the models outside the timings
    baseline = timed_stages(normal_text(size), settings)
    print(f"normal letter, {args.kb} KB: {baseline['total']:.2f}s")
    texts = hostile_texts(size)
    if args.only:
        wanted = set(args.only)
        texts = {
            k: v for k, v in texts.items() if k in wanted or k.removeprefix("punct ") in wanted
        }
    worst = 0.0
    for name, text in texts.items():
        times = timed_stages(text, settings)
        slowest = max((k for k in times if k != "total"), key=lambda k: times[k])
        ratio = times["total"] / max(baseline["total"], 1e-3)
        stage_ratio = times[slowest] / max(baseline[slowest], 1e-3)
        worst = max(worst, times["total"])
        print(
            f"{name:26} {times['total']:7.2f}s  x{ratio:6.2f} of normal; slowest stage "
            f"{slowest} {times[slowest]:.2f}s (x{stage_ratio:.1f})",
            flush=True,
        )
    print(f"worst: {worst:.2f}s")


if __name__ == "__main__":
    main()
