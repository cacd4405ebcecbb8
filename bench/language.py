"""Language identification: the function-word cues against lingua, agreement and time.

    .venv/bin/python bench/language.py                      # the eval texts (../shared/eval)
    .venv/bin/python bench/language.py FOLDER [FOLDER ...]

Each file is parsed as ingest parses it (`formats.parse`); on the start of its
clean text (`SAMPLE_CHARS`) the cues (`language_by_cues`) and lingua are both
asked. Prints how many texts the cues decide, how many of those lingua agrees
with (target >= 95 %), each disagreement, and the time per text of each. Out of CI.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src")]

EVAL = REPO.parent / "shared" / "eval"
FOLDERS = [EVAL / "wild", EVAL / "public" / "texts", EVAL / "dev"]


def main() -> None:
    from vigil.ingest import formats, language
    from vigil.settings import Settings

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=FOLDERS)
    args = parser.parse_args()
    settings = Settings()
    langs = tuple(settings.languages)
    samples: list[tuple[str, str]] = []
    for folder in args.folders:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".json", ".md") or not path.is_file():
                continue
            text = formats.parse(path.read_bytes(), path.name, settings).text
            samples.append((path.name, text[: language.SAMPLE_CHARS]))
    detector = language._detector(langs)

    def lingua(sample: str) -> str | None:
        found = detector.detect_language_of(sample)
        return found.iso_code_639_1.name.lower() if found is not None else None

    lingua(samples[0][1])  # models and the cue file load before the clock
    language.language_by_cues(samples[0][1], langs)
    started = time.perf_counter()
    cues = [language.language_by_cues(s, langs) for _, s in samples]
    cue_ms = 1000 * (time.perf_counter() - started) / len(samples)
    started = time.perf_counter()
    answers = [lingua(s) for _, s in samples]
    lingua_ms = 1000 * (time.perf_counter() - started) / len(samples)
    decided = [(n, c, a) for (n, _), c, a in zip(samples, cues, answers, strict=True) if c]
    agree = sum(1 for _, c, a in decided if c == a)
    for name, cue, answer in decided:
        if cue != answer:
            print(f"disagree: {name}: cues {cue}, lingua {answer}")
    print(f"texts {len(samples)}; lingua says {dict(Counter(answers).most_common())}")
    print(
        f"cues decide {len(decided)} ({len(decided) / len(samples):.0%}); lingua agrees on"
        f" {agree} ({agree / max(len(decided), 1):.1%})"
    )
    print(f"time per text: cues {cue_ms:.3f} ms, lingua {lingua_ms:.3f} ms")


if __name__ == "__main__":
    main()
