"""OCR: a scanned PDF or a photo of a letter in, `OcrResult` out (runs in a parser worker).

1. Open the original in memory: a PDF with PDFium (pypdfium2), an image with
   Pillow (every frame of a TIFF); nothing is written to disk.
2. For each page, up to `ocr_max_pages`: a PDF page that has a text layer keeps
   it; any other page is drawn at `ocr_dpi` (smaller when it would pass
   `ocr_max_pixels`), turned upright and its script found with Tesseract's
   OSD, then read with the configured languages of that script.
3. Pages are joined with a blank line; each page's confidence and word count
   are recorded; the language is detected on the result.

Every failure is `Rejected` with a reason that never quotes the document.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from PIL import Image, ImageOps

from vigil.errors import Rejected
from vigil.ingest.codepoints import scrub
from vigil.ingest.language import detect_language
from vigil.ingest.tesseract import Tesseract, languages_for
from vigil.model import OcrPage, OcrResult
from vigil.settings import Settings

PAGE_BREAK = "\n\n"
IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp", ".gif"})
OCR_FORMATS = frozenset({"pdf", "image"})
"""Stored document formats OCR reads."""
OSD_TIMEOUT_S = 30.0


def recognise(data: bytes, doc_format: str, settings: Settings) -> OcrResult:
    """Read the text of a stored 'pdf' or 'image' document's original bytes."""
    try:
        return _recognise(data, doc_format, settings)
    except (Rejected, MemoryError):
        raise
    except RecursionError:
        raise Rejected("ocr: file nested too deeply") from None
    except Exception as exc:  # a library failing on hostile bytes must not stop a batch
        raise Rejected(f"ocr failed ({type(exc).__name__})") from None


def _recognise(data: bytes, doc_format: str, settings: Settings) -> OcrResult:
    engine = Tesseract(settings.ocr_command)
    if not engine.available():
        raise Rejected("ocr: tesseract is not installed (scripts/install-ocr.sh)")
    installed = engine.languages()
    configured = tuple(lang for lang in settings.ocr_languages if lang in installed)
    if not configured:
        raise Rejected("ocr: none of the configured ocr_languages is installed")
    reader = _PageReader(engine, configured, settings)
    if doc_format == "pdf":
        pages_total, pages = _pdf_pages(data, settings, reader)
    elif doc_format == "image":
        pages_total, pages = _image_pages(data, settings, reader)
    else:
        raise Rejected(f"ocr: {doc_format[:20]} documents are not read by OCR")
    texts = [text for text, _ in pages]
    text, _ = scrub(PAGE_BREAK.join(t for t in texts if t).strip())
    return OcrResult(
        text=text,
        pages=[page for _, page in pages],
        languages=tuple(sorted(reader.used)),
        engine=engine.version(),
        pages_total=pages_total,
        language=detect_language(text, settings.languages) if text else None,
    )


class _PageReader:
    """Turns one page image upright and reads it with the languages of its script."""

    def __init__(self, engine: Tesseract, configured: tuple[str, ...], settings: Settings):
        self.engine = engine
        self.configured = configured
        self.settings = settings
        self.used: set[str] = set()

    def read(self, number: int, image: Image.Image, dpi: int) -> tuple[str, OcrPage]:
        image = image.convert("L")
        orientation = self.engine.orientation(_png(image), OSD_TIMEOUT_S)
        if orientation.rotate:
            # OSD says how far to turn clockwise; Pillow turns counter-clockwise.
            image = image.rotate(-orientation.rotate, expand=True)
        languages = languages_for(orientation.script, self.configured)
        self.used.update(languages)
        page = self.engine.recognise(
            _png(image), languages, self.settings.ocr_page_timeout_s, dpi
        )
        record = OcrPage(
            number=number,
            confidence=page.confidence,
            words=page.words,
            chars=len(page.text),
            source="ocr",
            rotated=orientation.rotate,
        )
        return page.text, record


def _pdf_pages(
    data: bytes, settings: Settings, reader: _PageReader
) -> tuple[int, list[tuple[str, OcrPage]]]:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise Rejected("ocr: corrupt pdf") from None
    try:
        total = len(pdf)
        pages: list[tuple[str, OcrPage]] = []
        for index in range(min(total, settings.ocr_max_pages)):
            page = pdf[index]
            try:
                layer = _text_layer(page)
                if layer:
                    words = len(layer.split())
                    record = OcrPage(index + 1, 100.0, words, len(layer), "text layer")
                    pages.append((layer, record))
                    continue
                width, height = page.get_size()
                scale = _scale(width, height, settings.ocr_dpi / 72, settings.ocr_max_pixels)
                image = page.render(scale=scale, grayscale=True).to_pil()
                pages.append(reader.read(index + 1, image, round(scale * 72)))
            finally:
                page.close()
        return total, pages
    finally:
        pdf.close()


def _text_layer(page: Any) -> str:  # a pypdfium2 PdfPage (untyped)
    textpage = page.get_textpage()
    try:
        text = str(textpage.get_text_range())
    finally:
        textpage.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _scale(width: float, height: float, wanted: float, max_pixels: int) -> float:
    """`wanted` points-to-pixels scale, lowered so the page fits in `max_pixels`."""
    area = max(width, 1.0) * max(height, 1.0)
    return max(0.1, min(wanted, float((max_pixels / area) ** 0.5)))


def _image_pages(
    data: bytes, settings: Settings, reader: _PageReader
) -> tuple[int, list[tuple[str, OcrPage]]]:
    pages: list[tuple[str, OcrPage]] = []
    total = 0
    for number, frame in enumerate(_frames(data, settings), start=1):
        total = number
        if number <= settings.ocr_max_pages:
            dpi = _dpi(frame)
            pages.append(reader.read(number, ImageOps.exif_transpose(frame) or frame, dpi))
    return total, pages


def _frames(data: bytes, settings: Settings) -> Iterator[Image.Image]:
    image = open_image(data, settings.ocr_max_pixels)
    frames = getattr(image, "n_frames", 1)
    for index in range(min(frames, settings.ocr_max_pages + 1)):
        image.seek(index)
        if image.width * image.height > settings.ocr_max_pixels:
            raise Rejected("image too large: a page has more pixels than ocr_max_pixels")
        yield image.copy()


def open_image(data: bytes, max_pixels: int) -> Image.Image:
    """An image opened in memory, its size checked before any pixel is decoded."""
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise Rejected("image too large: a decompression bomb") from None
    except (OSError, ValueError, SyntaxError):
        raise Rejected("corrupt image") from None
    if image.width * image.height > max_pixels:
        raise Rejected("image too large: more pixels than ocr_max_pixels")
    return image


def _dpi(image: Image.Image) -> int:
    """The resolution the image declares, or 300 when it declares none that makes sense."""
    value = image.info.get("dpi")
    try:
        dpi = round(float(value[0])) if value else 0
    except (TypeError, ValueError, IndexError):
        dpi = 0
    return dpi if 70 <= dpi <= 1200 else 300


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()


__all__ = ["IMAGE_EXTENSIONS", "OCR_FORMATS", "PAGE_BREAK", "open_image", "recognise"]
