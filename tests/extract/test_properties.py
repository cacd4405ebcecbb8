"""Property tests: any text gives a valid contract (hypothesis)."""

from __future__ import annotations

import json
import re
from datetime import date

from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings
from vigil.vocab import ids

SETTINGS = Settings()
FRAGMENTS = [
    "Dear Minister,",
    "Sincerely,",
    "cc: Prime Minister",
    "Mr. John Smith was arrested.",
    "<p>Lettre ouverte</p>",
    "M. Paul Martin a été arrêté par la police.",
    "12 March 2021",
    "\u06f1\u06f4\u06f0\u06f0/\u06f0\u06f1/\u06f1\u06f5",
    "دستگیر شد",
    "שלום",
    "Tel: +1 202 555 0100",
    "article 7 of the ICCPR",
    "We urge you to release him.",
    "---\ntitle: x\n---",
    "\u200f\u202e",
    "(MEK)",
    "Copies to:",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("\n".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=10).map(
        " ".join
    ),
)


def _valid_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    date(parts[0], parts[1], parts[2])
    return True


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_any_text_gives_a_valid_contract(text: str) -> None:
    result = extract(ExtractInput(text=text), SETTINGS)
    out = result.to_contract("p")
    json.loads(json.dumps(out))
    assert out["errors"] == []
    for s in result.suggestions():
        for span in s.prov.spans:
            assert 0 <= span.start <= span.end <= len(text)
    assert {e["type"] for e in out["events"]} <= ids("event_types")
    assert set(out["legal_references"]) <= ids("legal_references")
    assert set(out["demands"]) <= ids("demand_types")
    assert {p["status"] for p in out["prior_interventions"]} <= ids("intervention_statuses")
    if out["date"] is not None:
        assert _valid_date(out["date"])
    for e in out["events"]:
        assert e["date"] is None or _valid_date(e["date"])


def test_long_text_is_capped_and_flagged() -> None:
    small = Settings(nlp_max_chars=2000)
    text = "Mr. John Smith was arrested in Paris. " * 200
    out = extract(ExtractInput(text=text), small).to_contract("long")
    assert out["truncated"] is True
    assert out["errors"] == []
