# The fixture table reads best one document a line, so its lines run long:
# ruff: noqa: E501
"""A small invented archive for search tests (store, routes, Chromium): every fact of it
is also kept in Python, so counts can be checked against a brute-force count."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import insert

from vigil.model import ExtractionRecord, ParsedDocument, Span, SuggestionRecord
from vigil.store import Store
from vigil.store import case_tables as ct
from vigil.store import cases as case_store
from vigil.store import parties as party_store
from vigil.store.suggestions import save_extraction

SPELLINGS = ("Nadia Qorbani", "Nadia Ghorbani", "N. Qorbani")
# (text, language, kind, published, spelling of Nadia or None, countries named)
DOCUMENTS = [
    ("Detention of Nadia Qorbani reported by her lawyer.", "en", "letter", "2021-03-02", 0, ["France"]),
    ("Nadia Ghorbani remains in detention without trial.", "en", "report", "2021-07-09", 1, []),
    ("N. Qorbani was moved; detention conditions worsened.", "fr", "letter", "2022-01-15", 2, ["Albania"]),
    ("Appeal for the release of Tomas Verhoef.", "en", "petition", "2022-05-30", None, ["France"]),
    ("Tomas Verhoef describes detention and torture.", "de", "letter", None, None, ["Germany", "France"]),
    ("The hearing was postponed again; detention continues.", "fr", "report", "2023-11-11", None, []),
    ("A letter about farming subsidies.", "en", "letter", "2020-02-02", None, []),
]  # fmt: skip


@dataclass
class Archive:
    ids: list[int]
    nadia: int
    tomas: int
    case_id: int
    countries: dict[int, set[str]] = field(default_factory=dict)
    parties_of: dict[int, set[int]] = field(default_factory=dict)
    cases_of: dict[int, set[int]] = field(default_factory=dict)


def _record(text: str, places: list[str]) -> ExtractionRecord:
    def at(word: str) -> list[Span]:
        start = max(0, text.find(word))
        return [Span(start, start + len(word))]

    suggestions = [SuggestionRecord("locations", p, at(p), "test", "rule", 0.8) for p in places]
    return ExtractionRecord("test", {}, suggestions, [], False)


def build_archive(store: Store) -> Archive:
    """The invented archive in `store`: documents, parties (one merged), a case, countries."""
    ids = []
    for n, (text, lang, kind, published, _, _) in enumerate(DOCUMENTS):
        parsed = ParsedDocument(
            format="txt", text=text, full_text=text, title=f"Doc {chr(90 - n)}",
            language=lang, published=published, metadata={"kind": kind},
        )
        ids.append(store.add_document(parsed, text.encode(), locator=f"/a/{n}.txt"))
    now = store.documents()[0].created_at
    with store.engine.begin() as conn:
        nadia, tomas, nadia_again = (
            int(conn.execute(insert(ct.parties).values(kind="person", name=name, created_at=now))
                .inserted_primary_key[0])  # type: ignore[index]
            for name in ("Nadia Qorbani", "Tomas Verhoef", "N. Qorbani")
        )  # fmt: skip
        names = [(nadia, SPELLINGS[0]), (nadia, SPELLINGS[1]), (tomas, "Tomas Verhoef"),
                 (nadia_again, SPELLINGS[2])]  # fmt: skip
        conn.execute(insert(ct.party_names), [
            {"party_id": p, "name": n, "script": "latin"} for p, n in names
        ])  # fmt: skip
        rows = []
        for doc_id, (text, *_, spelling, _places) in zip(ids, DOCUMENTS, strict=True):
            if spelling is not None:
                party = nadia_again if spelling == 2 else nadia
                rows.append((doc_id, party, SPELLINGS[spelling]))
            if "Tomas Verhoef" in text:
                rows.append((doc_id, tomas, "Tomas Verhoef"))
        conn.execute(insert(ct.mentions), [
            {"document_id": d, "key": f"persons[{k}]", "role": "mentioned", "name": n,
             "kind": "person", "party_id": p} for k, (d, p, n) in enumerate(rows)
        ])  # fmt: skip
    party_store.merge_parties(store, nadia, nadia_again)  # "N. Qorbani" joins Nadia
    case_id = case_store.create_case(store, "Nadia's case", members=[nadia])
    assert case_id is not None
    for doc_id in ids[:2]:
        case_store.add_to_case(store, case_id, document_id=doc_id)
    for doc_id, (text, *_, places) in zip(ids, DOCUMENTS, strict=True):
        save_extraction(store, doc_id, _record(text, places))
    found = Archive(ids, nadia, tomas, case_id)
    codes = {"France": "FR", "Albania": "AL", "Germany": "DE"}
    for doc_id, (text, *_, spelling, places) in zip(ids, DOCUMENTS, strict=True):
        found.countries[doc_id] = {codes[p] for p in places}
        found.parties_of[doc_id] = ({nadia} if spelling is not None else set()) | (
            {tomas} if "Tomas Verhoef" in text else set()
        )
        found.cases_of[doc_id] = {case_id} if doc_id in ids[:2] else set()
    return found


