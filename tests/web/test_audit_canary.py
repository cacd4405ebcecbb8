"""Nothing in the audit trail holds document text or names: a canary through the whole loop.

An upload whose file name, people and places are canaries runs the real chain
(store, extract, case file), then a review decision, a bulk decision, a case
by hand and a CSV export; no column of any change-log entry may contain a canary.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from vigil.store import Store, tables
from vigil.store.suggestions import get_extraction

from .conftest import Browser, finished_job

CANARIES = ("Qorvenhall", "Ysbeltrude", "Wanzoldt")
LETTER = f"""14 June 2032

Minister Halvard {CANARIES[2]}
Ministry of Inland Waters
Port {CANARIES[0]}

Dear Minister,

We write about Mr. Casimir {CANARIES[1]}, a boat mechanic who was arrested by the river police
in Port {CANARIES[0]} on 9 June 2032 and is held without charge.
We urge you to release him immediately and to allow his family to visit him.

Yours sincerely,

Marguerite Tallis
Director, Riverside Rights Circle
""".encode()


@pytest.mark.slow  # the real spaCy pipeline
def test_no_canary_reaches_the_audit_trail(owner: Browser, store: Store) -> None:
    owner.page("/upload")
    name = f"{CANARIES[1]}-appeal.txt"
    finished_job(owner, owner.post("/upload", files={"files": (name, LETTER)}))
    [doc] = store.documents()
    extraction = get_extraction(store, doc.id)
    assert extraction is not None and len(extraction.suggestions) >= 2
    first = extraction.suggestions[0]
    owner.page("/review")
    assert owner.post(f"/review/{first.id}", {"action": "accept"}).status_code == 303
    bulk = owner.post("/review/bulk", {"action": "accept", "min_confidence": "0.1"})
    assert bulk.status_code == 303
    owner.page("/cases")
    assert owner.post("/cases", {"name": f"Case of {CANARIES[1]}"}).status_code in (200, 303)
    assert owner.get("/parties.csv").status_code == 200
    c = tables.changes
    with store.engine.connect() as conn:
        rows = [tuple(map(str, r)) for r in conn.execute(select(c))]
    assert len(rows) >= 6
    text = "\n".join("\t".join(r) for r in rows).lower()
    assert [w for w in CANARIES if w.lower() in text] == []
