"""HTML pages: main text, metadata, full text, fallbacks."""

from __future__ import annotations

from vigil.ingest.html import parse_html

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Release the detained lawyers now | Example Watch</title>
<meta name="author" content="Jane Example">
<meta property="og:title" content="Release the detained lawyers now">
<meta property="article:published_time" content="2021-06-04T10:00:00Z">
<meta property="og:url" content="https://example.org/release-lawyers">
<meta property="og:site_name" content="Example Watch">
<script>var secret = "tracking-code-xyz";</script>
<style>body { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/donate">Donate</a></nav>
<article>
<h1>Release the detained lawyers now</h1>
<p>The authorities arrested four lawyers last week in the capital after they filed a
complaint on behalf of their clients. Their families have not been allowed to visit.</p>
<p>We call on the government to release them immediately and unconditionally, and to
guarantee their access to counsel of their choosing while any charges are reviewed.</p>
<table><tr><td>Name</td><td>Detained since</td></tr>
<tr><td>Lawyer A</td><td>May 2021</td></tr></table>
<p>Signed by twelve organisations working on the independence of the legal profession.</p>
</article>
<!-- a comment that must not appear -->
<footer>Copyright 2021 Example Watch. Privacy policy. Contact.</footer>
</body></html>
"""


def test_main_text_and_metadata_come_from_trafilatura() -> None:
    doc = parse_html(PAGE.encode())
    assert doc.format == "html"
    assert "arrested four lawyers" in doc.text
    assert "Lawyer A" in doc.text  # tables are included
    assert doc.title == "Release the detained lawyers now"
    assert doc.published == "2021-06-04"
    assert doc.metadata["author"] == "Jane Example"
    assert doc.metadata["url"] == "https://example.org/release-lawyers"
    assert doc.metadata["sitename"] == "Example Watch"


def test_scripts_styles_and_comments_never_reach_the_text() -> None:
    doc = parse_html(PAGE.encode())
    for text in (doc.text, doc.full_text):
        assert "tracking-code-xyz" not in text
        assert "color: red" not in text
        assert "must not appear" not in text


def test_full_text_keeps_the_page_furniture_as_boilerplate() -> None:
    doc = parse_html(PAGE.encode())
    assert "Donate" in doc.full_text
    assert "Donate" not in doc.text
    marked = [doc.full_text[s.start : s.end] for s in doc.boilerplate]
    assert any("Donate" in line for line in marked)
    assert not any("arrested four lawyers" in line for line in marked)


def test_declared_charset_is_honoured() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><p>Le président a été arrêté à Genève le 3 mars, déclare l\u2019association "
        "dans un communiqué publié ce matin.</p></body></html>"
    )
    doc = parse_html(page.encode("cp1252"))
    assert "président a été arrêté à Genève" in doc.full_text


def test_page_without_main_text_falls_back_to_the_full_text() -> None:
    doc = parse_html(b"<html><body><div>Short note</div></body></html>")
    assert doc.text == doc.full_text
    assert "Short note" in doc.text


def test_empty_page_gives_empty_text() -> None:
    doc = parse_html(b"   ")
    assert doc.text == ""


def test_deeply_nested_divs_do_not_crash() -> None:
    depth = 100_000
    page = b"<html><body>" + b"<div>" * depth + b"deep" + b"</div>" * depth + b"</body></html>"
    doc = parse_html(page)
    assert doc.format == "html"


def test_the_original_date_wins_over_an_update_and_todays_date_in_the_header() -> None:
    meta = '<meta property="article:published_time" content="2021-06-04T10:00:00Z">'
    topbar = '<div class="topbar">Monday 9 August 2021</div>'
    page = PAGE.replace(meta, "").replace("<nav>", topbar + "<nav>")
    page = page.replace(
        "<h1>Release the detained lawyers now</h1>",
        '<h1>Release the detained lawyers now</h1><p class="byline">Published 4 June 2021</p>',
    )
    update = "<h3>Update - 2 August 2021</h3><p>One lawyer was freed on bail.</p>"
    page = page.replace("</article>", update + "</article>")
    doc = parse_html(page.encode())
    assert doc.published in (None, "2021-06-04")


def test_a_published_line_the_main_text_leaves_out_gives_the_date() -> None:
    page = (
        "<html><head><title>Letter of a family to the Prosecutor</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        "<article><h1>Letter of a family to the Prosecutor</h1>"
        '<p class="meta">Publicado el 15 de enero de 2025 &middot; Redacción</p>'
        + "".join(f"<p>La familia del maestro escribe al fiscal ({n}).</p>" for n in range(8))
        + "</article></body></html>"
    )
    assert parse_html(page.encode()).published == "2025-01-15"


def test_a_date_in_the_text_is_no_publication_date() -> None:
    page = (
        "<html><body><article><h1>Letter of a family to the Prosecutor</h1>"
        + "".join(f"<p>El 15 de enero de 2025 la familia escribió ({n}).</p>" for n in range(8))
        + "</article></body></html>"
    )
    assert parse_html(page.encode()).published is None
