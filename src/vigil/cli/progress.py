"""A Rich progress bar for ingest that also prints each duplicate and rejection."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from vigil.cli.printing import shown
from vigil.ingest.pipeline import IngestResult, Outcome


class IngestProgress:
    """Counts results by outcome; advances once per file (not per attachment)."""

    def __init__(self, console: Console, total: int) -> None:
        self.tally: dict[str, int] = {}
        self.progress = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            console=console,
        )
        self.task = self.progress.add_task("ingest", total=total, counts="")

    def __enter__(self) -> IngestProgress:
        self.progress.start()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.progress.stop()

    def __call__(self, result: IngestResult) -> None:
        self.tally[result.outcome] = self.tally.get(result.outcome, 0) + 1
        if "#attachment/" not in result.locator:
            self.progress.advance(self.task)
        counts = " ".join(f"{k}={v}" for k, v in self.tally.items())
        self.progress.update(self.task, counts=counts)
        where = shown(result.locator)
        if result.outcome is Outcome.DUPLICATE:
            self.progress.console.print(
                f"same bytes as document {result.document_id}: "
                f"recorded {where} as another source"
            )
        elif result.outcome is Outcome.REJECTED:
            reason = shown(result.reason or "")
            self.progress.console.print(f"[red]rejected[/red] {where}: {reason}")
