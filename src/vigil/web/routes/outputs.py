"""Downloads and statistics: CSV of the list pages, a case's dossier (PDF), a letter
drafted from a case (editors; recorded as a draft intervention), the statistics page.

Every download is an export: a signed-in user re-enters their password (and code) first,
once per `confirm_window_s` (`require_confirmed`), and each is in the audit trail. Each
handler calls the same output functions as the CLI; nothing is stored on disk.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path
from starlette.requests import Request
from starlette.responses import Response

from vigil import cases
from vigil.auditing import record_export
from vigil.outputs import dossier, letters, spreadsheet
from vigil.outputs.charts import Rate, month_bars, rate_bars
from vigil.outputs.stats import statistics
from vigil.web.guards import CheckedForm, Editor, ScopedStore, Viewer, require_confirmed, workspace
from vigil.web.rendering import render
from vigil.web.terms import N_
from vigil.web.translations import translate, translator

router = APIRouter()
CaseId = Annotated[int, Path(ge=1, le=2**53)]


def _download(data: bytes, media_type: str, filename: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def _csv(text: str, name: str) -> Response:
    return _download(text.encode("utf-8"), "text/csv; charset=utf-8", f"{name}.csv")


@router.get("/cases.csv")
def cases_csv(request: Request, store: ScopedStore, session: Viewer) -> Response:
    require_confirmed(request, session, "/cases.csv")
    record_export(store, "csv:cases", session.actor)
    return _csv(spreadsheet.cases_csv(store), "cases")


@router.get("/interventions.csv")
def interventions_csv(
    request: Request,
    store: ScopedStore,
    session: Viewer,
    unanswered: bool = False,
    overdue: bool = False,
) -> Response:
    flags = {"unanswered": unanswered, "overdue": overdue}
    asked = urlencode({name: "true" for name, on in flags.items() if on})
    require_confirmed(request, session, "/interventions.csv" + (f"?{asked}" if asked else ""))
    record_export(store, "csv:interventions", session.actor)
    items = cases.list_interventions(store, unanswered=unanswered, overdue=overdue)
    return _csv(spreadsheet.interventions_csv(store, items), "interventions")


@router.get("/parties.csv")
def parties_csv(request: Request, store: ScopedStore, session: Viewer) -> Response:
    require_confirmed(request, session, "/parties.csv")
    record_export(store, "csv:parties", session.actor)
    return _csv(spreadsheet.parties_csv(store), "parties")


@router.get("/cases/{case_id}/dossier.pdf")
def case_dossier(
    request: Request, store: ScopedStore, session: Viewer, case_id: CaseId
) -> Response:
    require_confirmed(request, session, f"/cases/{case_id}/dossier.pdf")
    made_by = session.user.name if session.user else "the store's owner"
    today = date.today()
    html = dossier.dossier_html(store, case_id, made_by=made_by, today=today)
    record_export(store, "dossier", session.actor, case_id)
    return _download(
        dossier.render_pdf(html, today), "application/pdf", f"case-{case_id}-dossier.pdf"
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.post("/cases/{case_id}/letter")
def case_letter(
    request: Request, store: ScopedStore, session: Editor, form: CheckedForm, case_id: CaseId
) -> Response:
    """A POST: a confirmation returns to the case page, whose form is then sent again."""
    require_confirmed(request, session, f"/cases/{case_id}")
    ws = workspace(request)
    format_ = form.get("format", "docx")
    drafted = letters.draft_letter(
        store, case_id, form.get("to"), kind=form.get("kind", "appeal"),
        language=form.get("lang", "en"), format_=format_,
        signature=ws.settings.letter_signature,
        templates=ws.settings.home / "templates" / "letters",
        actor=session.actor,
    )  # fmt: skip
    name = f"case-{case_id}-{drafted.letter.kind}-{drafted.intervention_id}.{format_}"
    media = DOCX if format_ == "docx" else "text/markdown; charset=utf-8"
    return _download(drafted.data, media, name)


@router.get("/stats")
def stats_page(request: Request, store: ScopedStore, _session: Viewer) -> Response:
    result = statistics(store)
    rates = [Rate(a.name, a.letters, a.answered) for a in result.authorities]
    months = {
        m: (result.interventions_by_month.get(m, 0), result.responses_by_month.get(m, 0))
        for m in {*result.interventions_by_month, *result.responses_by_month}
    }
    words = translator(request)
    tables = [
        (
            N_("Events by type"),
            {words.label("event_types", k): n for k, n in result.events_by_type.items()},
        ),
        (N_("Events by country"), result.events_by_country),
        (N_("Events by year"), result.events_by_year),
        (
            N_("Cases by status"),
            {words.term("case_status", k): n for k, n in result.cases_by_status.items()},
        ),
    ]
    return render(
        request,
        "stats.html",
        {
            "stats": result,
            "rate_chart": rate_bars(rates, title=translate(request, "Response rate per authority"))
            if rates
            else "",
            "month_chart": month_bars(
                months,
                title=translate(request, "Letters and responses per month"),
                legend=translate(request, "letters (light) and responses (dark), highest %(top)d"),
            )
            if months
            else "",
            "tables": tables,
        },
    )
