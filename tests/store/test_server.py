"""Server mode on PostgreSQL: what a dump holds, where the key lives, how it unlocks.

These run on PostgreSQL only (they use `server_settings`, not `settings`),
so they are outside the backend parity count.
"""

from __future__ import annotations

import base64
import io
import json
import os
import zipfile
from pathlib import Path

import docx
import pytest
from sqlalchemy import text

from vigil.errors import ConfigError, StoreError, StoreExists, WrongPassphrase
from vigil.model import ParsedDocument
from vigil.settings import Settings
from vigil.store import backup, init_store, open_store, read_passphrase_file, restore, unlock
from vigil.store import parties as party_store
from vigil.store.dialect import SqliteDialect, dialect_for
from vigil.store.postgres import PostgresDialect
from vigil.store.sealing import MAGIC, originals_key

from ..conftest import PASSPHRASE
from ..pg_server import TempPostgres

CANARY = "QQX-CANARY-7f3a9c-ORIGINAL-ONLY-QQX"
VISIBLE = "Appeal for the release of a detained teacher, visible in the clean text."


def uncompressed_docx() -> bytes:
    """A real .docx, zipped without compression, with the canary in a part no parser reads."""
    document = docx.Document()
    document.add_paragraph(VISIBLE)
    packed = io.BytesIO()
    document.save(packed)
    out = io.BytesIO()
    with zipfile.ZipFile(packed) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, src.read(item.filename), zipfile.ZIP_STORED)
        dst.writestr("customXml/canary.xml", f"<note>{CANARY}</note>", zipfile.ZIP_STORED)
    data = out.getvalue()
    assert CANARY.encode() in data  # stored, not deflated: the canary is in the bytes
    return data


def _db_name(settings: Settings) -> str:
    assert settings.database_url
    return settings.database_url.split("?")[0].split("/")[-1]


def _encodings(secret: bytes) -> list[bytes]:
    """The ways a secret could appear in a plain dump: raw, hex (bytea), base64."""
    return [
        secret,
        secret.hex().encode(),
        base64.b64encode(secret),
        base64.urlsafe_b64encode(secret),
        base64.b64encode(secret).rstrip(b"="),
    ]


def _distinct_chunks(data: bytes, size: int = 32) -> list[bytes]:
    chunks = [data[i : i + size] for i in range(0, len(data) - size, size)]
    return [c for c in chunks if len(set(c)) >= 8]  # skip runs of padding


def _store_docx(settings: Settings) -> tuple[bytes, int]:
    original = uncompressed_docx()
    with init_store(settings, PASSPHRASE).store as store:
        doc_id = store.add_document(
            ParsedDocument(format="docx", text=VISIBLE, full_text=VISIBLE, title="Appeal"),
            original,
            locator="/in/appeal.docx",
        )
        assert store.original(doc_id) == original
    return original, doc_id


def test_pg_dump_holds_no_bytes_of_an_uncompressed_docx(
    server_settings: Settings, pg_server: TempPostgres
) -> None:
    original, _ = _store_docx(server_settings)
    dump = pg_server.pg_dump(_db_name(server_settings))
    assert VISIBLE.encode() in dump  # the dump is of this store: its clean text is there
    for form in _encodings(CANARY.encode()):
        assert form not in dump
    # Chunks of the file that are pieces of its clean text are searchable text, by design.
    chunks = [c for c in _distinct_chunks(original) if c not in VISIBLE.encode()]
    assert len(chunks) > 100
    leaked = [c for c in chunks if c in dump or c.hex().encode() in dump]
    assert leaked == []


def test_pg_dump_of_an_unsealed_store_would_show_the_canary(
    server_settings: Settings, pg_server: TempPostgres
) -> None:
    """The control for the test above: without sealing, the search does find it."""
    _store_docx(server_settings.with_(encrypt=False))
    dump = pg_server.pg_dump(_db_name(server_settings))
    assert CANARY.encode().hex().encode() in dump


def test_pg_dump_holds_no_key_material(
    server_settings: Settings, pg_server: TempPostgres
) -> None:
    _store_docx(server_settings)
    data_key = unlock(server_settings, PASSPHRASE)
    key_file = server_settings.key_path.read_bytes()
    wraps = json.loads(key_file)["wraps"]
    secrets = [data_key, originals_key(data_key)]
    secrets += [base64.b64decode(w["ciphertext"]) for w in wraps.values()]
    dump = pg_server.pg_dump(_db_name(server_settings))
    for secret in secrets:
        for form in _encodings(secret):
            assert form not in dump
    assert key_file not in dump
    for line in key_file.splitlines():
        if len(line.strip()) > 24:
            assert line.strip() not in dump
    assert PASSPHRASE.encode() not in dump


def test_server_store_keeps_its_key_file_in_home_and_no_database_file(
    server_settings: Settings,
) -> None:
    _store_docx(server_settings)
    assert sorted(p.name for p in server_settings.home.iterdir()) == ["vigil.key"]
    assert server_settings.key_path.stat().st_mode & 0o777 == 0o600
    assert server_settings.home.stat().st_mode & 0o077 == 0


def test_originals_are_sealed_rows_bound_to_their_document(server_settings: Settings) -> None:
    original, doc_id = _store_docx(server_settings)
    with open_store(server_settings, PASSPHRASE) as store:
        other = store.add_document(
            ParsedDocument(format="txt", text="other", full_text="other"), b"other", locator="/o"
        )
        with store.engine.begin() as conn:
            sealed = conn.scalar(
                text("SELECT data FROM originals WHERE document_id = :i"), {"i": doc_id}
            )
            assert bytes(sealed).startswith(MAGIC)
            assert original not in bytes(sealed)
            # Swap the sealed blob onto another document: it must not open there.
            conn.execute(
                text("UPDATE originals SET data = :d WHERE document_id = :i"),
                {"d": sealed, "i": other},
            )
        report = store.verify()
    assert report.failed_ids == [other]


def test_wrong_passphrase_does_not_open_a_server_store(server_settings: Settings) -> None:
    _store_docx(server_settings)
    with pytest.raises(WrongPassphrase):
        open_store(server_settings, "not the passphrase")


def test_init_refuses_a_database_that_already_holds_a_store(
    server_settings: Settings, tmp_path: Path
) -> None:
    _store_docx(server_settings)
    with pytest.raises(StoreExists, match="already holds a Vigil store"):
        init_store(server_settings.with_(home=tmp_path / "second-home"), PASSPHRASE)


def test_server_unlocks_from_a_passphrase_file_only_its_user_can_read(
    server_settings: Settings, tmp_path: Path
) -> None:
    _, doc_id = _store_docx(server_settings)
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)
    with open_store(server_settings, read_passphrase_file(secret)) as store:
        assert store.get(doc_id).text == VISIBLE


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o644, 0o660])
def test_passphrase_file_open_to_other_users_is_refused(tmp_path: Path, mode: int) -> None:
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE)
    secret.chmod(mode)
    with pytest.raises(ConfigError, match="chmod 600") as caught:
        read_passphrase_file(secret)
    assert PASSPHRASE not in str(caught.value)


def test_missing_passphrase_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        read_passphrase_file(tmp_path / "absent")


def test_backup_and_restore_of_a_server_store_point_to_pg_dump(
    server_settings: Settings, tmp_path: Path
) -> None:
    _store_docx(server_settings)
    with (
        open_store(server_settings, PASSPHRASE) as store,
        pytest.raises(StoreError, match="pg_dump"),
    ):
        backup(store, server_settings, tmp_path / "x.backup")
    assert not (tmp_path / "x.backup").exists()
    with pytest.raises(StoreError, match="pg_restore"):
        restore(server_settings.with_(home=tmp_path / "r"), tmp_path / "x.backup", PASSPHRASE)


def test_unreachable_server_is_a_clear_error_without_the_password(tmp_path: Path) -> None:
    url = "postgresql+psycopg://vigil:s3cretpw@/nodb?host=/nonexistent&port=1"
    settings = Settings(home=tmp_path / "h", database_url=url, argon2_memory_kib=64,
                        argon2_time_cost=1, insecure_test_kdf=True)
    with pytest.raises(StoreError, match="cannot connect") as caught:
        init_store(settings, PASSPHRASE)
    assert "s3cretpw" not in str(caught.value)
    assert not settings.key_path.exists()


def test_database_url_chooses_the_dialect(tmp_path: Path) -> None:
    home = tmp_path / "h"
    assert isinstance(dialect_for(Settings(home=home)), SqliteDialect)
    assert isinstance(dialect_for(Settings(home=home, database_url="sqlite:")), SqliteDialect)
    pg = dialect_for(Settings(home=home, database_url="postgresql+psycopg://u@/d"))
    assert isinstance(pg, PostgresDialect)
    assert pg.seals_originals
    assert not SqliteDialect.seals_originals
    with pytest.raises(StoreError, match="postgresql"):
        dialect_for(Settings(home=home, database_url="mysql://u@h/d"))


def test_text_search_folds_diacritics_on_the_server(server_settings: Settings) -> None:
    with init_store(server_settings, PASSPHRASE).store as store, store.engine.connect() as conn:
        folded = conn.scalar(text("SELECT to_tsvector('vigil_text', 'Détention Hélène')::text"))
    assert folded == "'detention':1 'helene':2"


def test_a_name_lookup_on_the_server_can_read_the_trigram_index(
    server_settings: Settings,
) -> None:
    """The lookup's `lower(name) LIKE '%…%' ESCAPE` is one the pg_trgm index serves (the
    planner picks it once the table is large; here scans are priced out to show it can)."""
    with init_store(server_settings, PASSPHRASE).store as store, store.engine.connect() as conn:
        lookup = party_store.name_lookup_statement("ali_hassan%", ["ali", "hassan"])
        compiled = lookup.compile(conn)
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
        rows = conn.exec_driver_sql("EXPLAIN " + str(compiled), compiled.params).scalars()
        plan = "\n".join(rows)
    assert "ix_party_names_name_trigrams" in plan


def test_passphrase_files_are_not_left_group_readable_by_umask(tmp_path: Path) -> None:
    """A file written with a permissive umask is refused until chmod 600."""
    old = os.umask(0o022)
    try:
        secret = tmp_path / "p"
        secret.write_text(PASSPHRASE)
    finally:
        os.umask(old)
    with pytest.raises(ConfigError):
        read_passphrase_file(secret)
    secret.chmod(0o600)
    assert read_passphrase_file(secret) == PASSPHRASE
