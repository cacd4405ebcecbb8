"""CSV for spreadsheets: cases, interventions and parties, one row per item.

Cells are text a spreadsheet will not run: a cell starting with `=`, `+`, `-`,
`@`, a tab or a carriage return gets a leading apostrophe (OWASP's advice for
CSV injection). Files are UTF-8 with a byte-order mark, so Excel reads
non-Latin names right. `export_csv` writes the three tables as one zip,
sealed like every export unless plaintext is asked for.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vigil.model import InterventionSummary, PartySummary
from vigil.outputs.sealing import Protection, seal, write_private
from vigil.outputs.views import CaseFile, read_case_file
from vigil.store import Store

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
TABLES = ("cases", "interventions", "parties")


@dataclass(frozen=True)
class Table:
    name: str
    header: list[str]
    rows: list[list[str]]


def escape_cell(value: object) -> str:
    """A cell's text, with a leading apostrophe when a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _join(names: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(n for n in names if n))


def cases_table(data: CaseFile) -> Table:
    rows = []
    for c in data.cases:
        view = data.views[c.id]
        events = [i for i in view.timeline if i.what == "event"]
        letters = [i for i in view.timeline if i.what == "intervention"]
        rows.append(
            [
                str(c.id),
                c.name,
                c.status,
                c.review_state,
                _join(m.name for m in c.members),
                str(len(events)),
                str(len(letters)),
                str(len(view.documents)),
            ]
        )
    header = ["id", "name", "status", "review", "people at risk", "events", "interventions",
              "documents"]  # fmt: skip
    return Table("cases", header, rows)


def intervention_row(item: InterventionSummary, case_names: Sequence[str]) -> list[str]:
    responses = "; ".join(
        f"{r.date} {r.type}" + (f": {r.summary}" if r.summary else "") for r in item.responses
    )
    return [
        str(item.id),
        item.date or "",
        _join(item.names("sender")),
        _join(item.names("addressee")),
        _join(item.names("copy")),
        _join(item.names("on_behalf")),
        _join(case_names),
        item.status,
        item.due_date or "",
        str(len(item.responses)),
        responses,
        _join(item.demands),
        str(item.document_id or ""),
    ]


INTERVENTION_HEADER = ["id", "date", "senders", "addressees", "copies", "about whom", "case",
                       "status", "due", "responses", "response details", "demands",
                       "document"]  # fmt: skip


def interventions_table(
    data: CaseFile, items: Sequence[InterventionSummary] | None = None
) -> Table:
    chosen = data.interventions if items is None else items
    rows = [
        intervention_row(i, [c.name for c in data.cases_of_intervention(i.id)]) for i in chosen
    ]
    return Table("interventions", INTERVENTION_HEADER, rows)


def parties_table(data: CaseFile, items: Sequence[PartySummary] | None = None) -> Table:
    chosen = data.parties if items is None else items
    rows = [
        [
            str(p.id),
            p.name,
            p.kind or "",
            str(p.names),
            str(p.mentions),
            str(p.documents),
            _join(c.name for c in data.cases_of_party(p.id)),
        ]
        for p in chosen
    ]
    header = ["id", "name", "kind", "spellings", "mentions", "documents", "cases"]
    return Table("parties", header, rows)


def to_csv(table: Table) -> str:
    """The table as CSV text with a BOM; every cell escaped."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([escape_cell(h) for h in table.header])
    writer.writerows([[escape_cell(v) for v in row] for row in table.rows])
    return BOM + buffer.getvalue()


def cases_csv(store: Store) -> str:
    return to_csv(cases_table(read_case_file(store)))


def interventions_csv(store: Store, items: Sequence[InterventionSummary] | None = None) -> str:
    """The interventions CSV (a list page passes the items it shows, e.g. the unanswered)."""
    return to_csv(interventions_table(read_case_file(store), items))


def parties_csv(store: Store, items: Sequence[PartySummary] | None = None) -> str:
    return to_csv(parties_table(read_case_file(store), items))


@dataclass(frozen=True)
class CsvExportSummary:
    rows: dict[str, int]
    bytes_written: int
    encrypted: bool


def export_csv(store: Store, target: Path, protection: Protection) -> CsvExportSummary:
    """A zip of cases.csv, interventions.csv, parties.csv; sealed unless plaintext."""
    protection.check()
    data = read_case_file(store)
    tables = [cases_table(data), interventions_table(data), parties_table(data)]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for t in tables:
            info = zipfile.ZipInfo(f"{t.name}.csv", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, to_csv(t).encode("utf-8"))
    payload = seal(buffer.getvalue(), protection)
    write_private(target, payload)
    return CsvExportSummary(
        {t.name: len(t.rows) for t in tables}, len(payload), not protection.plaintext
    )
