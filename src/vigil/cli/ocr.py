"""`vigil ocr` and `vigil document text`: parse, call one library function, print.

    vigil ocr --pending [--json]            read the scans and photos waiting for OCR
    vigil document text ID --from FILE      store a transcript as document ID's text

`register(app)` adds both to the main command line.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from vigil.cli import secrets
from vigil.cli.cluster import ClusterOption, cluster_pool
from vigil.cli.printing import err, out, print_json
from vigil.errors import ConfigError
from vigil.ingest.extraction import extract_stored
from vigil.ingest.recognition import MISSING, OcrReport, ocr_stored
from vigil.ingest.transcript import transcribe
from vigil.settings import load_settings

document_app = typer.Typer(help="One document: its text.", no_args_is_help=True)


def ocr_cmd(
    pending: Annotated[
        bool, typer.Option("--pending", help="Read every document waiting for OCR.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON report.")] = False,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Extract what OCR read.")
    ] = True,
    cluster: ClusterOption = None,
) -> None:
    """Read scanned PDFs and photos with Tesseract (waiting in state needs_ocr)."""
    if not pending:
        raise ConfigError("give --pending to read the documents waiting for OCR")
    settings = load_settings(cluster=cluster)
    with secrets.unlocked_store(settings) as store, cluster_pool(settings) as pool:
        report = ocr_stored(store, settings, pool)
        done = [o.document_id for o in report.done]
        extracted = []
        if extract and done:
            extracted = extract_stored(store, settings, "pending", only=done, extractor=pool)
    if as_json:
        print_json(
            {
                "available": report.available,
                "waiting": report.waiting,
                "seconds": round(report.seconds, 3),
                "results": [asdict(o) for o in report.outcomes],
                "extracted": len(extracted),
            }
        )
    else:
        print_ocr_report(report)
    if not report.available and report.waiting:
        raise typer.Exit(1)


def print_ocr_report(report: OcrReport) -> None:
    """One line of counts, and why OCR could not run when it could not."""
    if not report.available:
        if report.waiting:
            err.print(f"[yellow]{report.waiting} documents wait for OCR.[/yellow] {MISSING}")
        return
    if not report.waiting:
        out.print("no documents wait for OCR")
        return
    pages = sum(o.pages for o in report.done)
    out.print(
        f"OCR: {len(report.done)} documents read ({pages} pages), "
        f"{len(report.failed)} failed in {report.seconds:.1f}s"
    )
    for outcome in report.failed:
        err.print(f"  document {outcome.document_id}: {outcome.reason}")


@document_app.command("text")
def text_cmd(
    doc_id: Annotated[int, typer.Argument(metavar="ID", help="The document's id.")],
    source: Annotated[
        Path, typer.Option("--from", help="A text file holding the transcript ('-': stdin).")
    ],
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Extract the new text.")
    ] = True,
) -> None:
    """Store a transcript by hand as a document's text (the original is kept as it is)."""
    settings = load_settings()
    data = sys.stdin.buffer.read() if str(source) == "-" else source.read_bytes()
    with secrets.unlocked_store(settings) as store:
        done = transcribe(store, settings, doc_id, data, extract=extract)
    out.print(
        f"document {doc_id}: transcript stored ({done.chars} characters)"
        + (", extracted" if done.extracted else "")
    )


def register(app: typer.Typer) -> None:
    app.command("ocr")(ocr_cmd)
    app.add_typer(document_app, name="document")


__all__ = ["print_ocr_report", "register"]
