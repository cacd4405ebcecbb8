"""What the web app holds while it runs: the store (once unlocked), a parser pool, policies.

Personal mode starts with no store: the first visitor who gives the store
passphrase opens it, and every later browser must give it too. Organisation
mode starts with the store opened by the server (its passphrase from
VIGIL_PASSPHRASE_FILE or the environment) and has accounts in it.
"""

from __future__ import annotations

import logging
import threading

from vigil import keys
from vigil.accounts import SessionPolicy, Throttle, has_accounts
from vigil.errors import ConfigError, WrongPassphrase
from vigil.ingest.pipeline import IngestReport, Upload, ingest_uploads
from vigil.ingest.worker import ParserPool
from vigil.settings import Settings
from vigil.store import Store, open_store

log = logging.getLogger(__name__)


class Locked(Exception):
    """The store is not unlocked yet (personal mode, before the passphrase)."""


class Workspace:
    def __init__(
        self,
        settings: Settings,
        store: Store | None,
        policy: SessionPolicy,
        throttle: Throttle,
    ) -> None:
        self.settings = settings
        self.policy = policy
        self.throttle = throttle
        self._store = store
        self._owns_store = False
        self._lock = threading.Lock()
        self._ingest_lock = threading.Lock()
        self._pool: ParserPool | None = None

    @property
    def store(self) -> Store | None:
        return self._store

    def require_store(self) -> Store:
        if self._store is None:
            raise Locked
        return self._store

    def organisation(self) -> bool:
        """True once accounts exist: everyone signs in; nobody unlocks with the passphrase."""
        return self._store is not None and has_accounts(self._store)

    def unlock(self, passphrase: str, client: str) -> None:
        """Check the store passphrase (opening the store the first time); throttled."""
        self.throttle.check("unlock", f"client:{client}")
        try:
            with self._lock:
                if self._store is None:
                    self._store = open_store(self.settings, passphrase)
                    self._owns_store = True
                    log.info("store unlocked from the web")
                elif self.settings.encrypt:
                    keys.unlock(self.settings.key_path, passphrase)
        except WrongPassphrase:
            self.throttle.fail("unlock", f"client:{client}")
            raise

    def ingest(self, uploads: list[Upload], actor: str) -> IngestReport:
        """Ingest uploads one batch at a time on a parser pool kept for the server's life."""
        store = self.require_store()
        with self._ingest_lock:
            if self._pool is None:
                pool = ParserPool(self.settings)
                try:
                    pool.start()
                except RuntimeError as exc:
                    pool.close()
                    raise ConfigError("the parser workers did not start") from exc
                self._pool = pool
            return ingest_uploads(store, self.settings, self._pool, uploads, actor=actor)

    def close(self) -> None:
        with self._ingest_lock:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
        if self._owns_store and self._store is not None:
            self._store.close()
            self._store = None
