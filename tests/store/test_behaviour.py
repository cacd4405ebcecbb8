"""Store behaviour every backend must share (runs on SQLite and PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from vigil.errors import DocumentNotFound, StoreNotFound
from vigil.model import ParsedDocument, SearchQuery
from vigil.settings import Settings
from vigil.store import NewDocument, Store, highlight, open_store
from vigil.store.dialect import MARK_START

from ..conftest import PASSPHRASE


def parsed(body: str, title: str = "A letter", **kw: object) -> ParsedDocument:
    return ParsedDocument(format="txt", text=body, full_text=body, title=title, **kw)  # type: ignore[arg-type]


def add(store: Store, body: str, locator: str = "/in/a.txt", **kw: object) -> int:
    return store.add_document(parsed(body, **kw), body.encode(), locator=locator)


def found(store: Store, text: str, **filters: object) -> list[int]:
    return [h.document_id for h in store.search(SearchQuery(text, **filters))]  # type: ignore[arg-type]


def test_original_bytes_come_back_exactly(store: Store) -> None:
    data = bytes(range(256)) * 40 + b"\x00tail"
    doc_id = store.add_document(parsed("binary file"), data, locator="/bin.pdf")
    assert store.original(doc_id) == data
    assert store.get(doc_id).sha256 == __import__("hashlib").sha256(data).hexdigest()


def test_store_reopens_with_its_passphrase(store: Store, settings: Settings) -> None:
    doc_id = add(store, "kept across restarts", locator="/k.txt")
    store.close()
    with open_store(settings, PASSPHRASE) as reopened:
        assert reopened.get(doc_id).text == "kept across restarts"
        assert reopened.original(doc_id) == b"kept across restarts"
        assert found(reopened, "restarts") == [doc_id]


def test_open_without_a_store_says_run_init(settings: Settings) -> None:
    with pytest.raises(StoreNotFound, match="vigil init"):
        open_store(settings, PASSPHRASE)


def test_search_folds_diacritics_both_ways(store: Store) -> None:
    accented = add(store, "Le ministre a reçu Hélène Müller à Tirana.", locator="/a.txt")
    plain = add(store, "The minister met Helene Muller in Tirana.", locator="/b.txt")
    assert sorted(found(store, "Müller")) == [accented, plain]
    assert sorted(found(store, "muller")) == [accented, plain]
    assert sorted(found(store, "HELENE")) == [accented, plain]
    assert found(store, "recu") == [accented]


def test_search_reads_persian_and_cyrillic_words(store: Store) -> None:
    fa = add(store, "نامه درباره بازداشت حسین در تهران", locator="/fa.txt")
    ru = add(store, "Письмо о задержании Хусейна в Тегеране", locator="/ru.txt")  # noqa: RUF001
    assert found(store, "بازداشت") == [fa]
    assert found(store, "задержании") == [ru]


def test_search_prefix_or_and_phrase(store: Store) -> None:
    a = add(store, "extradition to Iran was requested", locator="/a.txt")
    b = add(store, "the extradited refugees are in Ashraf camp", locator="/b.txt")
    c = add(store, "a forced return to the camp", locator="/c.txt")
    assert sorted(found(store, "extradit*")) == [a, b]
    assert sorted(found(store, "Iran OR return")) == [a, c]
    assert found(store, "camp refugees") == [b]
    assert found(store, '"forced return"') == [c]
    assert found(store, '"return forced"') == []


def test_title_match_outranks_body_match(store: Store) -> None:
    body = add(store, "a report that mentions Ashraf once among many other words",
               locator="/body.txt", title="Report")
    titled = add(store, "a report on a camp among many other words here",
                 locator="/title.txt", title="Ashraf")
    assert found(store, "Ashraf") == [titled, body]


def test_snippet_marks_the_matched_word(store: Store) -> None:
    add(store, "Nothing here. The detention of the family was reported. Nothing more.")
    (hit,) = store.search(SearchQuery("detention"))
    assert MARK_START in hit.snippet
    assert "[detention]" in highlight(hit.snippet, "[", "]")


def test_search_filters_by_kind_and_language(store: Store) -> None:
    letter = add(store, "appeal about detention", locator="/l.txt", language="en",
                 metadata={"kind": "letter"})
    add(store, "report about detention", locator="/r.txt", language="fr",
        metadata={"kind": "report"})
    assert found(store, "detention", kind="letter") == [letter]
    assert found(store, "detention", language="en", kind="report") == []


def test_source_filter_treats_wildcards_literally(store: Store) -> None:
    hundred = add(store, "a letter", locator="/cases/100%/a.txt")
    add(store, "a letter too", locator="/cases/1000/b.txt")
    assert found(store, "letter", source="100%") == [hundred]
    assert found(store, "letter", source="10_0") == []


def test_search_pages_with_limit_and_offset(store: Store) -> None:
    ids = [add(store, f"camp letter number {i}", locator=f"/{i}.txt") for i in range(5)]
    first = found(store, "camp", limit=2)
    rest = found(store, "camp", limit=10, offset=2)
    assert len(first) == 2
    assert sorted(first + rest) == ids


def test_query_syntax_is_searched_as_plain_words(store: Store) -> None:
    doc = add(store, "a NEAR b and c OR d")
    for weird in ['"', "*", '""', '" "', "-", "'", "(", ":*", "!", "<->", "&|", "a OR OR"]:
        store.search(SearchQuery(weird))  # must not raise
    assert found(store, "OR") == [doc]  # a lone OR is a word, not an operator
    assert found(store, "NEAR(b)") == [doc]
    assert found(store, "&|") == []


def test_import_keeps_ids_and_later_documents_get_new_ones(store: Store, tmp_path: Path) -> None:
    first = add(store, "original letter", locator="/o.txt")
    doc = store.get(first)
    store.delete_document(first)
    imported = replace(doc, id=first + 40)
    store.import_document(imported, b"original letter")
    assert store.get(first + 40).text == "original letter"
    assert store.original(first + 40) == b"original letter"
    later = add(store, "a later letter", locator="/later.txt")
    assert later > first + 40


def test_add_documents_commits_all_or_none(store: Store) -> None:
    items = [NewDocument(parsed(f"bulk letter {i}"), f"bulk {i}".encode(), f"/b/{i}.txt")
             for i in range(3)]
    ids = store.add_documents(items)
    assert [store.get(i).text for i in ids] == [f"bulk letter {i}" for i in range(3)]
    before = store.counts()
    duplicate = [NewDocument(parsed("new one"), b"new bytes", "/b/new.txt"), items[0]]
    with pytest.raises(Exception):  # noqa: B017 - the backend's own integrity error
        store.add_documents(duplicate)
    assert store.counts() == before
    assert found(store, "new") == []


def test_deleted_document_is_gone_from_search_and_originals(store: Store) -> None:
    doc_id = add(store, "zebra crossing", locator="/z.txt")
    store.delete_document(doc_id)
    assert found(store, "zebra") == []
    with pytest.raises(DocumentNotFound):
        store.original(doc_id)


def test_verify_passes_on_an_untouched_store(store: Store) -> None:
    for i in range(3):
        add(store, f"letter {i}", locator=f"/{i}.txt")
    report = store.verify()
    assert report.ok
    assert report.checked == 3
