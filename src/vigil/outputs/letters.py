"""Appeal and follow-up letters drafted from a case, in English, French, Spanish or German.

`compose` reads the case view (nothing is written) and fills a Jinja2 template,
`templates/letters/<lang>/<kind>.md.j2`, which a folder `$VIGIL_HOME/templates/letters/`
of the same shape overrides file by file. What goes in:

- the addressee and a salutation chosen by title or honorific and language
  (`vocab/letter_phrases.json`);
- the facts from **accepted** (or edited, or confirmed) events only, each with its date
  and place and who alleges it; events still waiting for review are left out and counted;
- legal grounds chosen from the event types (`vocab/legal_grounds.json`), demands from the
  case's earlier letters, the copy list of those letters, the signature from settings;
- for a follow-up, every earlier letter to the same party with its date and whether it
  was answered.

`draft_letter` checks everything first, then stores the text as a document and records
the letter as an intervention in `draft` status (`vigil letter sent` records it sent).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2

from vigil import cases, vocab
from vigil.errors import OutputError
from vigil.model import CaseView, InterventionSummary, ParsedDocument, PartyRole, TimelineItem
from vigil.outputs.views import REVIEWED, event_review_states
from vigil.store import Store

LANGUAGES = ("en", "fr", "es", "de")
KINDS = ("appeal", "follow-up")
FORMATS = ("md", "docx")


@dataclass(frozen=True)
class EarlierLetter:
    id: int
    date: str
    addressees: str
    answered: str | None
    """The date of its first response, or None."""


@dataclass(frozen=True)
class Letter:
    case_id: int
    kind: str
    language: str
    addressee: PartyRole
    text: str
    people: list[str]
    demands: list[str]
    copies: list[str]
    earlier: list[EarlierLetter] = field(default_factory=list)
    left_out: int = 0
    """Events of the case left out because no person has accepted them yet."""


def _environment(override: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if override is not None and override.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(override)))
    loaders.append(jinja2.PackageLoader("vigil.outputs", "templates/letters"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,  # Markdown text, never served as HTML
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def find_party(view: CaseView, party: str) -> PartyRole:
    """A party of the case by id or by name (case-insensitive); `OutputError` if not there."""
    text = party.strip()
    for p in view.parties:
        if (text.isdigit() and p.party_id == int(text)) or p.name.casefold() == text.casefold():
            return p
    raise OutputError(
        f"that party is not in case {view.case.id}; "
        f"see `vigil case show {view.case.id}` for its parties (give an id or a name)"
    )


def salutation(party: PartyRole, language: str) -> str:
    phrases = vocab.load("letter_phrases")[language]
    name = party.name.strip()
    if party.kind != "person":
        for pattern, text in phrases["titles"]:
            if re.search(rf"\b(?:{pattern})", name, re.I):
                return str(text)
    words = name.split()
    for pattern, text in phrases["honorifics"]:
        if len(words) > 1 and re.fullmatch(pattern, words[0], re.I):
            return str(text).format(surname=words[-1], name=name)
    for pattern, text in phrases["titles"]:
        if re.search(rf"\b(?:{pattern})", name, re.I):
            return str(text)
    return str(phrases["person"] if party.kind == "person" else phrases["default"]).format(
        name=name, surname=words[-1] if words else name
    )


def _label(event_type: str, language: str) -> str:
    if event_type in vocab.ids("event_types"):
        return vocab.label("event_types", event_type, language if language == "fr" else "en")
    return event_type.replace("_", " ")


def _fact(item: TimelineItem, language: str) -> str:
    phrases = vocab.load("letter_phrases")[language]
    subjects = ", ".join(p.name for p in item.parties if p.role == "subject")
    parts = [_label(item.label, language) + (f" ({subjects})" if subjects else "")]
    if item.date:
        parts.append(phrases["on_date"].format(date=item.date))
    if item.place:
        parts.append(phrases["in_place"].format(place=item.place))
    who = ", ".join(item.alleged_by)
    return " ".join(parts) + (f" ({phrases['according_to'].format(who=who)})" if who else "")


def legal_grounds(event_types: list[str], language: str) -> list[str]:
    table: dict[str, Any] = vocab.load("legal_grounds")
    found: list[str] = []
    for event_type in event_types:
        entries = table.get(event_type, [])
        if entries and "same_as" in entries[0]:
            entries = table[entries[0]["same_as"]]
        for entry in entries:
            text = entry["text"].get(language) or entry["text"]["en"]
            if text not in found:
                found.append(text)
    return found


def _join(items: list[str], language: str) -> str:
    word = vocab.load("letter_phrases")[language]["and"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def _case_letters(store: Store, view: CaseView) -> list[InterventionSummary]:
    ids = [i.id for i in view.timeline if i.what == "intervention"]
    return [cases.get_intervention(store, i) for i in ids]


def _earlier(letters: list[InterventionSummary], party_id: int) -> list[EarlierLetter]:
    found = []
    for item in letters:
        if item.status == "draft" or not item.date:
            continue
        if any(p.party_id == party_id and p.role == "addressee" for p in item.parties):
            answered = min((r.date for r in item.responses), default=None)
            found.append(
                EarlierLetter(item.id, item.date, ", ".join(item.names("addressee")), answered)
            )
    return sorted(found, key=lambda e: (e.date, e.id))


def compose(
    store: Store,
    case_id: int,
    to: str,
    *,
    kind: str = "appeal",
    language: str = "en",
    signature: str | None = None,
    templates: Path | None = None,
    today: date | None = None,
) -> Letter:
    """The letter's text from the case as its page shows it; writes nothing."""
    if language not in LANGUAGES:
        raise OutputError(f"unknown language {language!r}; use one of: {', '.join(LANGUAGES)}")
    if kind not in KINDS:
        raise OutputError(f"unknown kind of letter {kind!r}; use one of: {', '.join(KINDS)}")
    view = cases.show_case(store, case_id)
    party = find_party(view, to)
    phrases = vocab.load("letter_phrases")[language]
    letters = _case_letters(store, view)
    earlier = _earlier(letters, party.party_id)
    if kind == "follow-up" and not earlier:
        raise OutputError(
            f"there is no earlier letter to party {party.party_id} in case {case_id} to follow "
            "up; draft an appeal first (--kind appeal)"
        )
    people = [m.name for m in view.case.members] or [view.case.name]
    events = [i for i in view.timeline if i.what == "event"]
    states = event_review_states(store, view)
    stated = [e for e in events if states[e.id] in REVIEWED]
    demand_ids = list(dict.fromkeys(d for item in letters for d in item.demands))
    demand_ids = [d for d in demand_ids if d in phrases["demands"]] or [phrases["default_demand"]]
    who = _join(people, language)
    demands = [phrases["demands"][d].format(who=who) for d in demand_ids]
    named = [n for item in letters for n in item.names("copy")]
    copies = list(dict.fromkeys(n for n in named if n.casefold() != party.name.casefold()))
    day = (today or date.today()).isoformat()
    context = {
        "place_date": day,
        "addressee": party.name,
        "salutation": salutation(party, language),
        "people": who,
        "facts": [_fact(e, language) for e in stated],
        "grounds": legal_grounds([e.label for e in stated], language),
        "grounds_phrase": _join(legal_grounds([e.label for e in stated], language), language),
        "demands_phrase": _join(demands, language),
        "closing": phrases["closing"],
        "signature": [line.strip() for line in (signature or "").split("|") if line.strip()],
        "copies": copies,
        "earlier": earlier,
        "earlier_phrase": phrases["on_date"].format(
            date=_join([e.date for e in earlier], language)
        ),
        "unanswered": any(e.answered is None for e in earlier),
    }
    try:
        template = _environment(templates).get_template(f"{language}/{kind}.md.j2")
        text = template.render(**context)
    except jinja2.TemplateError as exc:
        raise OutputError(
            f"the letter template {language}/{kind}.md.j2 cannot be used: {exc.__class__.__name__}"
            "; fix or remove the copy in $VIGIL_HOME/templates/letters"
        ) from exc
    return Letter(
        case_id, kind, language, party, text, people, demand_ids, copies, earlier,
        left_out=len(events) - len(stated),
    )  # fmt: skip


def to_docx(letter: Letter) -> bytes:
    """The letter as a Word file: one paragraph per Markdown paragraph, bold and lists kept."""
    import docx  # python-docx; loaded only for Word output

    document = docx.Document()
    document.core_properties.title = ""
    document.core_properties.author = ""
    document.core_properties.comments = ""
    for block in letter.text.split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            for line in lines:
                document.add_paragraph(line[2:], style="List Bullet")
            continue
        paragraph = document.add_paragraph()
        for i, line in enumerate(lines):
            bold = line.startswith("**") and line.endswith("**")
            run = paragraph.add_run(line.strip("*") if bold else line)
            run.bold = bold
            if i < len(lines) - 1:
                run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Drafted:
    letter: Letter
    intervention_id: int
    document_id: int
    data: bytes
    """The file's bytes in the format asked for."""


def draft_letter(
    store: Store,
    case_id: int,
    to: str,
    *,
    kind: str = "appeal",
    language: str = "en",
    format_: str = "md",
    signature: str | None = None,
    templates: Path | None = None,
    today: date | None = None,
    actor: str = "local",
) -> Drafted:
    """Compose the letter, then store its text and record it as a `draft` intervention."""
    if format_ not in FORMATS:
        raise OutputError(f"unknown letter format {format_!r}; use one of: {', '.join(FORMATS)}")
    letter = compose(
        store, case_id, to, kind=kind, language=language, signature=signature,
        templates=templates, today=today,
    )  # fmt: skip
    data = to_docx(letter) if format_ == "docx" else letter.text.encode("utf-8")
    day = (today or date.today()).isoformat()
    title = f"Draft {kind} to {letter.addressee.name}"
    parsed = ParsedDocument(
        format="md", text=letter.text, full_text=letter.text, title=title, language=language,
        published=day, metadata={"drafted_by": "vigil letter draft", "kind": kind},
    )  # fmt: skip
    document_id = store.add_document(
        parsed,
        letter.text.encode("utf-8"),
        locator=f"vigil:letter/{case_id}/{kind}/{letter.addressee.party_id}/{day}/"
        f"{len(store.document_ids()) + 1}",
        source_kind="draft",
        actor=actor,
    )
    sender = [line.strip() for line in (signature or "").split("|") if line.strip()][:1]
    intervention_id = cases.new_intervention(
        store,
        when=day,
        to=[letter.addressee.name],
        from_=sender,
        cc=letter.copies,
        on_behalf=[],
        demands=[d for d in letter.demands if d in vocab.ids("demand_types")],
        case_id=case_id,
        document_id=document_id,
        draft=True,
        actor=actor,
    )
    return Drafted(letter, intervention_id, document_id, data)
