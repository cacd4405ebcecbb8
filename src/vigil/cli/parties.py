"""`vigil parties ...`: parse, call one library function, print.

`register(app)` adds the `parties` group to the main command line.

    vigil parties match A B [--kind person|organization|location|...] [--json]
    vigil parties match --pairs FILE.jsonl --json

With `--pairs`, each line of FILE (`-` for standard input) is a JSON object
with `a`, `b` and an optional `kind`; one JSON result per line comes out, in
the same order, in one process. A malformed line stops the run with its line
number and exit status 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.markup import escape

from vigil.resolve import KINDS, MatchDecision, Mention, match

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
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
        out.print(f"  - {escape(reason)}")


def register(app: typer.Typer) -> None:
    """Add the `parties` group to the main command line."""
    parties_app.command("match")(match_cmd)
    app.add_typer(parties_app, name="parties")
