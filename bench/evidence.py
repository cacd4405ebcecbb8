"""Whether the words highlighted for a suggestion are its value's own, on real letters.

    .venv/bin/python bench/evidence.py     # the 2 example letters and the 78 public texts

Extracts each text (no store) and, for every suggestion whose value names something
(a string, or a record's name or title), checks whether the words highlighted hold the
value's words: the suggestion's last span (the page's rule before `evidence_span`) and
`cases.review.evidence_span` (the rule now). Prints, per field: suggestions, then how
many of each rule's highlights miss the value's words. A value written differently from
its text ("MEK members" for "members of the MEK") misses under both; its sentence is
shown. Out of CI.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from vigil.cases.review import evidence_span, own_words
from vigil.extract.pipeline import extract
from vigil.extract.types import ExtractInput
from vigil.ingest.extraction import to_record
from vigil.settings import load_settings

EVAL = Path("/work/shared/eval")


def main() -> None:
    settings = load_settings()
    files = sorted((EVAL / "dev").glob("*.txt")) + sorted((EVAL / "public" / "texts").iterdir())
    total: Counter[str] = Counter()
    last_misses: Counter[str] = Counter()
    own_misses: Counter[str] = Counter()
    for path in files:
        text = path.read_text("utf-8")
        record = to_record(extract(ExtractInput(text=text), settings), 0)
        for s in record.suggestions:
            words = own_words(s.field, s.value)
            if not words or not s.spans:
                continue
            total[s.field] += 1
            last = s.spans[-1]
            if words.casefold() not in text[last.start : last.end].casefold():
                last_misses[s.field] += 1
            shown = evidence_span(s, text)
            if words.casefold() not in text[shown.start : shown.end].casefold():
                own_misses[s.field] += 1
    print(f"{len(files)} texts; field: suggestions / last span misses / evidence_span misses")
    for field in sorted(total):
        print(f"  {field}: {total[field]} / {last_misses[field]} / {own_misses[field]}")


if __name__ == "__main__":
    main()
