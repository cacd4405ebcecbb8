"""Imported HTML and file names are never rendered raw (the browser test checks it runs nothing)."""

from __future__ import annotations

from html.parser import HTMLParser

from vigil.store import Store
from vigil.web.sanitise import sanitised_html

from .conftest import Browser, finished_job

HOSTILE_NAME = '"><img src=x onerror=alert(1)><b onmouseover=alert(2)>.html'
HOSTILE_PAGE = b"""<!doctype html><html><head><title>Report <script>alert('t')</script></title>
<style>body{background:url(http://127.0.0.2:9/css)}</style>
<meta http-equiv="refresh" content="0;url=http://127.0.0.2:9/meta">
</head><body onload="alert('body')">
<h1>Hostile report</h1>
<p>Detention of a human-rights defender was reported.</p>
<script>fetch('http://127.0.0.2:9/script')</script>
<img src="http://127.0.0.2:9/x" onerror="alert('img')">
<a href="javascript:alert('link')">click</a>
<iframe src="http://127.0.0.2:9/frame"></iframe>
<svg onload="alert('svg')"><circle r="1"/></svg>
</body></html>"""


class ActiveContent(HTMLParser):
    """Collects every element or attribute of a page that could run or fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag} {name}")
        fetching = ("img", "iframe", "object", "embed", "svg", "style", "meta", "base")
        if tag in fetching and (tag != "meta" or dict(attrs).get("http-equiv")):
            self.found.append(tag)
        if tag == "script" and dict(attrs).get("src") not in (
            "/static/vendor/htmx.min.js",
            "/static/vigil.js",
            "/static/picker.js",
        ):
            self.found.append("script")


def active_content(html: str) -> list[str]:
    parser = ActiveContent()
    parser.feed(html)
    return parser.found


def test_sanitised_markup_keeps_structure_and_drops_everything_active() -> None:
    clean = sanitised_html(HOSTILE_PAGE)
    assert clean is not None
    assert "<h1>Hostile report</h1>" in clean
    for bad in (
        "<script",
        "onload",
        "onerror",
        "javascript:",
        "<img",
        "<iframe",
        "<style",
        "http://",
        "<svg",
        "<meta",
        "refresh",
    ):
        assert bad not in clean, bad


def test_hostile_upload_is_shown_escaped(owner: Browser, store: Store) -> None:
    owner.page("/upload")
    response = owner.post("/upload", files={"files": (HOSTILE_NAME, HOSTILE_PAGE)})
    shown = finished_job(owner, response)
    assert active_content(shown) == []
    assert "&lt;img src=x onerror=alert(1)&gt;" in shown
    [doc] = store.documents()
    page = owner.get(f"/documents/{doc.id}").text
    assert active_content(page) == []
    assert "<script>alert" not in page and "http://127.0.0.2" not in page
    assert "Detention of a human-rights defender" in page
    download = owner.get(f"/documents/{doc.id}/original")
    assert download.content == HOSTILE_PAGE
    assert download.headers["content-type"] == "application/octet-stream"
    assert "<" not in download.headers["content-disposition"]
