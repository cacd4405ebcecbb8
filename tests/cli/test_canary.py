"""No file Vigil writes, nor any left in $TMPDIR, holds a document's text in clear."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from vigil.settings import Settings

from .helpers import vigil

CANARY = "Vgl7CanaryZebra4419"


def encodings(word: str) -> list[bytes]:
    forms = {word, word.lower(), word.upper()}
    return [f.encode(enc) for f in forms for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def leaks(folder: Path, word: str) -> list[str]:
    found = []
    needles = encodings(word)
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}" for n in needles if n in data]
    return found


def uncompressed_docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    packed = io.BytesIO()
    document.save(packed)
    stored = io.BytesIO()
    with zipfile.ZipFile(packed) as src, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename), compress_type=zipfile.ZIP_STORED)
    return stored.getvalue()


def test_canary_never_reaches_disk_in_clear(
    cli_env: dict[str, str], settings: Settings, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "plain.txt").write_text(f"A letter naming {CANARY}-txt in plain UTF-8.\n")
    (inbox / "wide.txt").write_bytes(f"A letter naming {CANARY}-u16 in UTF-16.\n".encode("utf-16"))
    (inbox / "word.docx").write_bytes(uncompressed_docx(f"A letter naming {CANARY}-docx."))
    assert sorted(set(leaks(inbox, CANARY))) == ["plain.txt", "wide.txt", "word.docx"]
    scratch = tmp_path / "tmpdir"
    scratch.mkdir()
    env = {**cli_env, "TMPDIR": str(scratch)}

    assert vigil(env, "init").code == 0
    run = vigil(env, "ingest", inbox)
    assert run.code == 0, run.err + run.out
    hits = vigil(env, "search", CANARY.lower() + "*", "--json")
    assert hits.out.count('"document_id"') == 3  # all three were read and indexed
    export = tmp_path / "out.vigil"
    assert (
        vigil({**env, "VIGIL_EXPORT_PASSPHRASE": "export passphrase"}, "export", export).code == 0
    )

    assert not settings.database_path.read_bytes().startswith(b"SQLite format 3")
    assert leaks(settings.home, CANARY) == []
    assert leaks(scratch, CANARY) == []
    assert not [n for n in encodings(CANARY) if n in export.read_bytes()]

    assert vigil(env, "delete", "1", "--yes").code == 0
    assert leaks(settings.home, CANARY) == []
    assert leaks(scratch, CANARY) == []
