"""OCR speed and accuracy on synthetic scans (out of CI).

    .venv/bin/python bench/ocr.py              # 6 one-page scans (en, fr, fa), 1 worker
    .venv/bin/python bench/ocr.py --n 12 --workers 2

Renders the synthetic letters of `tests/ingest/scans.py` (noise, a slight
turn) as image-only PDFs, ingests them into a fresh plain store with
`vigil.ingest.pipeline.ingest` (the real parser pool, `--workers`, OCR
inline, no extraction), and prints: pages per minute per worker, the share
of ingest time OCR took, and the character error rate per language.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

import sys  # noqa: E402

sys.path[:0] = [str(REPO), str(REPO / "src")]

from tests.ingest import scans  # noqa: E402

from vigil.ingest.pipeline import ingest  # noqa: E402
from vigil.settings import Settings  # noqa: E402
from vigil.store import init_store  # noqa: E402

LETTERS = {
    "en": (scans.LETTER_EN, {}),
    "fr": (scans.LETTER_FR, {}),
    "fa": (scans.LETTER_FA, {"font": scans.ARABIC_FONT, "rtl": True, "size": 48}),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=6, help="scans (languages in turn)")
    parser.add_argument("--workers", type=int, default=1, help="parser processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "scans"
        folder.mkdir()
        expected: dict[str, tuple[str, str]] = {}
        languages = list(LETTERS)
        for i in range(args.n):
            language = languages[i % len(languages)]
            lines, options = LETTERS[language]
            image = scans.page(lines, seed=i, **options)  # type: ignore[arg-type]
            name = f"scan-{i:03d}-{language}.pdf"
            (folder / name).write_bytes(scans.image_pdf(image))
            expected[name] = (language, "\n".join(lines))
        settings = Settings(
            home=root / "home", encrypt=False, workers=args.workers, extract_timeout_s=0
        )
        store = init_store(settings, None).store
        started = time.perf_counter()
        report = ingest(store, settings, [folder])
        total = time.perf_counter() - started
        assert report.ocr is not None and report.ocr.available, "Tesseract is not installed"
        pages = sum(o.pages for o in report.ocr.done)
        ids = {r.locator.rsplit("/", 1)[-1]: r.document_id for r in report.results}
        rates: dict[str, list[float]] = {}
        for name, (language, text) in expected.items():
            doc_id = ids[name]
            assert doc_id is not None
            got = store.get(doc_id).text
            rates.setdefault(language, []).append(scans.character_error_rate(text, got))
        store.close()
    print(f"{pages} pages in {report.ocr.seconds:.1f}s of OCR, {total:.1f}s of ingest")
    per_worker = 60 * pages / report.ocr.seconds / args.workers
    print(f"pages per minute per worker: {per_worker:.1f} ({args.workers} workers)")
    print(f"share of ingest time in OCR: {report.ocr.seconds / total:.0%}")
    for language, values in rates.items():
        print(f"character error rate ({language}): {sum(values) / len(values):.3f}")


if __name__ == "__main__":
    main()
