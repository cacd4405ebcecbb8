"""`vigil letter | case dossier | stats | submit`: parse, call one library function, print.

    vigil letter draft CASE --to PARTY [--kind appeal|follow-up] [--lang en|fr|es|de]
                       [--format md|docx] [--out FILE]
    vigil letter sent ID --date D        a drafted letter went out: date, due date, `sent`
    vigil case dossier ID OUT.pdf [--redact contacts,witnesses,NAME] [--by NAME]
    vigil stats [--json]
    vigil submit un-sp CASE [--out FILE]
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from vigil import cases
from vigil.auditing import record_export
from vigil.cli import secrets
from vigil.cli.cases import case_app
from vigil.cli.printing import err, out, print_json, shown
from vigil.errors import OutputError
from vigil.outputs import dossier, letters
from vigil.outputs.sealing import write_private
from vigil.outputs.stats import statistics
from vigil.outputs.unsp import draft_submission
from vigil.settings import load_settings

letter_app = typer.Typer(help="Letters drafted from a case.", no_args_is_help=True)
submit_app = typer.Typer(help="Submissions drafted from a case.", no_args_is_help=True)


@letter_app.command("draft")
def letter_draft(
    case_id: Annotated[int, typer.Argument(metavar="CASE")],
    to: Annotated[str, typer.Option("--to", help="Addressee: a party of the case, id or name.")],
    kind: Annotated[str, typer.Option("--kind", help="appeal or follow-up.")] = "appeal",
    lang: Annotated[str, typer.Option("--lang", help="en, fr, es or de.")] = "en",
    format_: Annotated[str, typer.Option("--format", help="md or docx.")] = "md",
    target: Annotated[
        Path | None, typer.Option("--out", help="Write the letter here (needed for docx).")
    ] = None,
) -> None:
    """Draft a letter from a case; it is recorded as an intervention in `draft` status."""
    settings = load_settings()
    if format_ == "docx" and target is None:
        raise OutputError("a Word letter needs a file: give --out FILE.docx")
    if target is not None and target.exists():
        raise OutputError(f"{target} exists; choose a new file name")
    with secrets.unlocked_store(settings) as store:
        drafted = letters.draft_letter(
            store, case_id, to, kind=kind, language=lang, format_=format_,
            signature=settings.letter_signature,
            templates=settings.home / "templates" / "letters",
        )  # fmt: skip
    if target is None:
        out.print(shown(drafted.letter.text), end="")
    else:
        write_private(target, drafted.data)
        out.print(f"Letter written to {shown(str(target))}")
    err.print(
        f"Recorded as intervention {drafted.intervention_id} (draft), text as document "
        f"{drafted.document_id}; after sending: `vigil letter sent {drafted.intervention_id} "
        f"--date YYYY-MM-DD`"
    )
    if drafted.letter.left_out:
        err.print(
            f"{drafted.letter.left_out} event(s) of the case wait for review and were left out "
            "(`vigil review`)"
        )


@letter_app.command("sent")
def letter_sent(
    intervention_id: Annotated[int, typer.Argument(metavar="ID")],
    when: Annotated[str, typer.Option("--date", help="The day it was sent, YYYY-MM-DD.")] = "",
) -> None:
    """A drafted letter went out: its date, due date and `sent` status are recorded."""
    settings = load_settings()
    with secrets.unlocked_store(settings) as store:
        cases.send_draft(
            store, intervention_id, when=when or date.today().isoformat(),
            follow_up_days=settings.follow_up_days,
        )  # fmt: skip
        item = cases.get_intervention(store, intervention_id)
    out.print(f"Intervention {intervention_id}: sent {item.date}, due {item.due_date}")


@case_app.command("dossier")
def case_dossier(
    case_id: Annotated[int, typer.Argument(metavar="ID")],
    target: Annotated[Path, typer.Argument(metavar="OUT.pdf")],
    redact: Annotated[
        list[str] | None,
        typer.Option(
            "--redact",
            help="Remove from the PDF: contacts, witnesses, or a name or phrase "
            "(comma-separated or repeated).",
        ),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who made it (for the cover).")] = None,
) -> None:
    """Write a case dossier (PDF): timeline, parties, sourced events, letters, response rates."""
    settings = load_settings()
    redaction = dossier.Redaction.parse(redact)
    signer = [s.strip() for s in (settings.letter_signature or "").split("|") if s.strip()]
    with secrets.unlocked_store(settings) as store:
        made = dossier.write_dossier(
            store, case_id, target, redaction=redaction,
            made_by=by or (signer[0] if signer else "Vigil"),
        )  # fmt: skip
        record_export(store, "dossier", case_id=case_id)
    how = f", redacted: {redaction.describe()}" if redaction.describe() else ""
    out.print(f"Dossier written to {shown(str(made.path))} ({made.pages_bytes} bytes{how})")


def stats_cmd(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Events by type, country, year; letters by month; response rates; cases by status."""
    with secrets.unlocked_store() as store:
        result = statistics(store)
    if as_json:
        print_json(asdict(result))
        return
    for title, counts in [
        ("Events by type", result.events_by_type),
        ("Events by country", result.events_by_country),
        ("Events by year", result.events_by_year),
        ("Interventions by month", result.interventions_by_month),
        ("Cases by status", result.cases_by_status),
    ]:
        out.print(f"[bold]{title}[/bold]")
        for key, n in counts.items():
            out.print(f"  {shown(key)}: {n}")
    out.print("[bold]Responses per authority[/bold]")
    for a in result.authorities:
        days = f", median {a.median_days:g} days" if a.median_days is not None else ""
        out.print(
            f"  {shown(a.name)}: {a.answered}/{a.letters} answered ({a.rate:.0%}){days}"
        )


@submit_app.command("un-sp")
def submit_un_sp(
    case_id: Annotated[int, typer.Argument(metavar="CASE")],
    target: Annotated[Path | None, typer.Option("--out", help="Write it here (Markdown).")] = None,
) -> None:
    """Draft a communication to UN Special Procedures, with what is missing and mandates."""
    settings = load_settings()
    if target is not None and target.exists():
        raise OutputError(f"{target} exists; choose a new file name")
    with secrets.unlocked_store(settings) as store:
        submission = draft_submission(store, case_id, submitter=settings.letter_signature)
        record_export(store, "un-sp", case_id=case_id)
    if target is None:
        out.print(shown(submission.text))
        return
    write_private(target, submission.text.encode("utf-8"))
    out.print(
        f"Submission draft written to {shown(str(target))}; "
        f"{len(submission.missing)} item(s) to complete before sending"
    )


def register(app: typer.Typer) -> None:
    """Add `letter` and `stats` to `app` (`case dossier` joins the `case` group above)."""
    app.add_typer(letter_app, name="letter")
    app.command("stats")(stats_cmd)
    app.add_typer(submit_app, name="submit")
