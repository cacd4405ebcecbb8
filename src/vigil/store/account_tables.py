"""Tables of user accounts and server-side sessions, on the store's one `metadata`.

Kept apart from `tables.py` so the account work and the store work change
different files; both are created by `migrations.py`.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from vigil.store.tables import metadata

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", String(256), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("password_changed_at", DateTime(timezone=True), nullable=False),
    # Migration 10: the last sign-in, and the second factor (TOTP secret sealed with a key
    # derived from the data key; the last time step used, so no code is accepted twice).
    Column("last_sign_in_at", DateTime(timezone=True)),
    Column("totp_secret", Text),
    Column("totp_last_step", BigInteger),
    # Migration 14: the language of the interface the user chose ("en", "fr"); NULL
    # follows the browser.
    Column("locale", String(8)),
)

recovery_codes = Table(
    "recovery_codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), index=True),
    # SHA-256 of a one-time code of 80 random bits; the code itself is shown once.
    Column("code_hash", String(64), nullable=False),
    Column("used_at", DateTime(timezone=True)),
)

sessions = Table(
    "sessions",
    metadata,
    # SHA-256 (hex) of the session id: the id itself is only ever in the cookie.
    Column("id_hash", String(64), primary_key=True),
    # NULL for the owner of a personal store (who unlocked it with the passphrase).
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
)
