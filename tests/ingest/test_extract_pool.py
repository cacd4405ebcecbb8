"""Extraction in the sandbox: same results, and a document over its time limit costs
one recorded error, never the batch (issue 12)."""

from __future__ import annotations

from vigil.extract import ExtractInput, extract
from vigil.ingest.extract_pool import TIME_LIMIT, ExtractorPool
from vigil.settings import Settings

LETTER = (
    "Geneva, 3 May 2024\n\nTo the Minister of Justice\n\nExcellency,\n\n"
    "We write about Mr Arben Kola, a teacher held without charge since April.\n"
    "We urge you to release him.\n\nYours faithfully,\nExample Watch\n"
)


def test_sandbox_gives_the_same_extraction_and_times_out_one_document_only() -> None:
    # The batch of three may take 3 x 2 s; the big document is about 30 s of ordinary work
    # here (400,000 characters, read whole), so it is over the limit on a machine several
    # times faster too (100,000 characters once finished inside 6 s on CI).
    settings = Settings(extract_timeout_s=2.0, workers=1, languages=("en",), nlp_max_chars=400_000)
    small = ExtractInput(text=LETTER, language="en")
    big = ExtractInput(text=(LETTER * 2800)[:400_000], language="en")
    with ExtractorPool(settings) as pool:
        [first] = list(pool.extract([[small]]))
        [second] = list(pool.extract([[small, big, small]]))
    expected = extract(small, settings)
    assert first[0].to_contract("x") == expected.to_contract("x")
    assert second[0].to_contract("x") == expected.to_contract("x")
    assert second[2].to_contract("x") == expected.to_contract("x")
    assert [(e.component, e.error_type) for e in second[1].errors] == [("pipeline", TIME_LIMIT)]
