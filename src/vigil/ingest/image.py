"""Images (.png, .jpg, .tiff, .webp, .bmp, .gif): a photo or scan of a letter.

Parsing only checks the image (its header, its size against `ocr_max_pixels`,
that its data is not damaged) and stores it in state NEEDS_OCR with no text:
the words come from OCR (`ocr.py`), inline in `vigil ingest` or later with
`vigil ocr --pending`.
"""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from vigil.errors import Rejected
from vigil.ingest.ocr import open_image
from vigil.model import DocumentState, ParsedDocument


def parse_image(data: bytes, max_pixels: int) -> ParsedDocument:
    """Check one image file; Rejected when it is broken or too large."""
    image = open_image(data, max_pixels)
    metadata: dict[str, Any] = {
        "image_format": str(image.format or "").lower(),
        "width": image.width,
        "height": image.height,
        "frames": int(getattr(image, "n_frames", 1)),
    }
    try:
        Image.open(io.BytesIO(data)).verify()  # checksums and structure, no pixels decoded
    except Exception:  # Pillow fails in many ways on damaged bytes
        raise Rejected("corrupt image") from None
    return ParsedDocument(
        format="image",
        text="",
        full_text="",
        state=DocumentState.NEEDS_OCR,
        metadata=metadata,
    )


__all__ = ["parse_image"]
