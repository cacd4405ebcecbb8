"""`vigil`: the command line. Each command parses, calls one library function, prints.

Exit codes: 0 done; 1 an error (message on stderr); 2 bad usage;
3 `ingest` finished but rejected some inputs; 4 the store is damaged (`verify`
found damage, or any command met a damaged page or key file).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from vigil import cases, keys
from vigil.auditing import Head, record_export
from vigil.cli import secrets
from vigil.cli.audit import register as register_audit_commands
from vigil.cli.cases import register as register_case_commands
from vigil.cli.cluster import ClusterOption, cluster_pool
from vigil.cli.groups import register as register_group_commands
from vigil.cli.ocr import print_ocr_report
from vigil.cli.ocr import register as register_ocr_commands
from vigil.cli.outputs import register as register_output_commands
from vigil.cli.parties import register as register_party_commands
from vigil.cli.printing import err, out, print_json, shown
from vigil.cli.progress import IngestProgress
from vigil.cli.review import register as register_review_command
from vigil.cli.web import register as register_web_commands
from vigil.errors import ConfigError, CorruptStore, VigilError
from vigil.hardening import harden_process
from vigil.ingest.extraction import ExtractResult, extract_file, extract_stored
from vigil.ingest.fetch import is_url
from vigil.ingest.pipeline import Outcome, ingest
from vigil.ingest.walk import walk
from vigil.model import SearchQuery, SearchResults
from vigil.outputs import spreadsheet
from vigil.outputs.archive import export_store, import_store, verify_export
from vigil.outputs.sealing import Protection
from vigil.settings import Settings, load_settings
from vigil.store import backup, highlight, init_store, restore, verify_at
from vigil.store.suggestions import Scope, get_extraction
from vigil.vocab import languages

EXIT_REJECTED = 3
EXIT_DAMAGED = 4

app = typer.Typer(
    help="Vigil: casework for human-rights defenders. Encrypted store, ingest, search.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
passphrase_app = typer.Typer(help="Manage the store passphrase.", no_args_is_help=True)
app.add_typer(passphrase_app, name="passphrase")


@app.callback()
def main(
    acting_as: Annotated[
        str | None,
        typer.Option(
            "--as",
            metavar="NAME",
            help="Who acts, for the audit trail (recorded beside the OS user).",
        ),
    ] = None,
) -> None:
    """Check every vocabulary and language file before any command runs."""
    secrets.set_actor(acting_as)
    languages.validate_all()


def _settings() -> Settings:
    return load_settings()


@app.command()
def init() -> None:
    """Create an encrypted store in $VIGIL_HOME (default ./vigil-data)."""
    settings = _settings()
    passphrase = secrets.store_passphrase(settings, confirm=True) if settings.encrypt else None
    if passphrase is not None and len(passphrase) < 8:
        raise ConfigError("choose a passphrase of at least 8 characters")
    result = init_store(settings, passphrase)
    result.store.close()
    out.print(f"Created an encrypted store in {shown(str(settings.home))}")
    if result.recovery_code:
        out.print("\nRecovery code (shown once; write it down and keep it offline):")
        out.print(f"  [bold]{result.recovery_code}[/bold]\n")


@app.command("ingest")
def ingest_cmd(
    targets: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH_OR_URL...",
            help="Files and folders (read recursively), and web addresses (http, https).",
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON report.")] = False,
    extract: Annotated[
        bool, typer.Option("--extract/--no-extract", help="Run extraction (stage 2) after storing.")
    ] = True,
    ocr: Annotated[
        bool, typer.Option("--ocr/--no-ocr", help="Read scans and photos with Tesseract.")
    ] = True,
    build: Annotated[
        bool,
        typer.Option("--build/--no-build", help="Update the case file from what was extracted."),
    ] = True,
    cluster: ClusterOption = None,
) -> None:
    """Store documents (OCR reading scans), extract them, and update the case file with
    them (as an upload does)."""
    settings = load_settings(cluster=cluster)
    urls = [t for t in targets if is_url(t)]
    paths = [Path(t) for t in targets if not is_url(t)]
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise ConfigError(f"no such file or folder: {missing[0]}")
    found = walk(paths)
    extracted: list[ExtractResult] = []
    with secrets.unlocked_store(settings) as store, cluster_pool(settings) as pool:
        if as_json:
            report = ingest(store, settings, found, ocr=ocr, urls=urls, pool=pool)
        else:
            total = len(found.files) + len(found.skipped) + len(urls)
            with IngestProgress(err, total) as progress:
                report = ingest(store, settings, found, progress, ocr=ocr, urls=urls, pool=pool)
        if extract:
            extracted = extract_stored(store, settings, "pending", extractor=pool)
        built = (
            cases.update_case_file(
                store,
                [r.document_id for r in extracted],
                follow_up_days=settings.follow_up_days,
            )
            if build and extracted
            else None
        )
    stored = report.count(Outcome.STORED)
    if as_json:
        print_json(
            {
                "seconds": round(report.seconds, 3),
                "results": [asdict(r) for r in report.results],
                "ocr": asdict(report.ocr) if report.ocr is not None else None,
                "extracted": [asdict(r) for r in extracted],
                "case_file": asdict(built) if built is not None else None,
            }
        )
    else:
        out.print(
            f"{stored} stored, {report.count(Outcome.NEEDS_OCR)} need OCR, "
            f"{report.count(Outcome.DUPLICATE)} already known, "
            f"{len(report.rejected)} rejected in {report.seconds:.1f}s; "
            f"{len(extracted)} extracted"
            + (
                f"; case file: {built.build.interventions} interventions, "
                f"{len(built.cases)} cases suggested"
                if built is not None
                else ""
            )
        )
        if report.ocr is not None and report.ocr.waiting:
            print_ocr_report(report.ocr)
    if report.rejected:
        raise typer.Exit(EXIT_REJECTED)


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(help='Words, "quoted phrases", prefix*; OR between terms.')
    ],
    lang: Annotated[str | None, typer.Option(help="ISO 639-1 language, e.g. en.")] = None,
    kind: Annotated[str | None, typer.Option(help="Document kind, e.g. letter.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Documents dated on or after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Documents dated on or before YYYY-MM-DD.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Substring of a source path or URL.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    year: Annotated[str | None, typer.Option(help="Documents dated that year (YYYY).")] = None,
    country: Annotated[
        str | None, typer.Option(help="Documents naming a country (ISO code, e.g. FR).")
    ] = None,
    case: Annotated[int | None, typer.Option("--case", help="Documents of a case (id).")] = None,
    party: Annotated[int | None, typer.Option(help="Documents naming a party (id).")] = None,
    facets: Annotated[
        bool,
        typer.Option(
            "--facets",
            help="As the search page: expand a name to its party's spellings; print the"
            " total, the counts by facet, and the parties and cases the name finds.",
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print plain JSON.")] = False,
) -> None:
    """Full-text search (BM25) with highlighted snippets."""
    settings = _settings()
    q = SearchQuery(
        query, lang, kind, since, until, source, limit, offset,
        year=year, country=country.upper() if country else None, case_id=case, party_id=party,
    )
    with secrets.unlocked_store(settings) as store:
        found = cases.search(store, q, count_cap=settings.search_count_cap) if facets else None
        hits = found.hits if found else store.search(q, rank_cap=settings.search_count_cap)
    marked = [{**asdict(h), "snippet": highlight(h.snippet, "<mark>", "</mark>")} for h in hits]
    if as_json and found is not None:
        print_json({**asdict(found), "hits": marked})
        return
    if as_json:
        print_json(marked)
        return
    if found is not None:
        _print_counts(found)
    if not hits:
        out.print("No documents match.")
        return
    for hit in hits:
        out.print(
            f"[bold]#{hit.document_id}[/bold] {shown(hit.title or '(untitled)')} "
            f"[dim]{hit.language or '-'} {hit.kind or '-'} {shown(hit.published or '')} "
            f"score {hit.score:.3g}[/dim]"
        )
        out.print(
            "   " + highlight(shown(hit.snippet), "[reverse]", "[/reverse]").replace("\n", " ")
        )
        if hit.sources:
            out.print(f"   [dim]{shown(hit.sources[0])}[/dim]")


def _print_counts(found: SearchResults) -> None:
    """The total, what else was searched, parties and cases found, and the facet counts."""
    capped = found.counts.capped
    total = f"more than {found.counts.total}" if capped else str(found.counts.total)
    out.print(f"[bold]{total} documents[/bold]")
    if found.also_searched:
        out.print("also searched: " + ", ".join(shown(s) for s in found.also_searched))
    for p in found.parties:
        out.print(f"party #{p.id} {shown(p.name)} [dim]{p.documents} documents[/dim]")
    for c in found.cases:
        out.print(f"case #{c.id} {shown(c.name)} [dim]{c.status}[/dim]")
    for facet, counts in found.counts.facets.items():
        if counts:
            shown_counts = ", ".join(
                f"{shown(c.label or c.value or 'none')} {c.count}{'+' if capped else ''}"
                for c in counts
            )
            out.print(f"[dim]{facet}:[/dim] {shown_counts}")


@app.command()
def documents(
    limit: Annotated[int, typer.Option(min=1)] = 100,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List stored documents and counts by state."""
    settings = _settings()
    with secrets.unlocked_store(settings) as store:
        rows = store.documents(limit, offset)
        counts = store.counts()
    if as_json:
        print_json({"counts": counts, "documents": [asdict(r) for r in rows]})
        return
    table = Table("id", "title", "format", "state", "lang", "date", "bytes")
    for r in rows:
        table.add_row(
            str(r.id),
            shown(r.title or ""),
            r.format,
            str(r.state),
            r.language or "",
            shown(r.published or ""),
            str(r.size),
        )
    out.print(table)
    out.print(" ".join(f"{k}: {v}" for k, v in sorted(counts.items())))


@app.command()
def show(
    doc_id: Annotated[int, typer.Argument(metavar="ID")],
    full: Annotated[bool, typer.Option(help="Show the full text, boilerplate included.")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show one document: metadata, hash, sources, state, suggestions and text."""
    settings = _settings()
    with secrets.unlocked_store(settings) as store:
        doc = store.get(doc_id)
        extraction = get_extraction(store, doc_id)
    if as_json:
        print_json({**asdict(doc), "extraction": asdict(extraction) if extraction else None})
        return
    out.print(f"[bold]#{doc.id} {shown(doc.title or '(untitled)')}[/bold]")
    out.print(
        f"state {doc.state}  format {doc.format}  language {doc.language or '-'}  "
        f"date {shown(doc.published or '-')}  {doc.size} bytes"
    )
    out.print(f"sha256 {doc.sha256}")
    for s in doc.sources:
        out.print(f"source {shown(s.locator)} ({s.kind}, {s.recorded_at:%Y-%m-%d %H:%M})")
    if doc.parent_id:
        out.print(f"attached to document {doc.parent_id}")
    if extraction:
        out.print(
            f"\n[bold]Suggestions[/bold] (pipeline {extraction.pipeline_version}; "
            "each waits for review)"
        )
        for item in extraction.suggestions:
            value = (
                item.value
                if isinstance(item.value, str)
                else json.dumps(item.value, ensure_ascii=False)
            )
            out.print(
                f"  {item.field:18} {shown(value)} [dim]{item.component}/{item.rule} "
                f"{item.confidence:.2f} {item.review_state}[/dim]"
            )
    out.print("")
    out.print(shown(doc.full_text if full else doc.text))


@app.command()
def delete(
    doc_id: Annotated[int, typer.Argument(metavar="ID")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a document, its original, text, index entries and attachments."""
    settings = _settings()
    with secrets.unlocked_store(settings) as store:
        doc = store.get(doc_id)
        if not yes and not typer.confirm(f"Delete document {doc.id} ({doc.title or 'untitled'})?"):
            raise typer.Exit(1)
        ids = store.delete_document(doc_id)
    out.print(f"Deleted {len(ids)} document(s): {', '.join(map(str, ids))}")


class ExportFormat(StrEnum):
    archive = "archive"
    csv = "csv"
    ftm = "ftm"


@app.command("export")
def export_cmd(
    target: Annotated[Path, typer.Argument(metavar="OUT")],
    format_: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="archive (everything, re-importable), csv (a zip of cases, interventions, "
            "parties) or ftm (FollowTheMoney JSON lines for Aleph).",
        ),
    ] = ExportFormat.archive,
    recipient: Annotated[
        str | None, typer.Option(help="Encrypt to this age recipient (age1...).")
    ] = None,
    plaintext: Annotated[bool, typer.Option("--plaintext", help="Write it unencrypted.")] = False,
) -> None:
    """Export everything (metadata, text, originals, hashes, sources), encrypted by default.

    Without --recipient or --plaintext, asks for an export passphrase
    (or reads VIGIL_EXPORT_PASSPHRASE). `--format csv` and `--format ftm` are sealed the same way.
    """
    settings = _settings()
    protection = Protection(recipient=recipient, plaintext=plaintext)
    with secrets.unlocked_store(settings) as store:
        if not recipient and not plaintext:
            protection = Protection(
                passphrase=secrets.new_passphrase("VIGIL_EXPORT_PASSPHRASE", "Export passphrase")
            )
        if format_ is ExportFormat.csv:
            sheet = spreadsheet.export_csv(store, target, protection)
            what = ", ".join(f"{n} {name}" for name, n in sheet.rows.items())
            size, encrypted = sheet.bytes_written, sheet.encrypted
        elif format_ is ExportFormat.ftm:
            from vigil.outputs import ftm  # followthemoney takes a second to load

            ftm_summary = ftm.export_ftm(store, target, protection)
            what = f"{ftm_summary.entities} FollowTheMoney entities"
            size, encrypted = ftm_summary.bytes_written, ftm_summary.encrypted
        else:
            summary = export_store(store, target, protection)
            what = f"{summary.documents} documents"
            size, encrypted = summary.bytes_written, summary.encrypted
            head = summary.audit_head
        if format_ is not ExportFormat.archive:
            record_export(store, str(format_))
    how = "encrypted" if encrypted else "[red]unencrypted[/red]"
    out.print(f"Exported {what} to {shown(str(target))} ({how}, {size} bytes)")
    if format_ is ExportFormat.archive:
        out.print(f"Audit head (keep it apart to check this export later): {head}")


@app.command("import")
def import_cmd(
    source: Annotated[Path, typer.Argument(metavar="FILE")],
    identity: Annotated[
        Path | None, typer.Option(help="age identity file for a recipient export.")
    ] = None,
) -> None:
    """Import an export into an empty store (asks the export passphrase if needed)."""
    settings = _settings()
    with secrets.unlocked_store(settings) as store:
        ident = identity.read_text("utf-8").strip().splitlines()[-1] if identity else None
        passphrase = None
        if ident is None and source.read_bytes()[:21] == b"age-encryption.org/v1":
            passphrase = secrets.secret("VIGIL_EXPORT_PASSPHRASE", "Export passphrase")
        count = import_store(store, source, passphrase, ident)
    out.print(f"Imported {count} documents")


@app.command("verify-export")
def verify_export_cmd(
    source: Annotated[Path, typer.Argument(metavar="FILE")],
    head: Annotated[
        str | None,
        typer.Option("--head", help="ID:HASH kept from `vigil audit head` or the export."),
    ] = None,
    identity: Annotated[
        Path | None, typer.Option(help="age identity file for a recipient export.")
    ] = None,
) -> None:
    """Check an export's audit chain, its head and every document against it; exit 4 if not."""
    anchor = Head.parse(head) if head else None
    ident = identity.read_text("utf-8").strip().splitlines()[-1] if identity else None
    passphrase = None
    if ident is None and source.read_bytes()[:21] == b"age-encryption.org/v1":
        passphrase = secrets.secret("VIGIL_EXPORT_PASSPHRASE", "Export passphrase")
    check = verify_export(source, passphrase, ident, anchor)
    if check.ok:
        out.print(
            f"OK: {check.chain.entries} entries chained; head {check.manifest_head}"
            " as the manifest says; every document matches the chain"
        )
        return
    for problem in check.problems():
        err.print(f"[red]damaged:[/red] {shown(problem)}")
    raise typer.Exit(EXIT_DAMAGED)


@app.command("backup")
def backup_cmd(
    target: Annotated[Path, typer.Argument(metavar="FILE")],
    force: Annotated[
        bool, typer.Option("--force", help="Copy a store that fails its integrity check.")
    ] = False,
) -> None:
    """Write an online, encrypted backup of the whole store (refused if it is damaged)."""
    settings = _settings()
    with secrets.unlocked_store(settings) as store:
        size = backup(store, settings, target, force=force)
    out.print(
        f"Backup written to {shown(str(target))} ({size} bytes); "
        "it opens with this store's passphrase or recovery code"
    )


@app.command("restore")
def restore_cmd(source: Annotated[Path, typer.Argument(metavar="FILE")]) -> None:
    """Restore a backup into an empty $VIGIL_HOME (checked before it is put in place)."""
    settings = _settings()
    with restore(settings, source, secrets.store_passphrase(settings)) as store:
        counts = store.counts()
    out.print(
        f"Restored into {shown(str(settings.home))}: "
        + " ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
    )


@app.command()
def verify() -> None:
    """Re-hash every original, check the database and key file; exit 4 naming the damage."""
    settings = _settings()
    passphrase = secrets.store_passphrase(settings) if settings.encrypt else None
    report = verify_at(settings, passphrase)
    if report.ok:
        out.print(f"OK: {report.checked} originals match their hashes; database intact")
        return
    for problem in report.problems:
        err.print(f"[red]damaged:[/red] {shown(problem)}")
    if report.damaged_pages:
        err.print("[red]damaged pages:[/red] " + ", ".join(map(str, report.damaged_pages)))
    if report.failed_ids:
        err.print("[red]damaged documents:[/red] " + ", ".join(map(str, report.failed_ids)))
    raise typer.Exit(EXIT_DAMAGED)


@app.command("extract")
def extract_cmd(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE]", help="A file in any format ingest reads; no store needed."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    pending: Annotated[
        bool, typer.Option("--pending", help="Extract stored documents not yet extracted.")
    ] = False,
    outdated: Annotated[
        bool,
        typer.Option("--outdated", help="Also redo documents extracted by an older pipeline."),
    ] = False,
    everything: Annotated[bool, typer.Option("--all", help="Redo every document.")] = False,
    cluster: ClusterOption = None,
) -> None:
    """Extract letter structure, parties, events and demands: from FILE, or in the store."""
    settings = load_settings(cluster=cluster)
    if path is not None:
        result = extract_file(path, settings)
        if as_json:
            print_json(result)
            return
        for key, value in result.items():
            if value not in (None, [], {}) and key != "provenance":
                out.print(f"[bold]{key}[/bold]: {shown(json.dumps(value, ensure_ascii=False))}")
        return
    scope: Scope = "all" if everything else "outdated" if outdated else "pending"
    if not (pending or outdated or everything):
        raise ConfigError("give a FILE, or --pending, --outdated or --all to extract in the store")
    with secrets.unlocked_store(settings) as store, cluster_pool(settings) as pool:
        results = extract_stored(store, settings, scope, extractor=pool)
    if as_json:
        print_json([asdict(r) for r in results])
        return
    out.print(
        f"{len(results)} documents extracted, {sum(r.suggestions for r in results)} suggestions, "
        f"{sum(r.errors for r in results)} component errors"
    )


@passphrase_app.command("change")
def passphrase_change() -> None:
    """Change the passphrase (old one, then new one twice); the recovery code stays valid."""
    settings = _settings()
    old = secrets.store_passphrase(settings, prompt="Current passphrase")
    keys.change_passphrase(settings.key_path, old, secrets.new_passphrase(), settings)
    out.print("Passphrase changed")


@app.command()
def recover() -> None:
    """Set a new passphrase with the recovery code; prints a new recovery code."""
    settings = _settings()
    code = secrets.secret("VIGIL_RECOVERY_CODE", "Recovery code")
    new_code = keys.recover(settings.key_path, code, secrets.new_passphrase(), settings)
    out.print("Passphrase reset. The old recovery code no longer works; the new one (shown once):")
    out.print(f"  [bold]{new_code}[/bold]")


register_web_commands(app)
register_group_commands(app)
register_party_commands(app)
register_case_commands(app)
register_review_command(app)
register_output_commands(app)
register_ocr_commands(app)
register_audit_commands(app)


def run() -> None:
    """Entry point: turn Vigil's errors into a message and an exit code."""
    harden_process()  # before any passphrase is read or store unlocked
    logging.basicConfig(level=os.environ.get("VIGIL_LOG_LEVEL", "WARNING"))
    try:
        app()
    except CorruptStore as exc:
        err.print(f"[red]error:[/red] {shown(str(exc))}")
        sys.exit(EXIT_DAMAGED)
    except VigilError as exc:
        err.print(f"[red]error:[/red] {shown(str(exc))}")
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    run()
