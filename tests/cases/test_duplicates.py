"""Near-duplicate letters: the threshold, pinned on our own synthetic letters, and the build.

Reposts (new header, footer, spacing, web furniture) stay above `THRESHOLD`;
two different letters about the same person sharing template paragraphs stay
below it, each with a margin of 0.1 so that drift shows here first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vigil import cases
from vigil.cases.duplicates import THRESHOLD, LetterIndex, shingles, similarity
from vigil.ingest.text import parse_text
from vigil.model import ExtractionRecord, ParsedDocument, Span, SuggestionRecord
from vigil.store import Store
from vigil.store.suggestions import save_extraction

CORPUS = Path(__file__).parent / "corpus"


def _clean(name: str) -> str:
    """The text ingest keeps (web furniture marked and left out)."""
    return parse_text((CORPUS / name).read_bytes()).text


def _as_email(text: str) -> str:
    """The same letter as an e-mail body: headers, reflowed lines, a signature footer."""
    words = text.split()
    lines = [" ".join(words[i : i + 11]) for i in range(0, len(words), 11)]
    return (
        "From: appeals@example.org\nTo: minister.office@example.org\nSubject: Urgent appeal\n\n"
        + "\n".join(lines)
        + "\n\n--\nSent from the appeals desk. Please consider the environment before printing."
    )


def test_shingles_ignore_case_punctuation_and_spacing() -> None:
    assert shingles("One two, THREE  four\nfive six.") == shingles("one two three four five six")
    assert len(shingles("one two three four five six")) == 2


def test_repost_with_web_furniture_is_above_the_threshold() -> None:
    original = _clean("family-appeal-interior.txt")
    repost = _clean("family-appeal-interior-repost.txt")
    raw = (CORPUS / "family-appeal-interior-repost.txt").read_text("utf-8")
    assert similarity(original, repost) >= THRESHOLD + 0.1
    assert similarity(original, raw) >= THRESHOLD + 0.1  # even with the furniture left in
    assert similarity(original, _as_email(original)) >= THRESHOLD + 0.1


def test_letters_sharing_template_paragraphs_are_below_the_threshold() -> None:
    first = _clean("family-appeal-interior.txt")
    second = _clean("family-appeal-justice.txt")
    score = similarity(first, second)
    assert 0.1 < score <= THRESHOLD - 0.1  # they do share paragraphs, and stay apart


def test_index_finds_the_repost_and_not_the_other_letters() -> None:
    texts = {
        n: _clean(f)
        for n, f in enumerate(
            ["family-appeal-interior.txt", "family-appeal-justice.txt", "ngo-letter-president.txt"]
        )
    }
    index = LetterIndex(texts.__getitem__)
    for doc_id, text in texts.items():
        index.add(doc_id, text)
    near = index.nearest(_clean("family-appeal-interior-repost.txt"))
    assert near is not None and near.document_id == 0 and near.similarity >= THRESHOLD
    assert index.nearest(_clean("lettre-ministre-fr.txt")) is None
    assert index.nearest("too short to tell") is None


# -- the build, on hand-made extractions (fast), both backends ------------------------------

BODY = (CORPUS / "family-appeal-interior.txt").read_text("utf-8")


def _record(text: str, addressee: str) -> ExtractionRecord:
    def s(field: str, value: object, words: str) -> SuggestionRecord:
        start = text.index(words)
        return SuggestionRecord(field, value, [Span(start, start + len(words))], "test", "r", 0.8)

    return ExtractionRecord(
        pipeline_version="test",
        contract={"kind": "letter", "date": "2024-03-14"},
        suggestions=[
            s("senders", {"name": "family of Daniel Oroszi", "kind": "family"}, "The family of"),
            s("addressees", {"name": addressee, "kind": "person"}, addressee),
            s("prior_interventions", {"to": "Prosecutor General", "status": "no_response"},
              "We have received no reply"),
        ],
        errors=[],
        truncated=False,
    )  # fmt: skip


def _add(store: Store, text: str, name: str, addressee: str) -> int:
    parsed = ParsedDocument(format="txt", text=text, full_text=text)
    doc_id = store.add_document(parsed, text.encode(), locator=name)
    save_extraction(store, doc_id, _record(text, addressee))
    return doc_id


def test_repost_joins_the_first_letter_and_counts_once(store: Store) -> None:
    first = _add(store, BODY, "a.txt", "Helena Varga")
    report = cases.build_from_extractions(store)
    assert (report.interventions, report.sources) == (2, 0)
    repost = _add(store, "Home » Appeals\n\n" + BODY + "\n\nShare this:\nLeave a Comment\n",
                  "b.txt", "Helena Varga")  # fmt: skip
    report = cases.build_from_extractions(store)
    assert (report.interventions, report.sources) == (0, 2)
    items = cases.list_interventions(store)
    assert len(items) == 2
    assert all(i.source_documents == [first, repost] for i in items)
    assert len(cases.list_interventions(store, unanswered=True)) == 2
    assert cases.response_rates(items) == {"Helena Varga": (1, 0), "Prosecutor General": (1, 0)}
    again = cases.build_from_extractions(store)
    assert (again.interventions, again.sources, again.mentions) == (0, 0, 0)


def test_same_text_to_another_addressee_is_another_intervention(store: Store) -> None:
    _add(store, BODY, "a.txt", "Helena Varga")
    other = BODY.replace("Ms. Helena Varga", "Mr. Viktor Lantos")
    _add(store, other, "b.txt", "Viktor Lantos")
    report = cases.build_from_extractions(store)
    assert report.sources == 0
    letters = [i for i in cases.list_interventions(store) if i.key == "letter"]
    assert sorted(n for i in letters for n in i.names("addressee")) == [
        "Helena Varga",
        "Viktor Lantos",
    ]


@pytest.mark.parametrize("threshold", [0.0, 1.5])
def test_index_refuses_a_threshold_outside_0_1(threshold: float) -> None:
    with pytest.raises(ValueError, match="threshold"):
        LetterIndex(str, threshold)
