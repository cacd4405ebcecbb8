"""A throwaway PostgreSQL server for tests and benchmarks (no pytest in here).

Starts the real server from the Debian packages on a Unix socket inside a
fresh temporary folder, with `fsync=off` (tests only), and removes the
folder when stopped. PostgreSQL refuses to run as root, so as root the
cluster belongs to the `postgres` user and its commands run through
`runuser`. Connections use a plain role `vigil` (not a superuser), the way a
service would: each database belongs to it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

ROLE = "vigil"
SUPERUSER = "postgres"


def find_bindir(preferred: str = "15") -> Path | None:
    """/usr/lib/postgresql/<version>/bin holding initdb, version `preferred` first."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    for path in found:
        if f"/{preferred}/" in path:
            return Path(path).parent
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TempPostgres:
    """`root`: a folder kept after `stop` and started again when it holds a cluster
    (benchmarks that build a large database once); by default a fresh temporary one."""

    def __init__(self, bindir: Path, root: Path | None = None) -> None:
        self.bindir = bindir
        self.keep = root is not None
        self.root = root if root is not None else Path(tempfile.mkdtemp(prefix="vigil-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self._started = False

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", SUPERUSER, "--"] if self.as_root else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> TempPostgres:
        existing = self.keep and (self.data / "PG_VERSION").exists()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self.root.chmod(0o755)  # the server user must reach its data folder
            if not existing:
                self._initdb()
            options = (
                f"-k {self.data} -p {self.port} -c listen_addresses='' -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off"
            )
            self._run(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                options,
                "-l",
                str(self.data / "server.log"),
                "-w",
                "start",
            )
            self._started = True
            if not existing:
                with self.admin() as conn:
                    conn.execute(f"CREATE ROLE {ROLE} LOGIN")
        except BaseException:
            self.stop()
            raise
        return self

    def _initdb(self) -> None:
        self.data.mkdir(mode=0o700)
        if self.as_root:
            shutil.chown(self.data, SUPERUSER, SUPERUSER)
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )

    def stop(self) -> None:
        if self._started:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
            self._started = False
        if not self.keep:
            shutil.rmtree(self.root, ignore_errors=True)

    def has_database(self, name: str) -> bool:
        with self.admin() as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            return found.fetchone() is not None

    def admin(self, dbname: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host=str(self.data), port=self.port, user=SUPERUSER, dbname=dbname, autocommit=True
        )

    def url(self, dbname: str, user: str = ROLE) -> str:
        return f"postgresql+psycopg://{user}@/{dbname}?host={self.data}&port={self.port}"

    def create_database(self, name: str) -> str:
        """A new empty database owned by the service role; returns its URL."""
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}" OWNER {ROLE}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def pg_dump(self, name: str) -> bytes:
        """A plain-format dump of one database, made by the server's own pg_dump."""
        return subprocess.run(
            [
                str(self.bindir / "pg_dump"),
                "-h",
                str(self.data),
                "-p",
                str(self.port),
                "-U",
                SUPERUSER,
                "--format=plain",
                name,
            ],
            check=True,
            capture_output=True,
            timeout=300,
        ).stdout
