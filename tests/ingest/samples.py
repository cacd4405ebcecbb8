"""Synthetic files for the parser tests, built at run time (no real documents)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from email.message import EmailMessage

import docx
from pypdf import PdfWriter

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>
"""


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf(pages: list[list[str]], *, info_title: str | None = None) -> bytes:
    """A small valid PDF, written by hand: Helvetica text drawn with Tj."""
    objects: list[bytes] = []
    page_ids = [3 + 2 * i for i in range(len(pages))]
    font_id = 3 + 2 * len(pages)
    info_id = font_id + 1
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for page_id, lines in zip(page_ids, pages, strict=True):
        if lines:
            shown = " T* ".join(f"({_pdf_escape(line)}) Tj" for line in lines)
            content = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET".encode("latin-1")
        else:  # a drawing, no text operator: what a scan looks like to a text extractor
            content = b"0.5 g 72 72 200 200 re f 0 0 m 300 300 l S"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> "
            f"/Contents {page_id + 1} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    title = _pdf_escape(info_title or "")
    objects.append(f"<< /Title ({title}) /CreationDate (D:20210304120000Z) >>".encode())
    return assemble_pdf(objects, info_id=info_id)


def assemble_pdf(objects: list[bytes], *, info_id: int | None = None) -> bytes:
    """A PDF file of numbered objects (1 is the catalogue), its cross-reference table
    and trailer; `info_id` names the document information object, if any."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    info = b" /Info %d 0 R" % info_id if info_id is not None else b""
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, info, xref)
    )
    return out.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    """A one-page PDF encrypted with pypdf (AES-256)."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_file(
    paragraphs: list[str],
    table: list[list[str]] | None = None,
    *,
    title: str | None = None,
    author: str | None = None,
    after_table: list[str] | None = None,
) -> bytes:
    """A .docx made with python-docx."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    for text in after_table or []:
        document.add_paragraph(text)
    if title:
        document.core_properties.title = title
    if author:
        document.core_properties.author = author
    document.core_properties.created = datetime(2020, 5, 17, 9, 30)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def replace_docx_part(data: bytes, name: str, content: bytes) -> bytes:
    """A copy of a .docx with one part replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name else source.read(info))
    return out.getvalue()


def billion_laughs_docx() -> bytes:
    """A .docx whose main part declares nested entities."""
    return replace_docx_part(docx_file(["x"]), "word/document.xml", LAUGHS.encode())


def zip_bomb_docx(uncompressed_bytes: int) -> bytes:
    """A .docx carrying a highly compressible part of the given size."""
    base = docx_file(["x"])
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        with target.open("word/media/padding.bin", "w", force_zip64=True) as part:
            chunk = b"\x00" * (1 << 20)
            for _ in range(uncompressed_bytes // len(chunk)):
                part.write(chunk)
    return out.getvalue()


def eml(
    *,
    body: str | None = "Dear Minister,\nWe write about a detained colleague.\nRegards",
    html: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> bytes:
    """An e-mail message with optional HTML alternative and attachments."""
    message = EmailMessage()
    message["From"] = "Example Org <office@example.org>"
    message["To"] = "Minister <minister@example.gov>"
    message["Cc"] = "Embassy <embassy@example.net>"
    message["Subject"] = "Appeal for a detained colleague"
    message["Date"] = "Tue, 15 Mar 2022 10:20:30 +0100"
    message["Message-ID"] = "<appeal-1@example.org>"
    if body is not None:
        message.set_content(body)
        if html is not None:
            message.add_alternative(html, subtype="html")
    elif html is not None:
        message.set_content(html, subtype="html")
    for filename, data, mime in attachments or []:
        maintype, subtype = mime.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()
