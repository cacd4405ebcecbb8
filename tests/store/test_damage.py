"""A damaged SQLCipher file: named precisely, never backed up silently, never restored.

Each test damages a real SQLCipher store file (one flipped byte in one page) and
checks what `verify`, `backup`, `restore` and `init` do about it.
"""

from __future__ import annotations

import os
import stat
import tarfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from vigil import keys
from vigil.errors import ConfigError, CorruptStore, StoreNotFound, WrongPassphrase
from vigil.model import ParsedDocument, SearchQuery
from vigil.settings import Settings
from vigil.store import Store, backup, init_store, open_store, restore, verify_at, verify_store

from ..conftest import PASSPHRASE

pytestmark = pytest.mark.sqlite_only
PAGE = 4096


@dataclass(frozen=True)
class Layout:
    big: int
    """The id of one large document, written between small ones."""
    big_pages: range
    """Pages the file grew by while the large document was written."""


def _add(store: Store, body: str, locator: str) -> int:
    parsed = ParsedDocument(format="txt", text=body, full_text=body, title="a letter")
    return store.add_document(parsed, body.encode(), locator=locator)


def _pages(settings: Settings) -> int:
    return settings.database_path.stat().st_size // PAGE


def fill(store: Store, settings: Settings) -> Layout:
    for i in range(10):
        _add(store, f"small document {i} " + "words " * 300, f"/in/a{i}.txt")
    store.dialect.checkpoint(store.engine)
    before = _pages(settings)
    big = _add(store, "the large one " + " ".join(f"w{i}" for i in range(40_000)), "/in/big.txt")
    store.dialect.checkpoint(store.engine)
    after = _pages(settings)
    for i in range(10):
        _add(store, f"late document {i} " + "words " * 300, f"/in/b{i}.txt")
    store.close()
    return Layout(big, range(before + 1, after + 1))


def flip(path: Path, page: int, offset: int = 2000) -> None:
    """Flip one byte inside `page` (numbered from 1, as SQLite does)."""
    data = bytearray(path.read_bytes())
    data[(page - 1) * PAGE + offset] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(store: Store, settings: Settings) -> Iterator[tuple[Store, Layout, int]]:
    """A store whose large document's rows sit on a page with one flipped byte."""
    layout = fill(store, settings)
    page = layout.big_pages[len(layout.big_pages) // 3]
    flip(settings.database_path, page)
    reopened = open_store(settings, PASSPHRASE)
    yield reopened, layout, page
    reopened.close()


def test_verify_names_the_damaged_page_and_the_document_on_it(
    damaged: tuple[Store, Layout, int], settings: Settings
) -> None:
    store, layout, page = damaged
    report = verify_store(store, settings)
    assert not report.ok
    assert report.damaged_pages == [page]
    assert report.failed_ids == [layout.big]  # the small documents around it are fine
    assert report.checked == 21
    assert any(f"page(s) {page} fail" in p for p in report.problems)
    assert any(p.startswith("table ") for p in report.problems)  # which table holds it
    assert len(report.problems) <= 4  # a few clear lines, not SQLCipher's page-by-page noise


def test_reading_a_damaged_page_is_corrupt_store_and_the_rest_still_reads(
    damaged: tuple[Store, Layout, int],
) -> None:
    store, layout, _page = damaged
    reads: list[Callable[[], object]] = [
        lambda: store.get(layout.big),
        lambda: store.original(layout.big),
        lambda: store.search(SearchQuery("large")),
    ]
    damaged_reads = 0
    for read in reads:
        try:
            read()
        except CorruptStore as exc:
            assert "vigil verify" in str(exc)
            damaged_reads += 1
    assert damaged_reads >= 1
    assert store.get(layout.big + 1).id == layout.big + 1  # the pool dropped the bad connection


def test_backup_refuses_a_damaged_store_unless_forced(
    damaged: tuple[Store, Layout, int], settings: Settings, tmp_path: Path
) -> None:
    store, _layout, _page = damaged
    target = tmp_path / "b.tar"
    with pytest.raises(CorruptStore, match="--force"):
        backup(store, settings, target)
    assert not target.exists() and not target.with_name("b.tar.part").exists()
    assert [p.name for p in settings.home.iterdir() if p.name.startswith(".backup")] == []
    assert backup(store, settings, target, force=True) > 0
    with tarfile.open(target) as tar:
        assert sorted(tar.getnames()) == ["vigil.db", "vigil.key"]


def _backup_with_flipped_database(source: Path, target: Path, page: int) -> None:
    with tarfile.open(source) as tar:
        member = tar.getmember("vigil.db")
        offset = member.offset_data
    data = bytearray(source.read_bytes())
    data[offset + (page - 1) * PAGE + 2000] ^= 0xFF
    target.write_bytes(bytes(data))


def test_restore_of_a_damaged_backup_fails_and_leaves_nothing(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    layout = fill(store, settings)
    with open_store(settings, PASSPHRASE) as whole:
        backup(whole, settings, tmp_path / "good.tar")
    # The backup is a VACUUM copy, so its layout differs: damage its last page of data.
    with tarfile.open(tmp_path / "good.tar") as tar:
        pages = tar.getmember("vigil.db").size // PAGE
    _backup_with_flipped_database(tmp_path / "good.tar", tmp_path / "bad.tar", pages // 2)
    home = tmp_path / "restored"
    restored = settings.with_(home=home)
    with pytest.raises(CorruptStore, match="nothing was restored"):
        restore(restored, tmp_path / "bad.tar", PASSPHRASE)
    assert not home.exists()  # nothing left behind: a retry works
    again = restore(restored, tmp_path / "good.tar", PASSPHRASE)
    assert again.get(layout.big).id == layout.big
    assert verify_store(again, restored).ok
    again.close()
    assert sorted(p.name for p in home.iterdir()) == ["vigil.db", "vigil.key"]


def test_failed_restore_into_an_existing_folder_leaves_it_as_it_was(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    _add(store, "one letter", "/in/one.txt")
    backup(store, settings, tmp_path / "b.tar")
    home = tmp_path / "existing"
    home.mkdir()
    (home / "notes.txt").write_text("mine")
    restored = settings.with_(home=home)
    with pytest.raises(WrongPassphrase):
        restore(restored, tmp_path / "b.tar", "not the passphrase")
    assert sorted(p.name for p in home.iterdir()) == ["notes.txt"]
    restore(restored, tmp_path / "b.tar", PASSPHRASE).close()


def test_backup_and_restored_files_are_owner_only(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    _add(store, "one letter", "/in/one.txt")
    old = os.umask(0o022)  # a permissive umask must not matter
    try:
        backup(store, settings, tmp_path / "b.tar")
        home = tmp_path / "fresh" / "restored"
        restore(settings.with_(home=home), tmp_path / "b.tar", PASSPHRASE).close()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "b.tar").stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for path in home.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_init_with_an_impossible_cost_leaves_no_partial_store(settings: Settings) -> None:
    broken = settings.with_(argon2_time_cost=0)
    with pytest.raises(ConfigError, match="TIME_COST"):
        init_store(broken, PASSPHRASE)
    assert not settings.home.exists()
    with pytest.raises(StoreNotFound):
        open_store(settings, PASSPHRASE)
    init_store(settings, PASSPHRASE).store.close()


def test_init_failing_after_its_first_file_removes_what_it_wrote(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(keys, "write_atomically", fail)
    with pytest.raises(OSError, match="disk full"):
        init_store(settings, PASSPHRASE)
    assert not settings.home.exists()
    monkeypatch.undo()
    init_store(settings, PASSPHRASE).store.close()
    assert sorted(p.name for p in settings.home.iterdir()) == ["vigil.db", "vigil.key"]


def test_verify_reports_a_store_too_damaged_to_open(store: Store, settings: Settings) -> None:
    fill(store, settings)
    flip(settings.database_path, 2)  # the table of migrations, read on every opening
    with pytest.raises(CorruptStore, match="vigil verify"):
        open_store(settings, PASSPHRASE)
    report = verify_at(settings, PASSPHRASE)
    assert not report.ok and report.damaged_pages == [2]
    assert report.checked == 21  # the documents themselves still read
