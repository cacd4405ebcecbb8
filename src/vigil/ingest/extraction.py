"""Stage 2 of ingest: stored text in, extraction suggestions out.

`extract_file` is the stateless path behind `vigil extract --json FILE`: the
file is read by the same parsers as `ingest` (in this process: it is one file
the user named) and the pure pipeline of `vigil.extract` runs over its clean
text. Nothing is stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vigil.errors import IngestError
from vigil.extract.pipeline import extract
from vigil.extract.types import ExtractInput, Extraction
from vigil.ingest import formats
from vigil.model import ParsedDocument
from vigil.settings import Settings


def extraction_input(parsed: ParsedDocument, gazetteer: tuple[str, ...] = ()) -> ExtractInput:
    return ExtractInput(
        text=parsed.text,
        title=parsed.title,
        language=parsed.language,
        published=parsed.published,
        format=parsed.format,
        gazetteer=gazetteer,
    )


def extract_parsed(parsed: ParsedDocument, settings: Settings) -> Extraction:
    return extract(extraction_input(parsed), settings)


def extract_file(path: Path, settings: Settings) -> dict[str, Any]:
    """The extraction contract for one file, keyed by the file's stem."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or type(exc).__name__}") from exc
    parsed = formats.parse(data, path.name, settings)
    return extract_parsed(parsed, settings).to_contract(path.stem)
