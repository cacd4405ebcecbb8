"""Request bodies, read into memory with a size limit and parsed without temp files.

Starlette spools large multipart parts to `$TMPDIR`; an upload is evidence
and must not land in clear on disk, so bodies are read here, bounded, and
parsed in memory (urlencoded with the standard library, multipart with
python-multipart's streaming parser).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import parse_qsl

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from vigil.web.terms import N_

FORM_LIMIT = 64 * 1024
"""A form without files is small; anything bigger is refused."""
MAX_FIELDS = 200


class BadForm(Exception):
    """A body that is malformed, of the wrong type, or too large (`status` says which).

    `template` is the catalogue's English (marked with `N_`), `params` fill its
    `%(name)s` places; the error page shows it in the request's language."""

    def __init__(self, template: str, status: int = 400, **params: str | int) -> None:
        self.template = template
        self.params = params
        self.message = template % params if params else template
        super().__init__(self.message)
        self.status = status


@dataclass(frozen=True)
class FileField:
    filename: str
    data: bytes


@dataclass
class Form:
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[FileField] = field(default_factory=list)

    def get(self, name: str, default: str = "") -> str:
        values = self.fields.get(name)
        return values[0] if values else default


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise BadForm(N_("the request is malformed"))
        if int(declared) > limit:
            raise _too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(limit: int) -> BadForm:
    return BadForm(
        N_("the upload is too large: at most %(mib)s MiB per request"),
        413,
        mib=limit // (1024 * 1024) or 1,
    )


async def read_form(request: Request, *, files_limit: int | None = None) -> Form:
    """The form of a POST; multipart (with files) only where `files_limit` allows it."""
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if content_type == b"application/x-www-form-urlencoded":
        body = await read_body(request, FORM_LIMIT)
        return _urlencoded(body)
    if content_type == b"multipart/form-data" and files_limit is not None:
        boundary = options.get(b"boundary")
        if not boundary:
            raise BadForm(N_("the request is malformed: no multipart boundary"))
        body = await read_body(request, files_limit)
        return _multipart(boundary, body)
    raise BadForm(N_("this page accepts a form only"), 415)


def _urlencoded(body: bytes) -> Form:
    try:
        pairs = parse_qsl(
            body.decode("utf-8"),
            keep_blank_values=True,
            strict_parsing=False,
            max_num_fields=MAX_FIELDS,
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadForm(N_("the form is malformed")) from exc
    form = Form()
    for name, value in pairs:
        form.fields.setdefault(name, []).append(value)
    return form


class _Parts:
    """Collects multipart parts in memory (python-multipart callbacks)."""

    def __init__(self) -> None:
        self.form = Form()
        self._headers: list[tuple[bytes, bytes]] = []
        self._field = b""
        self._value = b""
        self._data = bytearray()

    def on_part_begin(self) -> None:
        self._headers, self._data = [], bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def on_header_end(self) -> None:
        self._headers.append((self._field.lower(), self._value))
        self._field = self._value = b""

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        self._data += data[start:end]

    def on_part_end(self) -> None:
        disposition = dict(self._headers).get(b"content-disposition")
        if disposition is None:
            raise BadForm(N_("the upload is malformed: a part without a name"))
        message = Message()
        message["content-disposition"] = disposition.decode("utf-8", "replace")
        name = message.get_param("name", header="content-disposition")
        filename = message.get_filename()
        if not isinstance(name, str):
            raise BadForm(N_("the upload is malformed: a part without a name"))
        if filename is not None:
            self.form.files.append(FileField(_base_name(filename), bytes(self._data)))
        else:
            if sum(len(v) for v in self.form.fields.values()) >= MAX_FIELDS:
                raise BadForm(N_("the form has too many fields"))
            try:
                value = bytes(self._data).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise BadForm(N_("the form is malformed")) from exc
            self.form.fields.setdefault(name, []).append(value)


def _base_name(filename: str) -> str:
    """The last path component of a browser-given file name (some send a full path)."""
    return filename.replace("\\", "/").rsplit("/", 1)[-1].strip()


def _multipart(boundary: bytes, body: bytes) -> Form:
    parts = _Parts()
    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": parts.on_part_begin,
            "on_header_field": parts.on_header_field,
            "on_header_value": parts.on_header_value,
            "on_header_end": parts.on_header_end,
            "on_part_data": parts.on_part_data,
            "on_part_end": parts.on_part_end,
        },
    )
    try:
        parser.write(body)
        parser.finalize()
    except BadForm:
        raise
    except Exception as exc:  # python-multipart raises several types for a torn body
        raise BadForm(N_("the upload is malformed")) from exc
    return parts.form
