"""Create, unlock and open the store; back it up and restore it.

A laptop store is a data folder holding `vigil.key` (the wrapped data key)
and `vigil.db` (SQLCipher, keyed with the data key). A backup is a tar of
both: each part is already encrypted, so the backup is too, and restoring
needs the passphrase (or recovery code) that opens its key file.

A server store (`VIGIL_DATABASE_URL=postgresql+psycopg://...`) keeps its
tables in PostgreSQL and its key file, still `vigil.key`, in the data folder
of the machine that runs Vigil: never in the database, so a dump of the
database holds neither the key nor (sealed with it) any original file. The
service unlocks at start from `VIGIL_PASSPHRASE_FILE`, which must be a file
of the service user's that no one else may read (`read_passphrase_file`).
Back it up with `pg_dump` and a copy of the key file kept apart.
"""

from __future__ import annotations

import io
import os
import stat
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from vigil import keys
from vigil.errors import ArchiveError, ConfigError, StoreError, StoreExists, StoreNotFound
from vigil.settings import Settings
from vigil.store.dialect import dialect_for
from vigil.store.store import Store

BACKUP_MEMBERS = ("vigil.key", "vigil.db")


@dataclass(frozen=True)
class InitResult:
    store: Store
    recovery_code: str | None
    """Shown once to the user; None for a plain (unencrypted) store."""


def _is_server(settings: Settings) -> bool:
    return dialect_for(settings).name != "sqlite"


def _check_new(settings: Settings) -> None:
    if settings.key_path.exists() or settings.database_path.exists():
        raise StoreExists(f"{settings.home} already holds a store; use another VIGIL_HOME")
    if _is_server(settings) and dialect_for(settings).has_store():
        raise StoreExists(
            "the database named by VIGIL_DATABASE_URL already holds a Vigil store;"
            " use an empty database"
        )


def init_store(settings: Settings, passphrase: str | None) -> InitResult:
    """Create the data folder, the key file and an empty, migrated database.

    With a database URL the tables go to that (empty) database and only the
    key file is written to the data folder.
    """
    _check_new(settings)
    settings.home.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not _is_server(settings):
        # Created here so the database (and the -wal/-shm files SQLite derives
        # from it) are readable by their owner only.
        os.close(os.open(settings.database_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    code: str | None = None
    data_key: bytes | None = None
    if settings.encrypt:
        if not passphrase:
            raise StoreNotFound("a passphrase is needed to create an encrypted store")
        new = keys.create_key_file(settings.key_path, passphrase, settings)
        data_key, code = new.data_key, new.recovery_code
    return InitResult(store=open_with_key(settings, data_key), recovery_code=code)


def unlock(settings: Settings, passphrase: str) -> bytes:
    if not settings.key_path.exists():
        raise StoreNotFound(f"no store in {settings.home}: run `vigil init` first")
    return keys.unlock(settings.key_path, passphrase)


def open_with_key(settings: Settings, data_key: bytes | None) -> Store:
    dialect = dialect_for(settings)
    return Store.open(dialect.make_engine(data_key), dialect)


def open_store(settings: Settings, passphrase: str | None) -> Store:
    """Unlock the key file with the passphrase and open the database."""
    if not dialect_for(settings).has_store():
        where = (
            "the database named by VIGIL_DATABASE_URL" if _is_server(settings) else settings.home
        )
        raise StoreNotFound(f"no store in {where}: run `vigil init` first")
    if not settings.encrypt:
        return open_with_key(settings, None)
    return open_with_key(settings, unlock(settings, passphrase or ""))


def read_passphrase_file(path: Path) -> str:
    """The passphrase in `path`, if only its owner (the running user) can read it.

    For a service that unlocks at start (VIGIL_PASSPHRASE_FILE): a passphrase
    file that other users can read, or that belongs to another user, is
    refused rather than used. The trailing newline is dropped.
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise ConfigError(f"cannot read the passphrase file {path}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise ConfigError(f"the passphrase file {path} is not a regular file")
    if info.st_mode & 0o077:
        raise ConfigError(
            f"the passphrase file {path} is open to other users"
            f" (mode {stat.S_IMODE(info.st_mode):03o}): run `chmod 600 {path}`"
        )
    if info.st_uid != os.geteuid():
        raise ConfigError(
            f"the passphrase file {path} belongs to another user:"
            " it must belong to the user Vigil runs as"
        )
    try:
        return path.read_text("utf-8").rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the passphrase file {path}") from exc


def backup(store: Store, settings: Settings, target: Path) -> int:
    """Write an online backup (key file + consistent encrypted copy) to `target`."""
    if target.exists():
        raise ArchiveError(f"{target} exists; choose a new file name")
    copy = settings.home / f".backup-{os.getpid()}.db"
    copy.unlink(missing_ok=True)
    try:
        store.copy_database(copy)
        tmp = target.with_name(target.name + ".part")
        with tarfile.open(tmp, "w") as tar:
            tar.add(settings.key_path, arcname="vigil.key")
            tar.add(copy, arcname="vigil.db")
        os.replace(tmp, target)
    finally:
        copy.unlink(missing_ok=True)
    return target.stat().st_size


def restore(settings: Settings, source: Path, passphrase: str) -> Store:
    """Restore a backup into an empty data folder; the passphrase must open it."""
    if _is_server(settings):
        raise StoreError(
            "a server store is restored with pg_restore into an empty database,"
            " with its vigil.key in the data folder"
        )
    _check_new(settings)
    try:
        with tarfile.open(source, "r") as tar:
            names = set(tar.getnames())
            if names != set(BACKUP_MEMBERS):
                raise ArchiveError(f"{source} is not a Vigil backup")
            parts = {}
            for name in BACKUP_MEMBERS:
                member = tar.extractfile(name)
                if member is None:
                    raise ArchiveError(f"{source} is not a Vigil backup")
                parts[name] = member
            settings.home.mkdir(parents=True, exist_ok=True, mode=0o700)
            key_bytes = parts["vigil.key"].read()
            probe = settings.home / ".restore-probe.key"
            probe.write_bytes(key_bytes)
            try:
                data_key = keys.unlock(probe, passphrase)
            finally:
                probe.unlink()
            with open(settings.database_path, "wb") as out:
                _copy(parts["vigil.db"], out)
            keys.write_atomically(settings.key_path, key_bytes)
    except (tarfile.TarError, OSError) as exc:
        raise ArchiveError(f"{source} cannot be read as a Vigil backup") from exc
    return open_with_key(settings, data_key)


def _copy(src: IO[bytes], out: io.BufferedWriter) -> None:
    while chunk := src.read(1 << 20):
        out.write(chunk)
