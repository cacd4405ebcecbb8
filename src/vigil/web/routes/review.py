"""The review queue: suggestions in their source sentence; accept, edit, reject, skip; bulk.

The queue is grouped as `vigil review` groups it (`cases.queue`): the suggestions
of one decision stand together under their head, which can accept or reject them
all at once (`cases.review.decide`); the page says how many decisions wait per
document (`cases.review.queue_stats`). The same functions as `vigil review` record
every decision, one change-log entry per suggestion under the session's actor.
Skip is the browser's: it only moves to the next item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from vigil import vocab
from vigil.accounts import Role, Session
from vigil.cases.review import (
    ReviewItem,
    Shape,
    decide,
    decide_value,
    evidence_span,
    parse_value,
    progress,
    queue_stats,
    review_items,
    source_sentence,
    value_fields,
    value_from_fields,
    value_label,
    value_text,
)
from vigil.errors import ReviewError
from vigil.store import Store
from vigil.store.suggestions import review, review_many
from vigil.web.forms import Form
from vigil.web.guards import CheckedForm, Editor, ScopedStore, Viewer
from vigil.web.highlight import GROUPS
from vigil.web.rendering import render
from vigil.web.translations import translator

router = APIRouter()
SuggestionId = Annotated[int, Path(ge=1, le=2**53)]
PAGE = 50
MAX_VALUE = 2000
"""Characters in a corrected value; a longer one is refused (a name or a short phrase)."""
ACTIONS = {"accept": "accepted", "reject": "rejected", "edit": "edited"}
VALUE_CHOICES = {
    key: (name, list(vocab.load(name)))
    for key, name in (
        ("kind", "party_kinds"),
        ("type", "event_types"),
        ("status", "intervention_statuses"),
    )
}
"""Parts of a structured value chosen from a vocabulary (key -> vocabulary, its ids)."""
FIELDS = (
    "language",
    "kind",
    *GROUPS,
    "contacts.phones",
    "contacts.faxes",
    "contacts.emails",
    "contacts.postal",
)
STATES = ("suggested", "settled", "accepted", "edited", "rejected")
_BACK = re.compile(r"/(review|documents/[0-9]{1,16})(\?[A-Za-z0-9_=&%.+\-]*)?(#[A-Za-z0-9_\-]*)?")


def _document(raw: str) -> int | None:
    text = raw.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 2**53:
        raise ReviewError("the document is a document number, e.g. 12")
    return int(text)


def _confidence(raw: str) -> float | None:
    text = raw.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError as exc:
        raise ReviewError("the minimum confidence is a number between 0 and 1, e.g. 0.8") from exc
    if not 0 <= value <= 1:
        raise ReviewError("the minimum confidence is between 0 and 1, e.g. 0.8")
    return value


def _field(raw: str) -> str | None:
    field = raw.strip()
    if field and field not in FIELDS:
        raise ReviewError("choose a field from the list")
    return field or None


def _back(raw: str) -> str:
    """Where a decision returns to: the review queue or a document page, nowhere else."""
    return raw if _BACK.fullmatch(raw) else "/review"


@router.get("/review")
def review_page(
    request: Request,
    store: ScopedStore,
    session: Viewer,
    field: Annotated[str, Query(max_length=64)] = "",
    document: Annotated[str, Query(max_length=20)] = "",
    rule: Annotated[str, Query(max_length=200)] = "",
    min_confidence: Annotated[str, Query(max_length=20)] = "",
    done: Annotated[str, Query(max_length=20)] = "",
    n: Annotated[int, Query(ge=0, le=2**53)] = 0,
) -> Response:
    chosen, doc_id, rule_, least = (
        _field(field),
        _document(document),
        rule.strip() or None,
        _confidence(min_confidence),
    )
    items = review_items(store, PAGE, chosen, doc_id, rule=rule_, min_confidence=least)
    filters = {"field": chosen, "document": doc_id, "rule": rule_, "min_confidence": least}
    query = _query(filters)
    return render(
        request,
        "review.html",
        {
            "items": items,
            **_progress(store),
            "filters": filters,
            "fields": FIELDS,
            "here": "/review" + (f"?{query}" if query else ""),
            "message": _message(request, done, n),
            "page": PAGE,
            "editor": session.role.allows(Role.EDITOR),
            "value_text": value_text,
            "value_fields": value_fields,
            "value_label": value_label,
            "value_choices": VALUE_CHOICES,
        },
    )


def _progress(store: Store) -> dict[str, object]:
    counts = progress(store)
    total = sum(counts.values())
    stats = queue_stats(store)
    return {
        "counts": {state: counts.get(state, 0) for state in STATES},
        "total": total,
        "decided": total - counts.get("suggested", 0),
        "stats": stats,
        "decisions_per_document": round(stats.per_document(stats.to_decide), 1),
        "suggestions_per_document": round(stats.per_document(stats.waiting), 1),
    }


def _query(filters: Mapping[str, object]) -> str:
    return urlencode({k: v for k, v in filters.items() if v is not None})


def _message(request: Request, done: str, count: int) -> str | None:
    words = translator(request)
    if done == "accepted":
        message = words.ngettext(
            "%(num)d suggestion accepted.", "%(num)d suggestions accepted.", count
        )
    elif done == "rejected":
        message = words.ngettext(
            "%(num)d suggestion rejected.", "%(num)d suggestions rejected.", count
        )
    else:
        return None
    return message % {"num": count}


@router.post("/review/bulk")
def review_bulk(
    request: Request, store: ScopedStore, session: Editor, form: CheckedForm
) -> Response:
    action = form.get("action")
    if action not in ("accept", "reject"):
        raise ReviewError("bulk review accepts or rejects")
    count = review_many(
        store,
        ACTIONS[action],
        rule=form.get("rule").strip()[:200] or None,
        min_confidence=_confidence(form.get("min_confidence")),
        field=_field(form.get("field")),
        actor=session.actor,
    )
    target = "/review?" + urlencode({"done": ACTIONS[action], "n": count})
    return RedirectResponse(target, status_code=303)


@router.post("/review/{suggestion_id}/decision")
def review_decision(
    request: Request,
    store: ScopedStore,
    session: Editor,
    form: CheckedForm,
    suggestion_id: SuggestionId,
) -> Response:
    """Accept or reject the whole decision the suggestion heads (or belongs to)."""
    return _decide_many(store, session, form, suggestion_id, decide)


@router.post("/review/{suggestion_id}/everywhere")
def review_everywhere(
    request: Request,
    store: ScopedStore,
    session: Editor,
    form: CheckedForm,
    suggestion_id: SuggestionId,
) -> Response:
    """Accept or reject the suggestion's value in every document it waits in."""
    return _decide_many(store, session, form, suggestion_id, decide_value)


def _decide_many(
    store: Store,
    session: Session,
    form: Form,
    suggestion_id: int,
    deciding: Callable[[Store, int, str, str], list[int]],
) -> Response:
    action = form.get("action")
    if action not in ("accept", "reject"):
        raise ReviewError("a decision of several suggestions is accepted or rejected")
    decided = deciding(store, suggestion_id, ACTIONS[action], session.actor)
    path, _, anchor = _back(form.get("back")).partition("#")
    joiner = "&" if "?" in path else "?"
    target = path + joiner + urlencode({"done": ACTIONS[action], "n": len(decided)})
    return RedirectResponse(target + (f"#{anchor}" if anchor else ""), status_code=303)


def _edited_value(form: Form) -> object:
    """The corrected value: a record's parts from their fields (`shape:key`, as
    `value_fields` names them), else the one typed value (text, or JSON for a record)."""
    shapes = {shape.value: shape for shape in Shape}
    parts = {
        (key, shapes[prefix]): values[0]
        for name, values in form.fields.items()
        for prefix, _, key in [name.partition(":")]
        if prefix in shapes and key and values
    }
    typed = [text for text in (form.get("value").strip(),) if text]
    if sum(len(t) for t in [*parts.values(), *typed]) > MAX_VALUE:
        raise ReviewError(f"the corrected value is too long: at most {MAX_VALUE} characters")
    if parts:
        return value_from_fields(parts)
    if not typed:
        raise ReviewError("an edit needs the corrected value")
    return parse_value(typed[0])


@router.post("/review/{suggestion_id}")
def review_one(
    request: Request,
    store: ScopedStore,
    session: Editor,
    form: CheckedForm,
    suggestion_id: SuggestionId,
) -> Response:
    action = form.get("action")
    if action not in ACTIONS:
        raise ReviewError("choose accept, reject or edit")
    value = None
    if action == "edit":
        value = _edited_value(form)
    decided = review(store, suggestion_id, ACTIONS[action], value, actor=session.actor)
    if not request.headers.get("hx-request"):
        return RedirectResponse(_back(form.get("back")), status_code=303)
    assert decided.document_id is not None
    doc = store.get(decided.document_id)
    span = evidence_span(decided, doc.text)
    item = ReviewItem(decided, doc.title, *source_sentence(doc.text, span))
    return render(
        request,
        "_review_item.html",
        {
            "item": item,
            "editor": True,
            "value_text": value_text,
            "value_fields": value_fields,
            "value_label": value_label,
            "value_choices": VALUE_CHOICES,
            "here": "/review",
            "oob": True,  # the progress counts, swapped in out of band
            **_progress(store),
        },
    )
