"""Web addresses: one page a person named, fetched with httpx and kept like a saved page.

A fresh client per address (no cookie outlives the fetch), a time limit, at
most `fetch_max_redirects` redirects, the body read to `max_file_bytes` and
no further, Vigil's user agent stated, no proxy or certificate settings from
the environment. The file name the parsers see comes from the content type
(`page.html`, `page.pdf`, ...). Fetching can be turned off (`fetch_urls`).
Every failure is `Rejected` with a reason that quotes neither the page nor
the address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from vigil.errors import Rejected
from vigil.settings import Settings

USER_AGENT = "Vigil/0.1 (human-rights casework; fetches only the page a person asked for)"
NAMES: dict[str, str] = {
    "text/html": "page.html",
    "application/xhtml+xml": "page.html",
    "text/plain": "page.txt",
    "text/markdown": "page.md",
    "application/pdf": "page.pdf",
    "message/rfc822": "page.eml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "page.docx",
    "application/vnd.oasis.opendocument.text": "page.odt",
    "application/rtf": "page.rtf",
    "text/rtf": "page.rtf",
    "image/png": "page.png",
    "image/jpeg": "page.jpg",
    "image/tiff": "page.tiff",
    "image/webp": "page.webp",
}
"""Content types Vigil reads, and the file name each is parsed as."""


@dataclass(frozen=True)
class FetchedPage:
    url: str
    """The address as given."""
    final_url: str
    """Where the redirects ended."""
    fetched_at: datetime
    content_type: str
    name: str
    data: bytes


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def fetch(url: str, settings: Settings) -> FetchedPage:
    """GET one page within the limits; Rejected with a short reason when it cannot be had."""
    if not settings.fetch_urls:
        raise Rejected("fetching web addresses is off (VIGIL_FETCH_URLS)")
    fetched_at = datetime.now(UTC)
    try:
        with httpx.Client(
            timeout=settings.fetch_timeout_s,
            follow_redirects=True,
            max_redirects=settings.fetch_max_redirects,
            headers={"User-Agent": USER_AGENT},
            trust_env=False,
        ) as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise Rejected(f"fetch: the server answered HTTP {response.status_code}")
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            name = NAMES.get(content_type)
            if name is None:
                raise Rejected(f"unsupported: content type {content_type[:60] or 'none'}")
            data = _body(response, settings.max_file_bytes)
            final_url = str(response.url)
    except httpx.TimeoutException:
        raise Rejected(f"fetch: no answer within {settings.fetch_timeout_s:g}s") from None
    except httpx.TooManyRedirects:
        raise Rejected(f"fetch: more than {settings.fetch_max_redirects} redirects") from None
    except httpx.InvalidURL:
        raise Rejected("fetch: not a valid web address") from None
    except httpx.HTTPError as exc:
        raise Rejected(f"fetch: failed ({type(exc).__name__})") from None
    return FetchedPage(url, final_url, fetched_at, content_type, name, data)


def _body(response: httpx.Response, limit: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Rejected(f"too large: {declared} bytes (limit {limit})")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise Rejected(f"too large: over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


__all__ = ["NAMES", "USER_AGENT", "FetchedPage", "fetch", "is_url"]
