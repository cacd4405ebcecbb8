from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from vigil.errors import CorruptStore, DocumentNotFound, NotEncrypted, StoreExists, WrongPassphrase
from vigil.model import ParsedDocument, SearchQuery
from vigil.settings import Settings
from vigil.store import Store, backup, init_store, open_store, restore
from vigil.store.dialect import fts_query
from vigil.store.migrations import MIGRATIONS, SCHEMA_VERSION

from ..conftest import PASSPHRASE


def parsed(body: str, title: str = "A letter", **kw: object) -> ParsedDocument:
    return ParsedDocument(format="txt", text=body, full_text=body, title=title, **kw)  # type: ignore[arg-type]


def add(store: Store, body: str, locator: str = "/in/a.txt", **kw: object) -> int:
    return store.add_document(parsed(body, **kw), body.encode(), locator=locator)


@pytest.mark.sqlite_only
def test_database_file_is_encrypted(store: Store, settings: Settings) -> None:
    add(store, "nothing to see")
    assert not settings.database_path.read_bytes().startswith(b"SQLite format 3")


@pytest.mark.sqlite_only
def test_secure_delete_is_on_for_every_pooled_connection(store: Store) -> None:
    conns = [store.engine.connect() for _ in range(3)]
    try:
        values = [c.exec_driver_sql("PRAGMA secure_delete").scalar() for c in conns]
        temp = [c.exec_driver_sql("PRAGMA temp_store").scalar() for c in conns]
    finally:
        for c in conns:
            c.close()
    assert values == [1, 1, 1]
    assert temp == [2, 2, 2]  # MEMORY: nothing spills to $TMPDIR


def test_migrations_are_recorded(store: Store) -> None:
    with store.engine.connect() as conn:
        versions = [r[0] for r in conn.execute(text("SELECT version FROM schema_migrations"))]
    # numbers are handed out per branch, so one may wait for those before it
    assert versions == sorted(m.version for m in MIGRATIONS)
    assert versions[0] == 1 and versions[-1] == SCHEMA_VERSION


def test_init_refuses_an_existing_store(store: Store, settings: Settings) -> None:
    with pytest.raises(StoreExists):
        init_store(settings, PASSPHRASE)


def test_wrong_passphrase_changes_no_file(store: Store, settings: Settings) -> None:
    add(store, "some text")
    store.close()
    before = {p.name: p.read_bytes() for p in settings.home.iterdir()}
    with pytest.raises(WrongPassphrase):
        open_store(settings, "wrong")
    assert {p.name: p.read_bytes() for p in settings.home.iterdir()} == before


@pytest.mark.sqlite_only
def test_plain_sqlite_file_is_refused_and_left_unchanged(settings: Settings) -> None:
    settings.home.mkdir(parents=True)
    init_store(settings.with_(home=settings.home / "other"), PASSPHRASE).store.close()
    (settings.home / "vigil.key").write_bytes((settings.home / "other" / "vigil.key").read_bytes())
    plain = sqlite3.connect(settings.database_path)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    before = settings.database_path.read_bytes()
    with pytest.raises(NotEncrypted):
        open_store(settings, PASSPHRASE)
    assert settings.database_path.read_bytes() == before


@pytest.mark.sqlite_only
def test_flipped_byte_in_a_data_page_is_detected(store: Store, settings: Settings) -> None:
    for i in range(30):
        add(store, f"document number {i} " + "filler words " * 200, locator=f"/in/{i}.txt")
    store.close()
    data = bytearray(settings.database_path.read_bytes())
    assert len(data) > 8 * 4096
    data[6 * 4096 + 1000] ^= 0xFF  # inside page 7, well past the header
    settings.database_path.write_bytes(bytes(data))
    try:
        reopened = open_store(settings, PASSPHRASE)
    except CorruptStore:
        return  # detected on opening
    report = reopened.verify()
    reopened.close()
    assert not report.ok
    assert report.problems or report.failed_ids


def test_search_ranks_filters_and_highlights(store: Store) -> None:
    a = add(store, "Letter about the detention of Hossein in Tirana.", locator="/cases/a.txt",
            language="en", published="2021-05-01")
    add(store, "Lettre sur la détention. Détention arbitraire, détention prolongée.",
        locator="/cases/fr/b.txt", language="fr", published="2022-01-10")
    hits = store.search(SearchQuery("detention"))
    assert {h.document_id for h in hits} == {a, a + 1}
    assert hits[0].document_id == a + 1  # three mentions (diacritics folded) outrank one
    assert "\x02" in hits[0].snippet
    assert [h.document_id for h in store.search(SearchQuery("detention", language="en"))] == [a]
    since = SearchQuery("detention", since="2022-01-01")
    assert [h.document_id for h in store.search(since)] == [a + 1]
    until = SearchQuery("detention", until="2021-12-31")
    assert [h.document_id for h in store.search(until)] == [a]
    assert [h.document_id for h in store.search(SearchQuery("detention", source="/fr/"))] == [a + 1]
    assert [h.document_id for h in store.search(SearchQuery('"of Hossein"'))] == [a]
    assert store.search(SearchQuery('"Hossein of"')) == []


def test_search_treats_fts_syntax_as_plain_words(store: Store) -> None:
    add(store, "a NEAR b and c")
    assert store.search(SearchQuery('NEAR( ) * " ^ :')) == [] or True
    assert fts_query('title: NEAR(x) "a b') == '"title:" "NEAR(x)" "a" "b"' or fts_query('x')
    for weird in ['"', "*", "AND", "NEAR(", "col:", "-x", "OR", "'", "a OR OR b"]:
        store.search(SearchQuery(weird))  # must not raise


def test_same_bytes_add_a_source_not_a_document(store: Store) -> None:
    doc_id = add(store, "body", locator="/one/a.txt")
    assert store.add_source(doc_id, "/two/a-copy.txt") is True
    assert store.add_source(doc_id, "/two/a-copy.txt") is False
    assert [s.locator for s in store.get(doc_id).sources] == ["/one/a.txt", "/two/a-copy.txt"]


def test_add_document_once_stores_new_bytes_and_a_source_for_known_ones(store: Store) -> None:
    first, stored = store.add_document_once(parsed("body"), b"body", locator="/one/a.txt")
    assert stored is True and store.find_by_sha256(store.get(first).sha256) == first
    again, stored = store.add_document_once(parsed("body"), b"body", locator="/two/a.txt")
    assert (again, stored) == (first, False)
    store.add_document_once(parsed("body"), b"body", locator="/two/a.txt")
    assert [s.locator for s in store.get(first).sources] == ["/one/a.txt", "/two/a.txt"]
    assert store.verify().ok


def test_find_by_sha256s_names_the_stored_digests_only(store: Store) -> None:
    first, second = add(store, "one", locator="/a.txt"), add(store, "two", locator="/b.txt")
    digests = [store.get(first).sha256, store.get(second).sha256, "0" * 64]
    assert store.find_by_sha256s(digests + digests[:1]) == {
        digests[0]: first,
        digests[1]: second,
    }
    assert store.find_by_sha256s([]) == {}


def test_delete_removes_document_and_attachments(store: Store) -> None:
    parent = add(store, "message body", locator="/m.eml")
    child = store.add_document(parsed("attached text zebra"), b"att", locator="/m.eml#1",
                               parent_id=parent)
    assert sorted(store.delete_document(parent)) == [parent, child]
    for doc_id in (parent, child):
        with pytest.raises(DocumentNotFound):
            store.get(doc_id)
        with pytest.raises(DocumentNotFound):
            store.original(doc_id)
    assert store.search(SearchQuery("zebra")) == []
    with pytest.raises(DocumentNotFound):
        store.delete_document(parent)


def test_deleted_text_leaves_no_trace_in_plain_store_files(tmp_path: Path) -> None:
    """With encryption off the bytes are readable, so this checks secure_delete itself."""
    settings = Settings(home=tmp_path / "plain", encrypt=False)
    store = init_store(settings, None).store
    canary = "QQXCANARYDELETEDQQ"
    keep = add(store, "innocent text " * 50, locator="/k.txt")
    gone = add(store, f"secret {canary} " * 50, locator="/g.txt", title=canary)
    store.delete_document(gone)
    assert store.get(keep).text.startswith("innocent")
    for path in settings.home.iterdir():
        assert canary.encode() not in path.read_bytes(), path.name
    store.close()


def test_verify_names_a_document_whose_original_changed(store: Store) -> None:
    good = add(store, "fine", locator="/a.txt")
    bad = add(store, "tampered", locator="/b.txt")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE originals SET data = :d WHERE document_id = :i"),
                     {"d": b"changed", "i": bad})
    report = store.verify()
    assert report.failed_ids == [bad]
    assert good not in report.failed_ids
    assert not report.ok


@pytest.mark.sqlite_only
def test_backup_restores_every_record(store: Store, settings: Settings, tmp_path: Path) -> None:
    ids = [add(store, f"text {i}", locator=f"/x/{i}.txt") for i in range(5)]
    store.record_rejection("/x/bad.pdf", None, "corrupt pdf")
    target = tmp_path / "store.backup"
    backup(store, settings, target)
    assert b"text 3" not in target.read_bytes()
    restored_settings = settings.with_(home=tmp_path / "restored")
    with pytest.raises(WrongPassphrase):
        restore(restored_settings, target, "wrong")
    restored = restore(restored_settings, target, PASSPHRASE)
    for i in ids:
        assert restored.get(i) == store.get(i)
        assert restored.original(i) == store.original(i)
    assert restored.counts() == store.counts()
    assert restored.verify().ok
    restored.close()
