"""Server-side sessions: a random 256-bit id in a cookie, its SHA-256 in the database.

A session belongs to a user, or (user None) to the owner of a personal store
who unlocked it with the passphrase. It ends after `idle` without a request,
after `absolute` in any case, at sign-out, and when its user's password
changes or the user is disabled. An owner session stops counting once
accounts exist.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from vigil.accounts.roles import Role
from vigil.accounts.users import User, has_accounts, user_by_id
from vigil.store import Store
from vigil.store.accounts import AccountStore

TOUCH_EVERY = timedelta(seconds=60)
"""last_seen_at is written at most this often, not on every request."""


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)


@dataclass(frozen=True)
class Session:
    id_hash: str
    user: User | None
    """None for the owner of a personal store."""
    csrf_token: str
    created_at: datetime

    @property
    def role(self) -> Role:
        return self.user.role if self.user else Role.ADMIN

    @property
    def actor(self) -> str:
        """Who is recorded in the change log: a user id, never a name."""
        return f"user:{self.user.id}" if self.user else "owner"


@dataclass(frozen=True)
class NewSession:
    token: str
    """The secret for the cookie; only its hash is stored."""
    session: Session


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def start_session(store: Store, user: User | None, now: datetime | None = None) -> NewSession:
    """A new session with a fresh id (never one the browser offered) and CSRF token."""
    now = now or _now()
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    id_hash = hash_token(token)
    AccountStore(store).add_session(id_hash, user.id if user else None, csrf, now)
    return NewSession(token, Session(id_hash, user, csrf, now))


def resume_session(
    store: Store, token: str, policy: SessionPolicy, now: datetime | None = None
) -> Session | None:
    """The live session for a cookie's token, or None (and it is deleted) if it ended."""
    now = now or _now()
    accounts = AccountStore(store)
    id_hash = hash_token(token)
    record = accounts.session(id_hash)
    if record is None:
        return None
    user = user_by_id(store, record.user_id) if record.user_id is not None else None
    expired = now - record.last_seen_at > policy.idle or now - record.created_at > policy.absolute
    orphaned = (record.user_id is not None and (user is None or user.disabled)) or (
        record.user_id is None and has_accounts(store)
    )
    if expired or orphaned:
        accounts.delete_session(id_hash)
        return None
    if now - record.last_seen_at > TOUCH_EVERY:
        accounts.touch_session(id_hash, now)
    return Session(id_hash, user, record.csrf_token, record.created_at)


def end_session(store: Store, session: Session) -> None:
    AccountStore(store).delete_session(session.id_hash)


def purge_stale(store: Store, policy: SessionPolicy, now: datetime | None = None) -> int:
    """Delete every ended session; returns how many."""
    now = now or _now()
    return AccountStore(store).delete_stale_sessions(now - policy.idle, now - policy.absolute)
