"""OCR: synthetic scans (rendered here, noisy and slightly turned) read by Tesseract,
in the parser workers, stored with their origin and per-page confidence."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from sqlalchemy import select

from tests.conftest import require
from tests.ingest import samples, scans
from vigil.errors import Rejected
from vigil.ingest.formats import parse
from vigil.ingest.ocr import recognise
from vigil.ingest.pipeline import Outcome, ingest
from vigil.ingest.recognition import ocr_stored
from vigil.model import DocumentState, SearchQuery
from vigil.settings import Settings
from vigil.store import Store, tables

MAX_CER = {"en": 0.05, "fr": 0.05, "fa": 0.4}
"""Character error rates these synthetic scans stay under (seen: en 0.000, fr 0.000, fa 0.266)."""


@pytest.fixture
def tesseract() -> None:
    require(shutil.which("tesseract") is not None, "Tesseract (scripts/install-ocr.sh)")


def _scan_text(lines: list[str]) -> str:
    return "\n".join(lines)


@pytest.mark.usefixtures("tesseract")
@pytest.mark.parametrize(
    ("language", "lines", "options"),
    [
        ("en", scans.LETTER_EN, {}),
        ("fr", scans.LETTER_FR, {}),
        ("fa", scans.LETTER_FA, {"font": scans.ARABIC_FONT, "rtl": True, "size": 48}),
    ],
)
def test_image_only_pdf_is_read_with_confidence_per_page(
    language: str, lines: list[str], options: dict[str, object], settings: Settings
) -> None:
    data = scans.image_pdf(scans.page(lines, **options))  # type: ignore[arg-type]
    assert PdfReader(io.BytesIO(data)).pages[0].extract_text().strip() == ""
    result = recognise(data, "pdf", settings)
    cer = scans.character_error_rate(_scan_text(lines), result.text)
    print(f"OCR character error rate ({language}): {cer:.3f}")
    assert cer <= MAX_CER[language]
    assert result.language == language
    assert [p.number for p in result.pages] == [1]
    assert result.pages[0].source == "ocr"
    assert result.pages[0].confidence > 50
    assert result.engine.startswith("tesseract")


@pytest.mark.usefixtures("tesseract")
def test_persian_scan_reads_with_the_arabic_script_languages(settings: Settings) -> None:
    image = scans.page(scans.LETTER_FA, font=scans.ARABIC_FONT, rtl=True, size=48)
    result = recognise(scans.png(image), "image", settings)
    assert set(result.languages) <= {"fas", "ara"}


@pytest.mark.usefixtures("tesseract")
def test_photo_turned_on_its_side_is_turned_upright(settings: Settings) -> None:
    image = scans.page(scans.LETTER_EN, rotate=0).rotate(90, expand=True)
    result = recognise(scans.png(image), "image", settings)
    assert result.pages[0].rotated in (90, 270)
    assert "detained since 3 March 2024" in result.text


@pytest.mark.usefixtures("tesseract")
def test_pdf_keeps_typed_pages_and_reads_the_scanned_one(settings: Settings) -> None:
    writer = PdfWriter()
    for data in (samples.pdf([["Typed first page"]]), scans.image_pdf(scans.page(scans.LETTER_EN))):
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    parsed = parse(buffer.getvalue(), "mixed.pdf", settings)
    assert parsed.state is DocumentState.NEEDS_OCR
    assert parsed.text == "Typed first page"
    assert parsed.metadata["pages_without_text"] == 1
    result = recognise(buffer.getvalue(), "pdf", settings)
    assert [p.source for p in result.pages] == ["text layer", "ocr"]
    assert result.text.startswith("Typed first page\n\n")
    assert "Dear Minister" in result.text


@pytest.mark.usefixtures("tesseract")
def test_page_limit_reads_the_first_pages_and_counts_the_rest(settings: Settings) -> None:
    blank = Image.new("L", (600, 800), 255)
    data = scans.image_pdf(scans.page(["First page only"], size=60), blank, blank)
    result = recognise(data, "pdf", settings.with_(ocr_max_pages=1))
    assert result.pages_total == 3
    assert len(result.pages) == 1
    assert "First page only" in result.text


@pytest.mark.usefixtures("tesseract")
def test_page_over_its_time_limit_is_rejected(settings: Settings) -> None:
    data = scans.png(scans.page(scans.LETTER_EN))
    with pytest.raises(Rejected, match="longer than"):
        recognise(data, "image", settings.with_(ocr_page_timeout_s=0.01))


@pytest.mark.usefixtures("tesseract")
def test_ingest_reads_scans_inline_and_they_are_searchable(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    pdf = scans.image_pdf(scans.page(scans.LETTER_EN))
    photo = scans.png(scans.page(scans.LETTER_FR, seed=3))
    (folder / "scan.pdf").write_bytes(pdf)
    (folder / "photo.png").write_bytes(photo)
    report = ingest(store, settings, [folder])
    assert report.count(Outcome.STORED) == 2  # stored, then read by OCR
    assert report.ocr is not None and report.ocr.available
    assert len(report.ocr.done) == 2 and not report.ocr.failed
    by_name = {r.locator.rsplit("/", 1)[-1]: r.document_id for r in report.results}
    scan_id, photo_id = by_name["scan.pdf"], by_name["photo.png"]
    assert scan_id is not None and photo_id is not None
    scan = store.get(scan_id)
    assert scan.state is DocumentState.STORED
    assert scan.metadata["text_origin"] == "ocr"
    assert scan.metadata["ocr"]["pages"][0]["confidence"] > 50
    assert store.original(scan_id) == pdf  # the original is kept byte-exact
    assert store.get(photo_id).format == "image"
    assert store.original(photo_id) == photo
    hits = store.search(SearchQuery("detained"))
    assert [h.document_id for h in hits] == [scan_id]
    assert [h.document_id for h in store.search(SearchQuery("libération"))] == [photo_id]
    with store.engine.connect() as conn:
        logged = conn.execute(
            select(tables.changes.c.action, tables.changes.c.detail).where(
                tables.changes.c.entity_id == scan_id
            )
        ).all()
    assert ("text:ocr" in [a for a, _ in logged])
    assert all("detained" not in detail for _, detail in logged)  # counts, never text


def test_without_tesseract_scans_wait_and_the_report_says_why(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "scan.pdf").write_bytes(scans.image_pdf(scans.page(["A scanned page"])))
    missing = settings.with_(ocr_command=str(tmp_path / "no-tesseract"))
    report = ingest(store, missing, [tmp_path / "scan.pdf"])
    assert report.ocr is not None and not report.ocr.available
    assert report.ocr.waiting == 1
    doc_id = report.results[0].document_id
    assert doc_id is not None
    assert store.get(doc_id).state is DocumentState.NEEDS_OCR
    later = ocr_stored(store, missing)
    assert not later.available and later.waiting == 1


def test_image_bomb_is_rejected_before_decoding(settings: Settings) -> None:
    with pytest.raises(Rejected, match="image too large"):
        parse(scans.png_claiming(100_000, 100_000), "bomb.png", settings)


def test_truncated_image_is_rejected(settings: Settings) -> None:
    data = scans.png(scans.page(["Some text"]))
    with pytest.raises(Rejected, match="corrupt image"):
        parse(data[: len(data) // 2], "broken.png", settings)


def test_text_named_as_an_image_is_rejected(settings: Settings) -> None:
    with pytest.raises(Rejected, match="not an image"):
        parse(b"Dear Minister, this is text", "letter.jpg", settings)


def test_image_waits_for_ocr_with_its_size(settings: Settings) -> None:
    doc = parse(scans.png(Image.new("L", (300, 200), 255)), "blank.png", settings)
    assert doc.state is DocumentState.NEEDS_OCR
    assert (doc.format, doc.text, doc.metadata["width"]) == ("image", "", 300)


def test_ocr_record_is_json(settings: Settings) -> None:
    from vigil.ingest.recognition import ocr_record
    from vigil.model import OcrPage, OcrResult

    result = OcrResult("x", [OcrPage(1, 90.0, 1, 1, "ocr")], ("eng",), "tesseract 5", 1)
    assert json.loads(json.dumps(ocr_record(result)))["pages"][0]["confidence"] == 90.0


@pytest.mark.usefixtures("tesseract")
def test_scanned_letter_extracts_as_its_text_version(tmp_path: Path) -> None:
    from vigil.ingest.extraction import extract_file

    settings = Settings(home=tmp_path, extract_timeout_s=0)
    (tmp_path / "letter.txt").write_text("\n".join(scans.LETTER_EN), "utf-8")
    (tmp_path / "letter.pdf").write_bytes(scans.image_pdf(scans.page(scans.LETTER_EN)))
    typed = extract_file(tmp_path / "letter.txt", settings)
    scanned = extract_file(tmp_path / "letter.pdf", settings)
    for key in ("date", "senders", "addressees", "persons_at_risk", "demands"):
        assert scanned[key] == typed[key], key
    assert scanned["senders"][0]["organization"] == "Example Rights Watch"


def test_specks_of_punctuation_are_not_text() -> None:
    from vigil.ingest.tesseract import page_from_tsv

    header = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num"
        "\tleft\ttop\twidth\theight\tconf\ttext"
    )
    rows = [
        "5\t1\t1\t1\t1\t1\t0\t0\t80\t30\t96\tDear",
        "5\t1\t1\t1\t1\t2\t90\t0\t120\t30\t95\tMinister,",
        "5\t1\t1\t1\t1\t3\t300\t0\t2\t2\t64\t|",
        "5\t1\t1\t1\t2\t1\t0\t40\t20\t28\t91\t-",
        "5\t1\t2\t1\t1\t1\t0\t90\t80\t30\t30\t~",
        "5\t1\t2\t1\t1\t2\t0\t90\t80\t30\t90\tThanks",
    ]
    page = page_from_tsv("\n".join([header, *rows]))
    assert page.text == "Dear Minister,\n-\n\nThanks"
    assert page.words == 4


@pytest.mark.usefixtures("tesseract")
def test_persian_scan_is_ingested_and_found_by_a_word_of_its_body(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    image = scans.page(scans.LETTER_FA, font=scans.ARABIC_FONT, rtl=True, size=48)
    (tmp_path / "nameh.pdf").write_bytes(scans.image_pdf(image))
    report = ingest(store, settings, [tmp_path / "nameh.pdf"])
    doc_id = report.results[0].document_id
    assert doc_id is not None
    doc = store.get(doc_id)
    assert (doc.state, doc.language) == (DocumentState.STORED, "fa")
    assert set(doc.metadata["ocr"]["languages"]) <= {"fas", "ara"}
    assert [h.document_id for h in store.search(SearchQuery("بازداشت"))] == [doc_id]
