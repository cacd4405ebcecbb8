"""The store: SQLCipher on a laptop; the only package with SQL."""

from vigil.store.lifecycle import InitResult, backup, init_store, open_store, open_with_key, restore, unlock
from vigil.store.store import Store, highlight

__all__ = [
    "InitResult",
    "Store",
    "backup",
    "highlight",
    "init_store",
    "open_store",
    "open_with_key",
    "restore",
    "unlock",
]
