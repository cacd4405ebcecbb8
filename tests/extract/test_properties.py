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


# right-to-left and mixed scripts, bidi controls, combining marks
RTL_FRAGMENTS = [
    "آقای رضا احمدی در تهران بازداشت شد.",
    "اعتقل السيد أحمد علي في القاهرة.",
    "Mr. Reza Ahmadi (رضا احمدی) was arrested in Tehran.",
    "نطالب بالإفراج عنه",
    "\u200f\u200e\u202a\u202b\u202c\u2066\u2067\u2069",
    "e\u0301\u0302\u0303 a\u0308\u0308",
    "\u0627\u064e\u0644\u0652\u0645\u064f",
    "\u06f1\u06f4\u06f0\u06f2/\u06f0\u06f7/\u06f1\u06f5",  # a Persian date
    "١٢ مارس ٢٠٢٣",
    "Wir fordern seine Freilassung.",
    "Pedimos su liberación.",
    "Chiediamo il suo rilascio.",
    "nous demandons sa libération",
]
_SCRIPTS = st.characters(
    categories=["L", "M", "N", "P", "Z", "Cf"],
    include_characters="\u0600\u06ff\u0750\u200f\u202e",
)
rtl_texts = st.one_of(
    st.text(alphabet=_SCRIPTS, max_size=300),
    st.lists(
        st.one_of(st.sampled_from(RTL_FRAGMENTS), st.sampled_from(FRAGMENTS)), max_size=10
    ).map(" ".join),
    st.lists(st.one_of(st.sampled_from(RTL_FRAGMENTS), st.text(max_size=20)), max_size=8).map(
        "\n".join
    ),
).map(lambda t: t.encode("utf-8", "surrogatepass").decode("utf-8", "ignore"))
"""Lone surrogates cannot be stored: the caller strips them, as here."""


def _check_contract(out: dict[str, object]) -> None:
    assert json.loads(json.dumps(out, ensure_ascii=False)) == out
    events = out["events"]
    assert isinstance(events, list)
    for e in events:
        assert e["type"] in ids("event_types")
        assert e["modality"] in ("asserted", "feared", "denied")
        assert all(isinstance(s, str) for s in e["subjects"] + e["actors"])


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rtl_texts)
def test_mixed_scripts_give_a_valid_contract(text: str) -> None:
    out = extract(ExtractInput(text=text), SETTINGS).to_contract("p")
    _check_contract(out)
    assert out["errors"] == []


@hsettings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rtl_texts, min_size=1, max_size=5))
def test_extract_many_on_mixed_scripts_matches_extract(batch: list[str]) -> None:
    from vigil.extract import extract_many

    docs = [ExtractInput(text=t) for t in batch]
    many = [r.to_contract("p") for r in extract_many(docs, SETTINGS, batch_size=2)]
    alone = [extract(d, SETTINGS).to_contract("p") for d in docs]
    for out in many:
        _check_contract(out)
    assert many == alone
