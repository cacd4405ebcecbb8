"""A draft communication to UN Special Procedures, after OHCHR's model questionnaire.

Headings follow the questionnaire for individual cases: the person(s) concerned, the
alleged violation (date, place, circumstances), the alleged perpetrators, steps taken
domestically and with other bodies, the submitter, and consent. It is filled from the
case view; what is missing or still unreviewed is listed first, the mandates the event
types point to are suggested (`vocab/un_mandates.json`), and for detention the WGAD
categories the facts may support, all for a person to confirm. Nothing is sent or stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vigil import cases, vocab
from vigil.model import TimelineItem
from vigil.outputs.stats import country_of
from vigil.outputs.views import REVIEWED, event_review_states
from vigil.store import Store


@dataclass(frozen=True)
class Submission:
    text: str
    missing: list[str]
    mandates: list[str]
    wgad_categories: list[str]


def _label(item: TimelineItem) -> str:
    if item.label in vocab.ids("event_types"):
        return vocab.label("event_types", item.label)
    return item.label


def draft_submission(
    store: Store, case_id: int, *, submitter: str | None = None, today: date | None = None
) -> Submission:
    view = cases.show_case(store, case_id)
    states = event_review_states(store, view)
    events = [i for i in view.timeline if i.what == "event"]
    letters = [
        cases.get_intervention(store, i.id) for i in view.timeline if i.what == "intervention"
    ]
    data = vocab.load("un_mandates")
    missing: list[str] = []
    people = [m.name for m in view.case.members]
    if not people:
        missing.append("the person(s) concerned: add a party at risk to the case")
    missing.append("for each person: sex, age or date of birth, nationality, occupation")
    if not events:
        missing.append("the alleged violation: no event is recorded in the case")
    unreviewed = [e for e in events if states[e.id] not in REVIEWED]
    if unreviewed:
        missing.append(f"{len(unreviewed)} event(s) not yet reviewed (`vigil review`)")
    if any(not e.date for e in events):
        missing.append("the date of every event")
    if any(not e.place for e in events):
        missing.append("the place of every event")
    if not any(p.role == "actor" for e in events for p in e.parties):
        missing.append("the alleged perpetrators")
    if not letters:
        missing.append("steps taken domestically or with other bodies")
    if not submitter:
        missing.append("the submitter's identity and contact (VIGIL_LETTER_SIGNATURE)")
    missing.append("the consent of the person(s) concerned or their family")
    event_types = list(dict.fromkeys(e.label for e in events))
    keys = list(dict.fromkeys(k for t in event_types for k in data["by_event_type"].get(t, [])))
    mandates = [data["mandates"][k] for k in keys]
    countries = sorted({country_of(e.place) for e in events} - {"unknown"})
    mandates += [f"the country mandate on {c}, if there is one" for c in countries]
    categories = []
    if "WGAD" in keys:
        for number, entry in data["wgad_categories"].items():
            if set(entry["events"]) & set(event_types):
                categories.append(f"Category {number}: {entry['text']}")
    lines = [
        f"# Draft communication to UN Special Procedures: {view.case.name}",
        "",
        f"Drafted {(today or date.today()).isoformat()} from Vigil case {view.case.id}. "
        "A draft for a person to check and complete; nothing has been sent.",
        "",
        "## Before it can be sent",
        "",
        *[f"- [ ] {m}" for m in missing],
        "",
        "## Suggested mandates (to confirm)",
        "",
        *([f"- {m}" for m in mandates] or ["- none suggested by the events recorded"]),
    ]
    if categories:
        lines += ["", "WGAD categories the facts may support (to confirm):", "",
                  *[f"- {c}" for c in categories]]  # fmt: skip
    lines += ["", "## 1. Identity of the person(s) concerned", ""]
    lines += [f"- {p}" for p in people] or ["- (missing)"]
    lines += ["", "## 2. Alleged violation: date, place and circumstances", ""]
    for e in events:
        state = states[e.id]
        subjects = ", ".join(p.name for p in e.parties if p.role == "subject")
        lines.append(
            f"- {_label(e)}{f' ({subjects})' if subjects else ''}: {e.date or 'date unknown'}, "
            f"{e.place or 'place unknown'}; alleged by {', '.join(e.alleged_by) or 'the source'}"
            f" (document #{e.document_id}){'' if state in REVIEWED else ' [not yet reviewed]'}"
        )
        if e.quote is not None:
            lines.append(f"  > {e.quote.text}")
    if not events:
        lines.append("- (missing)")
    lines += ["", "## 3. Alleged perpetrators", ""]
    actors = list(dict.fromkeys(p.name for e in events for p in e.parties if p.role == "actor"))
    lines += [f"- {a} (as alleged)" for a in actors] or ["- (missing)"]
    lines += ["", "## 4. Steps taken domestically and with other bodies", ""]
    for item in letters:
        answers = "; ".join(f"{r.date} {r.type}" for r in item.responses) or "no response recorded"
        lines.append(
            f"- {item.date or 'undated'}: letter to {', '.join(item.names('addressee')) or '?'}"
            f" ({item.status}); {answers}"
        )
    if not letters:
        lines.append("- (missing)")
    lines += ["", "## 5. Identity of the submitter", "",
              *[f"{s.strip()}" for s in (submitter or "(missing)").split("|")], "",
              "## 6. Consent", "",
              "- [ ] The person(s) concerned, or their family, agree to this submission and to "
              "their name being shared with the State.", ""]  # fmt: skip
    return Submission("\n".join(lines), missing, mandates, categories)
