"""`vigil audit verify|head|list`: the tamper-evident change log.

`register(app)` adds the group to the main command line.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from vigil.auditing import EntryFilter, Head, audit_entries, check_audit
from vigil.cli import secrets
from vigil.cli.printing import err, out, print_json, shown
from vigil.store.chain import canonical_at

EXIT_DAMAGED = 4
audit_app = typer.Typer(help="The tamper-evident change log.", no_args_is_help=True)


def _head(text: str | None) -> Head | None:
    return None if text is None else Head.parse(text)


@audit_app.command("verify")
def audit_verify(
    head: Annotated[
        str | None,
        typer.Option("--head", help="ID:HASH printed earlier by `vigil audit head`: must hold."),
    ] = None,
) -> None:
    """Recompute the chain and its seals; exit 4 naming the first entry that does not hold."""
    anchor = _head(head)
    with secrets.unlocked_store() as store:
        check = check_audit(store, anchor)
    if check.ok:
        out.print(f"OK: {check.chain.entries} entries chained and sealed; head {check.head}")
        return
    if check.chain.reason:
        err.print(f"[red]audit chain broken:[/red] {shown(check.chain.reason)}")
    if check.anchored is False:
        err.print(f"[red]the chain no longer holds the head {anchor}[/red] (rewritten or cut)")
    raise typer.Exit(EXIT_DAMAGED)


@audit_app.command("head")
def audit_head() -> None:
    """Print the newest entry's ID:HASH; keep it outside Vigil to check the log against later."""
    with secrets.unlocked_store() as store:
        check = check_audit(store)
    if not check.chain.ok:
        err.print(f"[red]audit chain broken:[/red] {shown(check.chain.reason or '')}")
        raise typer.Exit(EXIT_DAMAGED)
    out.print(str(check.head) if check.head else "(the log is empty)")


@audit_app.command("list")
def audit_list(
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="How many entries.")] = 50,
    actor: Annotated[str | None, typer.Option(help="Only this actor (user:ID, os:NAME).")] = None,
    action: Annotated[str | None, typer.Option(help="Only this action.")] = None,
    entity: Annotated[str | None, typer.Option(help="Only this kind of record.")] = None,
    entity_id: Annotated[int | None, typer.Option("--id", help="Only this record id.")] = None,
    before: Annotated[
        int | None,
        typer.Option(min=1, help="Only entries older than this id: the next page back."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The newest entries first: when, who, what, which record (ids and counts, no content).

    A page holds `--limit` entries; when it is full, the command says which `--before ID`
    shows the next, older page."""
    wanted = EntryFilter(actor, action, entity, entity_id, before=before, limit=limit)
    with secrets.unlocked_store() as store:
        entries = audit_entries(store, wanted)
    older = entries[-1].id if len(entries) == limit else None
    if as_json:
        print_json([e.record() for e in entries])
        if older is not None:
            err.print(f"older entries: --before {older}")
        return
    table = Table("id", "at (UTC)", "actor", "action", "record", "detail")
    for e in entries:
        record = f"{e.entity} {e.entity_id}" if e.entity_id is not None else e.entity
        table.add_row(
            str(e.id),
            canonical_at(e.at)[:19],
            shown(e.actor),
            shown(e.action),
            shown(record),
            shown(e.detail),
        )
    out.print(table)
    if older is not None:
        err.print(f"older entries: --before {older}")


def register(app: typer.Typer) -> None:
    """Add the `audit` group to the main command line."""
    app.add_typer(audit_app, name="audit")
