"""`vigil ingest` with scans, `vigil ocr --pending`, `vigil document text`, as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import require
from tests.ingest import scans

from .helpers import vigil


def _scan(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "scan.pdf"
    path.write_bytes(scans.image_pdf(scans.page(scans.LETTER_EN)))
    return path


def test_ingest_says_when_tesseract_is_missing_and_ocr_pending_reads_later(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    assert vigil(cli_env, "init").code == 0
    missing = {**cli_env, "VIGIL_OCR_COMMAND": str(tmp_path / "no-tesseract")}
    run = vigil(missing, "ingest", "--no-extract", _scan(tmp_path / "in"))
    assert run.code == 0, run.err
    assert "1 need OCR" in run.out
    assert "Tesseract is not installed" in run.err and "vigil ocr --pending" in run.err
    waiting = vigil(missing, "ocr", "--pending")
    assert waiting.code == 1
    assert "1 documents wait for OCR" in waiting.err

    require(shutil.which("tesseract") is not None, "Tesseract (scripts/install-ocr.sh)")
    run = vigil(cli_env, "ocr", "--pending", "--no-extract", "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["available"] and len(report["results"]) == 1
    assert report["results"][0]["reason"] is None and report["results"][0]["pages"] == 1
    hits = json.loads(vigil(cli_env, "search", "detained", "--json").out)
    assert [h["document_id"] for h in hits] == [report["results"][0]["document_id"]]
    assert "no documents wait" in vigil(cli_env, "ocr", "--pending").out


def test_transcript_by_hand_replaces_the_text_and_is_extracted(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    assert vigil(cli_env, "init").code == 0
    run = vigil(cli_env, "ingest", "--no-ocr", "--no-extract", "--json", _scan(tmp_path / "in"))
    doc_id = json.loads(run.out)["results"][0]["document_id"]
    transcript = tmp_path / "transcript.txt"
    transcript.write_text("\n".join(scans.LETTER_EN), "utf-8")
    run = vigil(cli_env, "document", "text", str(doc_id), "--from", transcript)
    assert run.code == 0, run.err
    assert "transcript stored" in run.out and "extracted" in run.out
    shown = json.loads(vigil(cli_env, "show", str(doc_id), "--json").out)
    assert shown["state"] == "extracted"
    assert shown["metadata"]["text_origin"] == "transcript"
    assert shown["metadata"]["transcript"]["chars"] == len(shown["text"])
    assert "Dear Minister," in shown["text"]
    assert json.loads(vigil(cli_env, "search", "lawyer", "--json").out)[0]["document_id"] == doc_id
    assert vigil(cli_env, "document", "text", "999", "--from", transcript).code == 1
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", "utf-8")
    refused = vigil(cli_env, "document", "text", str(doc_id), "--from", empty)
    assert refused.code == 1 and "empty transcript" in refused.err
