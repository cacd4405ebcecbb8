"""The catalogues: every interface string has a French translation, the shipped .mo is the
.po compiled, and no English is left outside `_()` in a template.

The strings are extracted here with Babel's API and `babel.cfg`, exactly as
`make translations` does, so a string added to a template or a route without a
translation fails this test (run `make translations`, translate the new empty
entries in `src/vigil/web/locales/fr/LC_MESSAGES/messages.po`, run it again).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from jinja2 import Environment

from vigil.web.rendering import make_environment

from ..conftest import REPO

WEB = REPO / "src" / "vigil" / "web"
TEMPLATES = WEB / "templates"
LOCALES = WEB / "locales"
KEYWORDS = {**DEFAULT_KEYWORDS, "translate": (2,)}
"""The Makefile's `-k translate:2`: `translate(request, "...")` in the routes."""

MessageId = str | tuple[str, ...]


def extracted() -> dict[tuple[str | None, MessageId], str]:
    """(context, msgid) -> where it was found, for every string of the interface."""
    with (REPO / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[tuple[str | None, MessageId], str] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(WEB), method_map, options_map, keywords=KEYWORDS
    ):
        found.setdefault((context, message), f"{filename}:{lineno}")
    return found


def catalogue(language: str) -> Catalog:
    with (LOCALES / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=language)


def test_extraction_finds_the_templates_and_the_routes() -> None:
    where = set(extracted().values())
    assert any(w.startswith("templates/base.html") for w in where)
    assert any(w.startswith("routes/access.py") for w in where)  # translate(request, ...)
    assert any(w.startswith("terms.py") for w in where)  # N_(...)
    found = extracted()
    assert (None, "Dashboard") in found
    assert (None, ("%(num)d case suggested.", "%(num)d cases suggested.")) in found
    assert ("button", "Search") in found


def test_every_interface_string_has_a_french_translation() -> None:
    french = catalogue("fr")
    missing = []
    for (context, msgid), where in sorted(extracted().items(), key=lambda kv: kv[1]):
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        entry = french.get(key, context=context)
        forms = entry.string if entry is not None else ""
        forms = forms if isinstance(forms, tuple) else (forms,)
        if entry is None or entry.fuzzy or not all(f.strip() for f in forms):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, "untranslated (run `make translations`, then translate):\n" + "\n".join(
        missing
    )


def test_french_keeps_every_placeholder_and_tag() -> None:
    """A translation has the same %(name)s places and the same HTML tags as its English."""
    places = re.compile(r"%\((\w+)\)[sd]|<(/?\w+)")
    wrong = []
    for message in catalogue("fr"):
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        french = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(places.findall(english[-1]))
        # A singular may leave the count out ("une"), never add or drop anything else.
        for text in french:
            got = sorted(places.findall(text))
            if got != wanted and sorted(p for p in wanted if p[0] != "num") != sorted(
                p for p in got if p[0] != "num"
            ):
                wrong.append(f"{english[0]!r}: {text!r}")
    assert not wrong, "\n".join(wrong)


def _forms(string: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (string,) if isinstance(string, str) else tuple(string)


def test_shipped_mo_is_the_po_compiled() -> None:
    """The .mo files are committed: they must hold exactly what the .po says."""
    for po_path in LOCALES.glob("*/LC_MESSAGES/messages.po"):
        with po_path.open("rb") as po:
            source = read_po(po)
        with po_path.with_suffix(".mo").open("rb") as mo:
            compiled = read_mo(mo)
        want = {(m.context, _forms(m.id)): _forms(m.string) for m in source if m.id and not m.fuzzy}
        have = {(m.context, _forms(m.id)): _forms(m.string) for m in compiled if m.id}
        assert have == want, f"{po_path.parent} is stale: run `make translations`"


def test_pot_lists_every_interface_string() -> None:
    with (LOCALES / "messages.pot").open("rb") as pot:
        listed = {(m.context, m.id) for m in read_po(pot) if m.id}
    assert set(extracted()) == listed, "messages.pot is stale: run `make translations`"


# -- no English outside _() -------------------------------------------------------------

ALLOWED = {"Vigil", "CSV", "SHA-256", "Word", "Markdown"}
"""Names that read the same in every language (the product, file formats)."""
VISIBLE_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt"}
HOLE = " "
"""What a `{{ }}` or `{% %}` becomes: a space keeps a tag whole (`<details{% if %} open`)."""


class _Text(HTMLParser):
    """Text nodes and visible attributes of HTML whose Jinja parts are holes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code", "kbd"):  # commands and keys read the same
            self._skip += 1
        self.found.extend(v for k, v in attrs if k in VISIBLE_ATTRIBUTES and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "kbd"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.found.append(data)


def untranslated_text(env: Environment, source: str) -> list[str]:
    """Words a template shows that are not inside `{{ }}` or `{% %}`.

    The template is read by Jinja's own lexer: its `data` tokens are the literal
    HTML (but for the text of `{% trans %}` blocks, which is the catalogue's); every
    expression or statement becomes a hole. The HTML, holes and all, is parsed; any
    text node or visible attribute (aria-label, placeholder, title, alt) with a word of
    two letters or more outside the allowed names is English that `_()` does not reach."""
    pieces: list[str] = []
    in_trans = False
    block_name = False
    for _line, kind, value in env.lex(source):
        if block_name and kind == "name":
            in_trans = {"trans": True, "endtrans": False}.get(value, in_trans)
        block_name = kind == "block_begin" or (block_name and kind == "whitespace")
        if kind == "data" and not in_trans:
            pieces.append(value)
        elif kind in ("variable_begin", "block_begin"):
            pieces.append(HOLE)
    html = "".join(pieces)
    parser = _Text()
    parser.feed(html)
    parser.close()
    words = []
    for text in parser.found:
        rest = text
        for name in ALLOWED:
            rest = rest.replace(name, "")
        if re.search(r"[^\W\d_]{2,}", rest):
            words.append(text.strip())
    return words


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_no_english_outside_gettext(template: str) -> None:
    env = make_environment()
    source = (TEMPLATES / template).read_text("utf-8")
    assert untranslated_text(env, source) == []


def test_the_english_finder_finds_english() -> None:
    env = make_environment()
    found = untranslated_text(
        env,
        '<h1>{{ _("Cases") }}</h1><p title="Open it">{{ n }} cases left</p>'
        '<script>var x = "words";</script><button aria-label="{{ _("Go") }}">Go on</button>'
        "<p>{% trans n=3 %}{{ n }} letters{% pluralize %}many{% endtrans %} sent</p>",
    )
    assert found == ["Open it", "cases left", "Go on", "sent"]


def test_sources_in_the_catalogue_exist() -> None:
    """Every locale folder has a .po and its .mo (what the package ships)."""
    folders = sorted(p.name for p in LOCALES.iterdir() if p.is_dir())
    assert folders == ["fr"]
    for name in folders:
        assert Path(LOCALES / name / "LC_MESSAGES" / "messages.mo").is_file()
