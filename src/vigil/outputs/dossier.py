"""The case dossier: a PDF for a lawyer, a court or a UN mandate, from HTML and CSS.

Sections: cover (case, people at risk, status, date, who made it), summary, timeline,
parties and roles, events (who alleges each, the quoted words with document and line),
interventions (status history, responses), the response rate per authority and letters
over time (SVG from `charts.py`), and the source documents with their SHA-256.

Built with WeasyPrint from `templates/dossier/` with no network access (every URL is
refused); fonts come from the system (DejaVu, Noto: `scripts/install-outputs.sh`) and
are embedded, so Persian and Arabic names render right to left.

Redaction (`contacts`, `witnesses`, or any name or phrase) is applied to every value
before it reaches the HTML, so the PDF's text layer never holds the redacted words; the
PDF's metadata is limited to `METADATA` (a generic title, the producer, the date).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from vigil import cases, vocab
from vigil.errors import OutputError
from vigil.model import CaseView, Quote, TimelineItem
from vigil.outputs.charts import Rate, month_bars, rate_bars
from vigil.outputs.sealing import write_private
from vigil.outputs.views import REVIEWED, event_review_states
from vigil.store import Store

REDACTED = "[redacted]"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w-])\+?\d[\d\s().-]{6,}\d(?![\w-])")
URL = re.compile(r"https?://\S+")
KEYWORDS = frozenset({"contacts", "witnesses"})
METADATA = ("title", "producer", "created")
"""The only metadata a dossier carries: a generic title, the producer and the date."""


@dataclass(frozen=True)
class Redaction:
    contacts: bool = False
    witnesses: bool = False
    names: tuple[str, ...] = ()

    @classmethod
    def parse(cls, spec: str | Sequence[str] | None) -> Redaction:
        """`contacts,witnesses,NAME,...` (or a list of such items) → a Redaction."""
        items = [spec] if isinstance(spec, str) else list(spec or [])
        words = [w.strip() for item in items for w in item.split(",") if w.strip()]
        names = tuple(w for w in words if w.casefold() not in KEYWORDS)
        if any(len(n) < 2 for n in names):
            raise OutputError("a name to redact must be at least 2 characters long")
        lowered = {w.casefold() for w in words}
        return cls("contacts" in lowered, "witnesses" in lowered, names)

    def describe(self) -> str:
        parts = (["contact details"] if self.contacts else []) + (
            ["witnesses"] if self.witnesses else []
        )
        if self.names:
            parts.append(f"{len(self.names)} name(s) or phrase(s)")
        return ", ".join(parts)


class Redactor:
    """Replaces redacted names, phrases and contact details in any text with a marker."""

    def __init__(self, redaction: Redaction, view: CaseView) -> None:
        names = list(redaction.names)
        if redaction.witnesses:
            names += [p.name for p in view.parties if "witness" in p.role]
        self.contacts = redaction.contacts
        names = sorted({n for n in names if n.strip()}, key=len, reverse=True)
        self.pattern = (
            re.compile("|".join(re.escape(n) for n in names), re.IGNORECASE) if names else None
        )

    def __call__(self, text: str) -> str:
        if self.pattern is not None:
            text = self.pattern.sub(REDACTED, text)
        if self.contacts:
            for pattern in (EMAIL, URL, PHONE):
                text = pattern.sub(REDACTED, text)
        return text

    def value(self, value: Any) -> Any:
        """Jinja's `finalize`: every printed value passes here (charts are redacted already)."""
        if value is None or isinstance(value, Markup):
            return "" if value is None else value
        return self(str(value))


def _line(text: str, quote: Quote) -> int:
    return text.count("\n", 0, quote.spans[0].start) + 1 if quote.spans else 1


def _label(item: TimelineItem) -> str:
    if item.label in vocab.ids("event_types"):
        return vocab.label("event_types", item.label)
    return item.label.replace("_", " ")


def _names(item: TimelineItem, role: str) -> str:
    return "; ".join(dict.fromkeys(p.name for p in item.parties if p.role == role))


def dossier_context(
    store: Store, case_id: int, redactor_spec: Redaction, made_by: str, today: date
) -> tuple[dict[str, Any], Redactor]:
    """Everything the dossier shows, read from the case view (nothing is written)."""
    view: CaseView = cases.show_case(store, case_id)
    redact = Redactor(redactor_spec, view)
    states = event_review_states(store, view)
    texts: dict[int, str] = {}
    titles: dict[int, str] = {}

    def text_of(doc_id: int) -> str:
        if doc_id not in texts:
            doc = store.get(doc_id)
            texts[doc_id], titles[doc_id] = doc.text, doc.title or ""
        return texts[doc_id]

    def title_of(doc_id: int | None) -> str:
        if doc_id is None:
            return ""
        text_of(doc_id)
        return titles[doc_id]

    events, letters, timeline = [], [], []
    rates: dict[str, tuple[int, int]] = {}
    months: dict[str, tuple[int, int]] = {}
    responses = unanswered = 0
    for item in view.timeline:
        if item.what == "event":
            state = states[item.id]
            quote = item.quote
            events.append({
                "label": _label(item), "date": item.date, "place": item.place,
                "subjects": _names(item, "subject"), "actors": _names(item, "actor"),
                "alleged_by": "; ".join(item.alleged_by), "state": state,
                "modality": item.modality, "quote": quote.text if quote else None,
                "document_id": item.document_id,
                "document_title": title_of(item.document_id),
                "line": _line(text_of(quote.document_id), quote) if quote else None,
            })  # fmt: skip
            detail = f"{_label(item)}: {_names(item, 'subject')}"
            timeline.append({"date": item.date, "date_precision": item.date_precision,
                             "what": "event", "detail": detail, "state": state})  # fmt: skip
            continue
        detail_iv = cases.intervention_detail(store, item.id)
        iv = detail_iv.intervention
        to = "; ".join(dict.fromkeys(iv.names("addressee")))
        responses += len(iv.responses)
        unanswered += cases.is_unanswered(iv)
        for name in dict.fromkeys(iv.names("addressee")):
            sent, answered = rates.get(name, (0, 0))
            rates[name] = (sent + 1, answered + (1 if iv.responses else 0))
        if iv.date and iv.status != "draft":
            sent, answered = months.get(iv.date[:7], (0, 0))
            months[iv.date[:7]] = (sent + 1, answered)
        for r in iv.responses:
            sent, answered = months.get(r.date[:7], (0, 0))
            months[r.date[:7]] = (sent, answered + 1)
        letters.append({
            "date": iv.date, "senders": "; ".join(dict.fromkeys(iv.names("sender"))),
            "addressees": to, "copies": "; ".join(dict.fromkeys(iv.names("copy"))),
            "demands": ", ".join(vocab.label("demand_types", d) for d in iv.demands
                                 if d in vocab.ids("demand_types")),
            "status": iv.status, "due": iv.due_date,
            "history": [f"{h.status} ({h.at:%Y-%m-%d}, {h.source})" for h in detail_iv.history],
            "responses": [f"{r.date}: {r.type}" + (f", {r.summary}" if r.summary else "")
                          + (f" (document #{r.document_id})" if r.document_id else "")
                          for r in iv.responses],
            "quote": item.quote.text if item.quote and item.quote.text else None,
            "document_id": item.document_id,
            "line": _line(text_of(item.quote.document_id), item.quote) if item.quote else None,
        })  # fmt: skip
        timeline.append({"date": iv.date, "date_precision": iv.date_precision,
                         "what": "intervention", "detail": f"to {to or '?'}",
                         "state": iv.status})  # fmt: skip
    documents = []
    for doc_id in view.documents:
        doc = store.get(doc_id)
        documents.append({
            "id": doc.id, "title": doc.title or "untitled",
            "locator": doc.sources[0].locator if doc.sources else "", "sha256": doc.sha256,
        })  # fmt: skip
    dates = sorted(d for d in (t["date"] for t in timeline) if d)
    rate_list = [Rate(n, s, a) for n, (s, a) in sorted(rates.items())]
    context = {
        "case": view.case,
        "made_on": today.isoformat(),
        "made_by": made_by,
        "redacted": redactor_spec.describe(),
        "events": events,
        "reviewed_events": sum(1 for e in events if e["state"] in REVIEWED),
        "letters": letters,
        "responses": responses,
        "unanswered": unanswered,
        "documents": documents,
        "period": f"{dates[0]} to {dates[-1]}" if dates else "undated",
        "timeline": timeline,
        "parties": view.parties,
        "rate_chart": rate_bars(rate_list, redact) if rate_list else Markup("<p>No letters.</p>"),
        "month_chart": month_bars(months) if months else Markup(""),
    }
    return context, redact


def dossier_html(
    store: Store,
    case_id: int,
    *,
    redaction: Redaction | None = None,
    made_by: str = "Vigil",
    today: date | None = None,
) -> str:
    """The dossier as one HTML page (styles inline, no external resource)."""
    context, redact = dossier_context(
        store, case_id, redaction or Redaction(), made_by, today or date.today()
    )
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("vigil.outputs", "templates/dossier"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=redact.value,
    )
    css = resources.files("vigil.outputs").joinpath("templates/dossier/dossier.css")
    context["css"] = Markup(css.read_text("utf-8"))
    return env.get_template("dossier.html.j2").render(**context)


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise OutputError("a dossier loads nothing from outside; remove the external resource")


def render_pdf(html: str, today: date) -> bytes:
    """HTML → PDF with WeasyPrint; fonts embedded, metadata limited to `METADATA`."""
    import weasyprint  # loaded only when a PDF is made (a second to import)

    document = weasyprint.HTML(string=html, url_fetcher=_refuse).render()
    meta = document.metadata
    meta.title = "Case dossier"
    meta.authors = []
    meta.description = None
    meta.keywords = []
    meta.generator = None
    meta.created = today.isoformat()
    meta.modified = None
    meta.attachments = []
    meta.lang = None
    data: bytes = document.write_pdf()
    return data


@dataclass(frozen=True)
class DossierSummary:
    path: Path
    pages_bytes: int


def write_dossier(
    store: Store,
    case_id: int,
    target: Path,
    *,
    redaction: Redaction | None = None,
    made_by: str = "Vigil",
    today: date | None = None,
) -> DossierSummary:
    """Write the dossier PDF to `target` (a new file, owner-only)."""
    if target.exists():
        raise OutputError(f"{target} exists; choose a new file name")
    if not target.parent.is_dir():
        raise OutputError(f"{target.parent} is not a folder; create it first")
    day = today or date.today()
    html = dossier_html(store, case_id, redaction=redaction, made_by=made_by, today=day)
    data = render_pdf(html, day)
    write_private(target, data)
    return DossierSummary(target, len(data))
