"""Web addresses: pages fetched from a local test server only, kept like saved pages."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from vigil.errors import Rejected
from vigil.ingest.fetch import USER_AGENT, fetch, is_url
from vigil.ingest.pipeline import Outcome, ingest
from vigil.model import SearchQuery
from vigil.settings import Settings
from vigil.store import Store

PAGE = (
    b"<html><head><title>Appeal for the ferryman</title></head><body><nav>Home | About</nav>"
    b"<article><p>Dear Minister, we ask you to release the ferryman held since May.</p>"
    b"</article></body></html>"
)
seen_agents: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        seen_agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/letter.html": (200, "text/html; charset=utf-8", PAGE),
            "/notes.bin": (200, "application/octet-stream", b"\x00\x01"),
            "/big.txt": (200, "text/plain", b"a" * 5000),
            "/missing": (404, "text/plain", b"no"),
        }
        if self.path == "/moved":
            self._redirect("/letter.html")
        elif self.path.startswith("/loop"):
            self._redirect(f"/loop{len(self.path)}")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/plain", b"late")
        else:
            self._send(*routes.get(self.path, (404, "text/plain", b"no")))

    def _redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Set-Cookie", "tracker=1")
        self.end_headers()

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # the client may stop reading at its size limit

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_fetched_stored_with_its_address_and_searchable(
    server: str, store: Store, settings: Settings, tmp_path: object
) -> None:
    url = f"{server}/moved"
    report = ingest(store, settings, [], urls=[url])
    assert [r.outcome for r in report.results] == [Outcome.STORED]
    doc = store.get(report.results[0].document_id or 0)
    assert [(s.locator, s.kind) for s in doc.sources] == [(url, "url")]
    assert doc.metadata["url"] == f"{server}/letter.html"
    assert doc.metadata["fetched_at"] and doc.format == "html"
    assert store.original(doc.id) == PAGE
    assert [h.document_id for h in store.search(SearchQuery("ferryman"))] == [doc.id]
    assert seen_agents[-1] == USER_AGENT


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "fetch: the server answered HTTP 404"),
        ("/notes.bin", "unsupported: content type application/octet-stream"),
        ("/loop", "fetch: more than 5 redirects"),
        ("/big.txt", "too large: 5000 bytes (limit 1000)"),
        ("/slow", "fetch: no answer within 0.5s"),
    ],
)
def test_a_page_that_cannot_be_had_is_one_rejection(
    server: str, settings: Settings, path: str, reason: str
) -> None:
    limited = settings.with_(max_file_bytes=1000, fetch_timeout_s=0.5)
    with pytest.raises(Rejected) as caught:
        fetch(f"{server}{path}", limited)
    assert caught.value.reason == reason


def test_bad_pages_cost_one_rejection_each_and_the_batch_goes_on(
    server: str, store: Store, settings: Settings
) -> None:
    urls = [f"{server}/missing", f"{server}/letter.html", "http://127.0.0.1:1/closed"]
    report = ingest(store, settings, [], urls=urls)
    assert report.count(Outcome.STORED) == 1
    assert len(report.rejected) == 2


def test_fetching_can_be_turned_off(server: str, settings: Settings) -> None:
    with pytest.raises(Rejected, match="fetching web addresses is off"):
        fetch(f"{server}/letter.html", settings.with_(fetch_urls=False))
    assert is_url("HTTPS://example.org/a") and not is_url("/home/a/https.txt")
