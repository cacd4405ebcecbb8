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

Nothing here leaves half a store: `init_store` removes what it created when
any step fails (a 0-byte `vigil.db` would make every later command disagree
about whether a store exists); `restore` writes into a temporary folder in the
data folder, checks the copy (pages, tables, every original's hash) and only
then renames it into place, removing everything it wrote when it fails; and
`backup` refuses a store that fails its integrity check unless forced. Every
file written here is created 0600 and every folder 0700.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import Engine

from vigil import keys
from vigil.errors import (
    ArchiveError,
    ConfigError,
    CorruptStore,
    StoreError,
    StoreExists,
    StoreNotFound,
)
from vigil.model import VerifyReport
from vigil.settings import Settings, check_kdf_costs
from vigil.store import secret_box
from vigil.store.changes import bind_key
from vigil.store.dialect import Dialect, dialect_for
from vigil.store.store import Store

BACKUP_MEMBERS = ("vigil.key", "vigil.db")
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


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
    key file is written to the data folder. On any failure, every file this
    call created is removed again, so `init` can simply be run again.
    """
    _check_new(settings)
    if settings.encrypt:
        if not passphrase:
            raise StoreNotFound("a passphrase is needed to create an encrypted store")
        check_kdf_costs(settings)  # before any file exists
    created_home = not settings.home.exists()
    private_folder(settings.home)
    created: list[Path] = []
    try:
        if not _is_server(settings):
            # Created here so the database (and the -wal/-shm files SQLite derives
            # from it) are readable by their owner only.
            os.close(os.open(settings.database_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            created.append(settings.database_path)
        code: str | None = None
        data_key: bytes | None = None
        if settings.encrypt:
            assert passphrase is not None
            new = keys.create_key_file(settings.key_path, passphrase, settings)
            created.append(settings.key_path)
            data_key, code = new.data_key, new.recovery_code
        return InitResult(store=open_with_key(settings, data_key), recovery_code=code)
    except BaseException:
        for path in created:
            if path == settings.database_path:
                _remove_database_files(path)
            else:
                path.unlink(missing_ok=True)
        if created_home:
            with contextlib.suppress(OSError):
                settings.home.rmdir()
        raise


def private_folder(path: Path) -> None:
    """Make `path` (and missing parents) a folder only its owner may open (0700)."""
    existed = path.exists()
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not existed:
        path.chmod(0o700)


def _remove_database_files(path: Path) -> None:
    path.unlink(missing_ok=True)
    for suffix in SQLITE_SIDE_FILES:
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def unlock(settings: Settings, passphrase: str) -> bytes:
    if not settings.key_path.exists():
        raise StoreNotFound(f"no store in {settings.home}: run `vigil init` first")
    return keys.unlock(settings.key_path, passphrase)


def _engine(dialect: Dialect, data_key: bytes | None) -> Engine:
    """The dialect's engine, carrying the audit chain's key (derived from the data key)."""
    engine = dialect.make_engine(data_key)
    bind_key(engine, data_key)
    secret_box.bind(engine, data_key)
    return engine


def open_with_key(settings: Settings, data_key: bytes | None) -> Store:
    dialect = dialect_for(settings)
    return Store.open(_engine(dialect, data_key), dialect)


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


def verify_store(store: Store, settings: Settings) -> VerifyReport:
    """`Store.verify` plus the key file's own checks (every slot, no secret needed)."""
    report = store.verify()
    key_problems = keys.check_key_file(settings.key_path) if settings.encrypt else []
    if not key_problems:
        return report
    return VerifyReport(
        checked=report.checked,
        failed_ids=report.failed_ids,
        problems=[*report.problems, *key_problems],
        damaged_pages=report.damaged_pages,
    )


def verify_at(settings: Settings, passphrase: str | None) -> VerifyReport:
    """`vigil verify`: open the store and check it; if it is too damaged to open
    (its migration table unreadable), check it as it is, without migrating."""
    try:
        with open_store(settings, passphrase) as store:
            return verify_store(store, settings)
    except CorruptStore:
        if not settings.encrypt or not settings.key_path.exists():
            raise
    dialect = dialect_for(settings)
    data_key = unlock(settings, passphrase or "")
    with Store(_engine(dialect, data_key), dialect) as store:
        return verify_store(store, settings)


def backup(store: Store, settings: Settings, target: Path, *, force: bool = False) -> int:
    """Write an online backup (key file + consistent encrypted copy) to `target`.

    A store that fails its integrity check is refused (`CorruptStore`): a backup
    of damage would replace a good one. With `force` it is copied anyway, page
    for page when the damaged pages cannot be read, for a specialist to look at.
    """
    if target.exists():
        raise ArchiveError(f"{target} exists; choose a new file name")
    if not force:
        report = verify_store(store, settings)
        if not report.ok:
            raise CorruptStore(
                "the store is damaged (it fails its integrity check), so it was not backed up"
                " (a backup of damage could replace a good one): run `vigil verify` to see where;"
                " `vigil backup --force` copies it anyway"
            )
    copy = settings.home / f".backup-{os.getpid()}.db"
    tmp = target.with_name(target.name + ".part")
    _remove_database_files(copy)
    try:
        # VACUUM INTO fills an empty file as it finds it: created here, owner-only.
        os.close(os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            store.copy_database(copy)
        except CorruptStore:
            if not force:
                raise
            _remove_database_files(copy)
            _copy_file(settings.database_path, copy)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
            tar.add(settings.key_path, arcname="vigil.key")
            tar.add(copy, arcname="vigil.db")
        os.replace(tmp, target)
    finally:
        _remove_database_files(copy)
        tmp.unlink(missing_ok=True)
    return target.stat().st_size


def _copy_file(source: Path, target: Path) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out)


def restore(settings: Settings, source: Path, passphrase: str) -> Store:
    """Restore a backup into an empty data folder; the passphrase must open it.

    The database is written to a temporary folder in the data folder and checked
    there (pages, tables, every original against its hash) before it is renamed
    into place; a damaged backup raises `CorruptStore` and nothing is left behind.
    """
    if _is_server(settings):
        raise StoreError(
            "a server store is restored with pg_restore into an empty database,"
            " with its vigil.key in the data folder"
        )
    _check_new(settings)
    created_home = not settings.home.exists()
    private_folder(settings.home)
    staging = settings.home / f".restore-{os.getpid()}"
    placed: list[Path] = []
    try:
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(mode=0o700)
        staged = settings.with_(home=staging)
        data_key = _unpack_backup(source, staged, passphrase)
        with open_with_key(staged, data_key) as candidate:
            report = candidate.verify()
        if not report.ok:
            raise CorruptStore(
                f"{source} is damaged (it fails the integrity check); nothing was restored:"
                " try an older backup"
            )
        for name in ["vigil.db" + side for side in SQLITE_SIDE_FILES] + ["vigil.db"]:
            if (staging / name).exists():  # a cleanly closed database has no side files
                os.replace(staging / name, settings.home / name)
                placed.append(settings.home / name)
        os.replace(staged.key_path, settings.key_path)
        placed.append(settings.key_path)
        _fsync_folder(settings.home)
    except BaseException:
        for path in placed:
            path.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        if created_home:
            shutil.rmtree(settings.home, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return open_with_key(settings, data_key)


def _unpack_backup(source: Path, staged: Settings, passphrase: str) -> bytes:
    """Write the backup's key file and database into `staged.home`; the data key."""
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
            keys.write_atomically(staged.key_path, parts["vigil.key"].read())
            data_key = keys.unlock(staged.key_path, passphrase)
            fd = os.open(staged.database_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                _copy(parts["vigil.db"], out)
                out.flush()
                os.fsync(out.fileno())
    except (tarfile.TarError, OSError) as exc:
        raise ArchiveError(f"{source} cannot be read as a Vigil backup") from exc
    return data_key


def _fsync_folder(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _copy(src: IO[bytes], out: IO[bytes]) -> None:
    while chunk := src.read(1 << 20):
        out.write(chunk)
