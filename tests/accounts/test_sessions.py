from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from vigil.accounts import (
    Role,
    SessionPolicy,
    add_user,
    end_session,
    purge_stale,
    resume_session,
    start_session,
)
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.account_tables import sessions

POLICY = SessionPolicy(idle=timedelta(minutes=30), absolute=timedelta(hours=12))
T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def test_session_id_is_random_256_bit_and_stored_hashed(store: Store) -> None:
    new = start_session(store, None, T0)
    other = start_session(store, None, T0)
    assert new.token != other.token and len(new.token) >= 43  # 32 bytes, base64url
    with store.engine.connect() as conn:
        stored = [r["id_hash"] for r in conn.execute(sessions.select()).mappings()]
    assert new.token not in stored
    assert hashlib.sha256(new.token.encode()).hexdigest() in stored


def test_idle_timeout_ends_a_session(store: Store) -> None:
    new = start_session(store, None, T0)
    assert resume_session(store, new.token, POLICY, T0 + timedelta(minutes=29)) is not None
    late = T0 + timedelta(minutes=29) + timedelta(minutes=31)
    assert resume_session(store, new.token, POLICY, late) is None


def test_absolute_timeout_ends_an_active_session(store: Store) -> None:
    new = start_session(store, None, T0)
    at = T0
    while at < T0 + timedelta(hours=11, minutes=50):
        at += timedelta(minutes=20)
        assert resume_session(store, new.token, POLICY, at) is not None
    assert resume_session(store, new.token, POLICY, T0 + timedelta(hours=12, minutes=1)) is None


def test_sign_out_and_purge(store: Store) -> None:
    kept = start_session(store, None, T0 + timedelta(hours=1))
    old = start_session(store, None, T0)
    gone = start_session(store, None, T0 + timedelta(hours=1))
    end_session(store, resume_session(store, gone.token, POLICY, T0 + timedelta(hours=1)))  # type: ignore[arg-type]
    assert resume_session(store, gone.token, POLICY, T0 + timedelta(hours=1)) is None
    assert purge_stale(store, POLICY, T0 + timedelta(hours=1, minutes=5)) == 1
    assert resume_session(store, old.token, POLICY, T0 + timedelta(hours=1)) is None
    assert resume_session(store, kept.token, POLICY, T0 + timedelta(hours=1, minutes=5))


def test_owner_session_stops_counting_once_accounts_exist(store: Store, settings: Settings) -> None:
    owner = start_session(store, None)
    assert resume_session(store, owner.token, POLICY).role is Role.ADMIN  # type: ignore[union-attr]
    add_user(store, settings, "amina", Role.VIEWER, "a long enough password")
    assert resume_session(store, owner.token, POLICY) is None


def test_unknown_token_is_no_session(store: Store) -> None:
    assert resume_session(store, "not-a-session", POLICY) is None
