"""`vigil review`: walk the review queue from the keyboard, or decide in bulk."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Annotated

import click
import typer

from vigil.cases.review import QueueStats, ReviewItem, decide, progress, queue_stats, review_items
from vigil.cli import secrets
from vigil.cli.printing import out, shown
from vigil.errors import ReviewError
from vigil.store.suggestions import review, review_many

KEYS = "[a]ccept  [e]dit  [r]eject  [s]kip  [q]uit"


def _key() -> str:
    """One key press from the terminal; from a pipe, the next character read."""
    if sys.stdin.isatty():
        return click.getchar().lower()
    return (sys.stdin.read(1) or "q").lower()


def _value(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _show(item: ReviewItem, number: int, total: int) -> None:
    s = item.suggestion
    out.print(
        f"\n[bold]{number}/{total}[/bold]  document #{s.document_id} "
        f"{shown(item.document_title or '')}"
    )
    out.print(f"  [bold]{s.field}[/bold]: {shown(_value(s.value))}")
    out.print(f"  [dim]{s.component}/{s.rule}, confidence {s.confidence:.2f}[/dim]")
    if item.decision_size > 1:
        out.print(
            f"  [dim]one decision with {item.decision_size - 1} more ({item.decision_rule}):"
            " accept or reject decides them all[/dim]"
        )
    context = (
        shown(item.before) + "[reverse]" + shown(item.quoted) + "[/reverse]" + shown(item.after)
    )
    out.print("  “" + context.replace("\n", " ") + "”")


def review_cmd(
    document: Annotated[int | None, typer.Option(help="Only this document's suggestions.")] = None,
    field: Annotated[str | None, typer.Option(help="Only this field, e.g. persons.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    as_list: Annotated[
        bool, typer.Option("--list", help="List the queue; decide nothing.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="With --list or --stats: print JSON.")
    ] = False,
    stats: Annotated[
        bool,
        typer.Option(
            "--stats", help="Count what waits for a person per document, by field; decide nothing."
        ),
    ] = False,
    accept_rule: Annotated[
        str | None, typer.Option(help="Accept every waiting suggestion made by this rule.")
    ] = None,
    reject_rule: Annotated[
        str | None, typer.Option(help="Reject every waiting suggestion made by this rule.")
    ] = None,
    min_confidence: Annotated[
        float | None, typer.Option(help="With --accept-rule/--accept-all: only at or above this.")
    ] = None,
    accept_all: Annotated[
        bool,
        typer.Option(
            "--accept-all",
            help="Accept every waiting suggestion (of --field, above --min-confidence).",
        ),
    ] = False,
) -> None:
    """Review machine suggestions: accept, edit, reject or skip each, in its source sentence."""
    with secrets.unlocked_store() as store:
        if stats:
            _print_stats(queue_stats(store), as_json)
            return
        if accept_rule or reject_rule or accept_all:
            if accept_rule and reject_rule:
                raise ReviewError("give --accept-rule or --reject-rule, not both")
            state = "rejected" if reject_rule else "accepted"
            count = review_many(
                store,
                state,
                rule=accept_rule or reject_rule,
                min_confidence=min_confidence,
                field=field,
            )
            out.print(f"{count} suggestions {state}")
            return
        items = review_items(store, limit, field, document)
        if as_list:
            if as_json:
                sys.stdout.write(
                    json.dumps([asdict(i) for i in items], ensure_ascii=False, indent=2) + "\n"
                )
                return
            for number, item in enumerate(items, 1):
                _show(item, number, len(items))
            return
        decided = 0
        done: set[int] = set()
        for number, item in enumerate(items, 1):
            if item.suggestion.id in done:
                continue  # decided with its group
            _show(item, number, len(items))
            out.print(f"  {shown(KEYS)} ", end="")
            key = _key()
            out.print(key)
            if key == "q":
                break
            if key == "s":
                continue
            assert item.suggestion.id is not None
            if key in ("a", "r"):
                state = "accepted" if key == "a" else "rejected"
                done.update(decide(store, item.suggestion.id, state))
            elif key == "e":
                typed = typer.prompt("  corrected value", default=_value(item.suggestion.value))
                value = json.loads(typed) if typed.lstrip().startswith("{") else typed
                review(store, item.suggestion.id, "edited", value)
            else:
                out.print("  (skipped: unknown key)")
                continue
            decided += 1
        counts = progress(store)
    out.print(
        f"\n{decided} decided; " + ", ".join(f"{state} {n}" for state, n in sorted(counts.items()))
    )


def _print_stats(stats: QueueStats, as_json: bool) -> None:
    if as_json:
        body = asdict(stats) | {
            "waiting": stats.waiting,
            "to_decide": stats.to_decide,
            "suggestions_per_document": round(stats.per_document(stats.waiting), 2),
            "decisions_per_document": round(stats.per_document(stats.to_decide), 2),
        }
        sys.stdout.write(json.dumps(body, indent=2) + "\n")
        return
    out.print(
        f"{stats.documents} documents: {stats.waiting} suggestions wait "
        f"({stats.per_document(stats.waiting):.1f} per document) in {stats.to_decide} decisions "
        f"({stats.per_document(stats.to_decide):.1f} per document)"
    )
    out.print(f"{'field':<24}{'suggestions':>12}{'decisions':>11}")
    for name in sorted(set(stats.suggestions) | set(stats.decisions)):
        out.print(
            f"{shown(name):<24}{stats.suggestions.get(name, 0):>12}"
            f"{stats.decisions.get(name, 0):>11}"
        )
    out.print("decided: " + ", ".join(f"{k} {v}" for k, v in sorted(stats.decided.items())))


def register(app: typer.Typer) -> None:
    app.command("review")(review_cmd)
