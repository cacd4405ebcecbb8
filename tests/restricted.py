"""A store with one open case and one restricted case, for the per-case access tests.

Every word that belongs only to the restricted case holds a canary ("Quillfeather",
"Kestrelwatch", "Zanzibarine"), so a test can look for it in any page or export.
The addressee is the same person in both letters: a party that appears in a visible
document stays visible.
"""

from __future__ import annotations

from dataclasses import dataclass

from vigil import cases
from vigil.model import ExtractionRecord, ParsedDocument, Span, SuggestionRecord
from vigil.store import Store
from vigil.store.access import restrict_case
from vigil.store.replies import add_reply_suggestion
from vigil.store.suggestions import get_extraction, save_extraction

CANARIES = ("Quillfeather", "Kestrelwatch", "Zanzibarine")

_LETTER = """{date}

Ms. Ana Lindqvist
Minister of the Interior

Dear Minister,

We write about Mr. {person}, who was arrested by the police in {place} on
2 April 2024. We urge you to release him.

{sender}
Director, {org}
"""


@dataclass(frozen=True)
class Letter:
    date: str
    iso: str
    person: str
    place: str
    sender: str
    org: str

    @property
    def text(self) -> str:
        return _LETTER.format(
            date=self.date, person=self.person, place=self.place, sender=self.sender, org=self.org
        )

    def _span(self, words: str) -> list[Span]:
        start = self.text.index(words)
        return [Span(start, start + len(words))]

    def _s(self, field: str, value: object, words: str) -> SuggestionRecord:
        return SuggestionRecord(field, value, self._span(words), "test", "rule", 0.8)

    def record(self) -> ExtractionRecord:
        sender = {"name": self.sender, "kind": "person", "organization": self.org}
        event = {
            "type": "arrest",
            "subjects": [self.person],
            "actors": ["the police"],
            "place": self.place,
            "date": "2024-04-02",
            "modality": "asserted",
        }
        return ExtractionRecord(
            pipeline_version="test",
            contract={"kind": "letter", "date": self.iso},
            suggestions=[
                self._s("date", self.iso, self.date),
                self._s("senders", sender, self.sender),
                self._s("addressees", {"name": "Ana Lindqvist", "kind": "person"},
                        "Ms. Ana Lindqvist"),
                self._s("persons_at_risk", self.person, f"Mr. {self.person}"),
                self._s("demands", "release", "We urge you to release him."),
                self._s("events", event, f"arrested by the police in {self.place}"),
            ],
            errors=[],
            truncated=False,
        )  # fmt: skip


OPEN = Letter("12 May 2024", "2024-05-12", "Omar Benali", "Malmo", "Clara Jensen",
              "Nordic Detention Watch")  # fmt: skip
SECRET = Letter("14 May 2024", "2024-05-14", "Ilya Quillfeather", "Zanzibarine",
                "Maren Kestrelwatch", "Kestrelwatch Defenders")  # fmt: skip


@dataclass(frozen=True)
class World:
    open_case: int
    secret_case: int
    open_document: int
    secret_document: int
    secret_events: list[int]
    secret_interventions: list[int]
    secret_parties: list[int]
    shared_party: int
    secret_suggestions: list[int]
    secret_replies: list[int]


def build_world(store: Store) -> World:
    """Two letters, their case file built, a case each; the second case restricted."""
    ids = {}
    for name, letter in (("open", OPEN), ("secret", SECRET)):
        parsed = ParsedDocument(
            format="txt",
            text=letter.text,
            full_text=letter.text,
            title=f"Letter from {letter.place}",
            language="en",
        )
        doc_id = store.add_document(parsed, letter.text.encode(), locator=f"/data/{name}.txt")
        save_extraction(store, doc_id, letter.record())
        ids[name] = doc_id
    cases.build_from_extractions(store)
    cases.suggest_cases(store)
    by_name = {c.name: c.id for c in cases.list_cases(store)}
    secret_case = next(i for n, i in by_name.items() if "Quillfeather" in n)
    open_case = next(i for n, i in by_name.items() if "Benali" in n)
    cases.add_to_case(store, secret_case, document_id=ids["secret"])
    cases.add_to_case(store, open_case, document_id=ids["open"])
    view = cases.show_case(store, secret_case)
    items = view.timeline
    parties = cases.list_parties(store)
    secret_parties = [p.id for p in parties if any(c in p.name for c in (*CANARIES, "Maren"))]
    shared = next(p.id for p in parties if p.name == "Ana Lindqvist")
    secret_interventions = [i.id for i in items if i.what == "intervention"]
    reply = add_reply_suggestion(store, secret_interventions[0], ids["secret"], "says_it_answers")
    restrict_case(store, secret_case, actor="test")
    return World(
        open_case=open_case,
        secret_case=secret_case,
        open_document=ids["open"],
        secret_document=ids["secret"],
        secret_events=[i.id for i in items if i.what == "event"],
        secret_interventions=secret_interventions,
        secret_parties=secret_parties,
        shared_party=shared,
        secret_suggestions=[s.id for s in extraction.suggestions if s.id is not None]
        if (extraction := get_extraction(store, ids["secret"]))
        else [],
        secret_replies=[reply],
    )
