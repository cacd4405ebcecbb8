"""OpenDocument text (.odt): headings, paragraphs, lists and tables in order.

The package is inspected first as a .docx is (`docx.inspect_zip`: declared
sizes, compression ratio, any DOCTYPE or ENTITY refused), then `content.xml`
and `meta.xml` are read with defusedxml. Spaces (`text:s`), tabs and line
breaks are kept; notes, annotations and tracked deletions are left out.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from vigil.errors import Rejected
from vigil.ingest.docx import ZipLimits, inspect_zip
from vigil.model import ParsedDocument

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"
MIMETYPE = b"application/vnd.oasis.opendocument.text"
BLOCKS = {f"{{{TEXT}}}p", f"{{{TEXT}}}h"}
SKIPPED = {f"{{{TEXT}}}note", f"{{{TEXT}}}annotation", f"{{{TEXT}}}tracked-changes"}
MAX_DEPTH = 200


def parse_odt(data: bytes, max_file_bytes: int, max_text_chars: int) -> ParsedDocument:
    """An .odt file, inspected first, then read block by block."""
    inspect_zip(data, ZipLimits.for_settings(max_file_bytes, max_text_chars), "odt")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "mimetype" in names and package.read("mimetype").strip() != MIMETYPE:
                raise Rejected("not an odt: another OpenDocument type")
            content = ElementTree.fromstring(package.read("content.xml"))
            meta = ElementTree.fromstring(package.read("meta.xml")) if "meta.xml" in names else None
    except Rejected:
        raise
    except KeyError:
        raise Rejected("corrupt odt: no content.xml") from None
    except Exception:  # a broken zip or XML, or defusedxml refusing a declaration
        raise Rejected("corrupt odt") from None
    blocks: list[str] = []
    total = 0
    for block in _blocks(content, 0):
        total += len(block) + 1
        if total > max_text_chars:
            raise Rejected("text too long")
        blocks.append(block)
    text = "\n".join(blocks).strip()
    metadata, title = _meta(meta)
    metadata["blocks"] = len(blocks)
    return ParsedDocument(format="odt", text=text, full_text=text, title=title, metadata=metadata)


def _blocks(element: Element, depth: int) -> Iterator[str]:
    if depth > MAX_DEPTH:
        raise Rejected("odt nested too deeply")
    for child in element:
        if child.tag in SKIPPED:
            continue
        if child.tag in BLOCKS:
            yield "".join(_inline(child, depth + 1)).strip()
        else:
            yield from _blocks(child, depth + 1)


def _inline(element: Element, depth: int) -> Iterator[str]:
    if depth > MAX_DEPTH:
        raise Rejected("odt nested too deeply")
    if element.text:
        yield element.text
    for child in element:
        if child.tag == f"{{{TEXT}}}s":
            yield " " * min(int(child.get(f"{{{TEXT}}}c", "1") or 1), 100)
        elif child.tag == f"{{{TEXT}}}tab":
            yield "\t"
        elif child.tag == f"{{{TEXT}}}line-break":
            yield "\n"
        elif child.tag not in SKIPPED:
            yield from _inline(child, depth + 1)
        if child.tail:
            yield child.tail


def _meta(meta: Element | None) -> tuple[dict[str, Any], str | None]:
    metadata: dict[str, Any] = {}
    if meta is None:
        return metadata, None
    title = meta.findtext(f".//{{{DC}}}title")
    author = meta.findtext(f".//{{{DC}}}creator")
    if author and author.strip():
        metadata["author"] = author.strip()
    return metadata, (title.strip() or None) if title else None


__all__ = ["parse_odt"]
