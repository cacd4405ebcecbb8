"""`vigil parties ...`: parse, call one library function, print.

`register(app)` adds the `parties` group to the main command line.

    vigil parties match A B [--kind person|organization|location|...] [--json]
    vigil parties match --pairs FILE.jsonl --json
    vigil parties list [--kind K] [--name TEXT] [--json]
    vigil parties show ID [--json]
    vigil parties review [--list [--json]]     a accept (merge), r reject, s skip, q quit
    vigil parties merge INTO OTHER
    vigil parties split ID --mention M [--mention M ...]

With `--pairs`, each line of FILE (`-` for standard input) is a JSON object
with `a`, `b` and an optional `kind`; one JSON result per line comes out, in
the same order, in one process. A malformed line stops the run with its line
number and exit status 2. Errors of the store commands (unknown ids, bad
merges and splits) are `VigilError`s: a message and exit status 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import click
import typer

from vigil import cases
from vigil.auditing import record_export
from vigil.cli import secrets
from vigil.cli.printing import out, print_csv, print_json, shown
from vigil.errors import VigilError
from vigil.model import MergeSuggestion
from vigil.outputs import spreadsheet
from vigil.resolve import KINDS, MatchDecision, Mention, match

parties_app = typer.Typer(help="Parties: the same person or organisation across spellings.",
                          no_args_is_help=True)  # fmt: skip

# The functional StrEnum API: mypy cannot type an enum built from a runtime tuple.
Kind = StrEnum("Kind", {k.upper(): k for k in KINDS})  # type: ignore[misc]


def _result(a: str, b: str, kind: str | None, decision: MatchDecision) -> dict[str, Any]:
    return {"a": a, "b": b, "kind": kind, **decision.as_dict()}


def _pairs(stream: TextIO) -> Iterator[tuple[int, str, str, str | None]]:
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise typer.BadParameter(
                f"line {number} is not JSON ({exc.msg})", param_hint="--pairs"
            ) from None
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("a"), str)
            or not isinstance(row.get("b"), str)
        ):
            raise typer.BadParameter(
                f"line {number} needs string fields 'a' and 'b'", param_hint="--pairs"
            )
        kind = row.get("kind")
        if kind is not None and kind not in KINDS:
            raise typer.BadParameter(
                f"line {number}: unknown kind {kind!r}; use one of: {', '.join(KINDS)}",
                param_hint="--pairs",
            )
        yield number, row["a"], row["b"], kind


def match_cmd(
    a: Annotated[str | None, typer.Argument(help="The first name.", show_default=False)] = None,
    b: Annotated[str | None, typer.Argument(help="The second name.", show_default=False)] = None,
    kind: Annotated[Kind | None, typer.Option(help="The kind of party both names are.")] = None,
    pairs: Annotated[
        Path | None,
        typer.Option(
            "--pairs", help="JSON Lines of {a, b, kind?}, one result per line ('-': stdin)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Decide whether two names are one party (merge, review, distinct), with score and reasons."""
    if pairs is not None:
        if a is not None or b is not None:
            raise typer.BadParameter("give either two names or --pairs, not both")
        stream = sys.stdin if str(pairs) == "-" else pairs.open(encoding="utf-8")
        with stream:
            for _, x, y, row_kind in _pairs(stream):
                decision = match(Mention(x, row_kind), Mention(y, row_kind))
                sys.stdout.write(
                    json.dumps(_result(x, y, row_kind, decision), ensure_ascii=False) + "\n"
                )
        return
    if a is None or b is None:
        raise typer.BadParameter("give two names, or --pairs FILE")
    kind_value = kind.value if kind is not None else None
    decision = match(Mention(a, kind_value), Mention(b, kind_value))
    if as_json:
        sys.stdout.write(json.dumps(_result(a, b, kind_value, decision), ensure_ascii=False) + "\n")
        return
    out.print(f"{decision.decision}  (score {decision.score:.3f})")
    for reason in decision.reasons:
        out.print(f"  - {shown(reason)}")


def list_cmd(
    kind: Annotated[Kind | None, typer.Option(help="Only parties of this kind.")] = None,
    name: Annotated[
        str | None, typer.Option("--name", help="Only parties with a spelling containing this.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print CSV for a spreadsheet (UTF-8 with BOM).")
    ] = False,
) -> None:
    """List parties (merged ones left out) with their kind and how often they are mentioned."""
    with secrets.unlocked_store() as store:
        items = cases.list_parties(store, kind.value if kind is not None else None, name)
        if as_csv:
            print_csv(spreadsheet.parties_csv(store, items))
            record_export(store, "csv:parties")
            return
    if as_json:
        print_json([asdict(p) for p in items])
        return
    for p in items:
        out.print(
            f"#{p.id} {shown(p.name)} [dim]({p.kind or 'kind unknown'}) "
            f"{p.names} spellings, {p.mentions} mentions in {p.documents} documents[/dim]"
        )


def show_cmd(
    party_id: Annotated[int, typer.Argument(metavar="ID")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """A party: names and scripts, mentions with role and document, cases, merge suggestions."""
    with secrets.unlocked_store() as store:
        view = cases.show_party(store, party_id)
    if as_json:
        print_json(asdict(view))
        return
    p = view.party
    out.print(f"[bold]Party {p.id}: {shown(p.name)}[/bold] [dim]{p.kind or 'kind unknown'}[/dim]")
    if p.merged_into:
        out.print(f"merged into party {p.merged_into}")
    for link in view.offices:
        said = f"said {link.since}, " if link.since else ""
        since = f" [dim]({said}document #{link.document_id})[/dim]"
        if link.holder_id == p.id:
            out.print(f"holds: #{link.office_id} {shown(link.office)}{since}")
        else:
            out.print(f"held by: #{link.holder_id} {shown(link.holder)}{since}")
    out.print("\n[bold]Names[/bold]")
    for n in view.names:
        out.print(f"  {shown(n.name)} [dim]({n.script})[/dim]")
    out.print("\n[bold]Mentions[/bold]")
    for m in view.mentions:
        came = f" (merged from party {m.merged_from})" if m.merged_from else ""
        out.print(f"  mention {m.id}: document #{m.document_id} {m.role} {shown(m.name)}{came}")
    out.print("\n[bold]Cases[/bold] " + (
        ", ".join(f"#{c.id} {shown(c.name)} ({c.status}, {c.role})" for c in view.cases) or "none"
    ))  # fmt: skip
    if view.suggestions:
        out.print("\n[bold]Merge suggestions[/bold]")
        for s in view.suggestions:
            _suggestion(s, skip=party_id)


def _suggestion(s: MergeSuggestion, skip: int | None = None) -> None:
    sides = [(s.party_a, s.name_a, s.kind_a), (s.party_b, s.name_b, s.kind_b)]
    pair = " ~ ".join(
        f"#{i} {shown(n)} ({k or 'kind unknown'})" for i, n, k in sides if i != skip
    )
    out.print(f"  suggestion {s.id}: {pair}  [dim]score {s.score:.3f}[/dim]")
    for reason in s.reasons:
        out.print(f"    - {shown(reason)}")


KEYS = "[a]ccept (merge)  [r]eject  [s]kip  [q]uit"


def _key() -> str:
    """One key press from the terminal; from a pipe, the next character read."""
    if sys.stdin.isatty():
        return click.getchar().lower()
    return (sys.stdin.read(1) or "q").lower()


def review_cmd(
    as_list: Annotated[
        bool, typer.Option("--list", help="List the queue; decide nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --list: print JSON.")] = False,
) -> None:
    """Review suggested merges of parties: accept (merge), reject or skip each."""
    with secrets.unlocked_store() as store:
        queue = cases.review_queue(store)
        if as_list:
            if as_json:
                print_json([asdict(s) for s in queue])
                return
            for s in queue:
                _suggestion(s)
            return
        decided = 0
        for number, item in enumerate(queue, 1):
            try:
                current = cases.get_merge_suggestion(store, item.id)
            except VigilError:
                continue  # one of its parties was merged by an earlier decision
            if current.review_state != "suggested":
                continue
            out.print(f"\n[bold]{number}/{len(queue)}[/bold]")
            for party_id in (current.party_a, current.party_b):
                view = cases.show_party(store, party_id)
                p = view.party
                spellings = ", ".join(n.name for n in view.names)
                out.print(
                    f"  #{p.id} {shown(p.name)} [dim]({p.kind or 'kind unknown'}), "
                    f"{p.mentions} mentions in {p.documents} documents[/dim]: {shown(spellings)}"
                )
            out.print(f"  [dim]score {current.score:.3f}[/dim]")
            for reason in current.reasons:
                out.print(f"    - {shown(reason)}")
            out.print(f"  {shown(KEYS)} ", end="")
            key = _key()
            out.print(key)
            if key == "q":
                break
            if key == "a":
                kept = cases.accept_merge(store, current.id)
                out.print(f"  merged into party {kept}")
            elif key == "r":
                cases.reject_merge(store, current.id)
            else:
                continue
            decided += 1
        left = len(cases.review_queue(store))
    out.print(f"\n{decided} decided; {left} waiting")


def merge_cmd(
    into: Annotated[int, typer.Argument(metavar="INTO", help="The party to keep.")],
    other: Annotated[int, typer.Argument(metavar="OTHER", help="The party merged into it.")],
) -> None:
    """Merge party OTHER into party INTO (OTHER is kept, marked merged; undo with split)."""
    with secrets.unlocked_store() as store:
        moved = cases.merge_parties(store, into, other)
    out.print(f"Party {other} merged into party {into} ({moved} mentions moved)")


def split_cmd(
    party_id: Annotated[int, typer.Argument(metavar="ID")],
    mention: Annotated[
        list[int], typer.Option("--mention", help="A mention id to move (repeat the option).")
    ],
) -> None:
    """Move some of a party's mentions to a new party of the same kind."""
    with secrets.unlocked_store() as store:
        new_id = cases.split_party(store, party_id, mention)
    out.print(f"Party {new_id} made from {len(set(mention))} mentions of party {party_id}")


def rename_cmd(
    party_id: Annotated[int, typer.Argument(metavar="ID")],
    name: Annotated[str, typer.Argument(metavar="NAME")],
) -> None:
    """Rename a party; its old names stay as spellings."""
    with secrets.unlocked_store() as store:
        cases.rename_party(store, party_id, name)
    out.print(shown(f"Party {party_id} is now {name.strip()}"))


def kind_cmd(
    party_id: Annotated[int, typer.Argument(metavar="ID")],
    kind: Annotated[str, typer.Argument(metavar="KIND")],
) -> None:
    """Change a party's kind (person, organization, family, group, office)."""
    with secrets.unlocked_store() as store:
        cases.set_party_kind(store, party_id, kind)
    out.print(f"Party {party_id} is now a {kind}")


def dismiss_cmd(party_id: Annotated[int, typer.Argument(metavar="ID")]) -> None:
    """Not a real party: kept as rejected, never suggested as a case again."""
    with secrets.unlocked_store() as store:
        cases.dismiss_party(store, party_id)
    out.print(f"Party {party_id} dismissed")


def register(app: typer.Typer) -> None:
    """Add the `parties` group to the main command line."""
    parties_app.command("match")(match_cmd)
    parties_app.command("list")(list_cmd)
    parties_app.command("show")(show_cmd)
    parties_app.command("review")(review_cmd)
    parties_app.command("merge")(merge_cmd)
    parties_app.command("split")(split_cmd)
    parties_app.command("rename")(rename_cmd)
    parties_app.command("kind")(kind_cmd)
    parties_app.command("dismiss")(dismiss_cmd)
    app.add_typer(parties_app, name="parties")
