"""The store: the only package with SQL. SQLCipher on a laptop, PostgreSQL on a server."""

from vigil.store.lifecycle import (
    InitResult,
    backup,
    init_store,
    open_store,
    open_with_key,
    read_passphrase_file,
    restore,
    unlock,
    verify_at,
    verify_store,
)
from vigil.store.store import NewDocument, Store, highlight

__all__ = [
    "InitResult",
    "NewDocument",
    "Store",
    "backup",
    "highlight",
    "init_store",
    "open_store",
    "open_with_key",
    "read_passphrase_file",
    "restore",
    "unlock",
    "verify_at",
    "verify_store",
]
