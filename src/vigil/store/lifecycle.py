"""Create, unlock and open the store; back it up and restore it.

A store is a data folder holding `vigil.key` (the wrapped data key) and
`vigil.db` (SQLCipher, keyed with the data key). A backup is a tar of both:
each part is already encrypted, so the backup is too, and restoring needs the
passphrase (or recovery code) that opens its key file.
"""

from __future__ import annotations

import io
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path

from vigil import keys
from vigil.errors import ArchiveError, StoreExists, StoreNotFound
from vigil.settings import Settings
from vigil.store.dialect import dialect_for
from vigil.store.store import Store

BACKUP_MEMBERS = ("vigil.key", "vigil.db")


@dataclass(frozen=True)
class InitResult:
    store: Store
    recovery_code: str | None
    """Shown once to the user; None for a plain (unencrypted) store."""


def _check_new(settings: Settings) -> None:
    if settings.key_path.exists() or settings.database_path.exists():
        raise StoreExists(f"{settings.home} already holds a store; use another VIGIL_HOME")


def init_store(settings: Settings, passphrase: str | None) -> InitResult:
    """Create the data folder, the key file and an empty, migrated database."""
    _check_new(settings)
    settings.home.mkdir(parents=True, exist_ok=True, mode=0o700)
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
    if not settings.encrypt:
        if not settings.database_path.exists():
            raise StoreNotFound(f"no store in {settings.home}: run `vigil init` first")
        return open_with_key(settings, None)
    if not settings.database_path.exists():
        raise StoreNotFound(f"no store in {settings.home}: run `vigil init` first")
    return open_with_key(settings, unlock(settings, passphrase or ""))


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


def _copy(src: io.BufferedReader | object, out: io.BufferedWriter) -> None:
    read = getattr(src, "read")
    while chunk := read(1 << 20):
        out.write(chunk)
