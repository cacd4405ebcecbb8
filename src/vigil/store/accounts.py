"""SQL for user accounts and server-side sessions. Policy lives in `vigil.accounts`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import RowMapping, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from vigil.errors import UnknownUser, UserExists
from vigil.store import secret_box
from vigil.store.account_tables import recovery_codes, sessions, users
from vigil.store.changes import log_change
from vigil.store.store import Store


@dataclass(frozen=True)
class UserRecord:
    id: int
    name: str
    role: str
    password_hash: str
    disabled: bool
    created_at: datetime
    password_changed_at: datetime
    last_sign_in_at: datetime | None = None
    totp_sealed: str | None = None
    """The TOTP seed, sealed (`secret_box`); None when no second factor is enrolled."""
    totp_last_step: int | None = None
    locale: str | None = None
    """The language of the interface the user chose; None follows the browser."""


@dataclass(frozen=True)
class SessionRecord:
    id_hash: str
    user_id: int | None
    """None for the owner of a personal store."""
    csrf_token: str
    created_at: datetime
    last_seen_at: datetime


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; every time Vigil writes is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _user(row: RowMapping) -> UserRecord:
    return UserRecord(
        id=row["id"],
        name=row["name"],
        role=row["role"],
        password_hash=row["password_hash"],
        disabled=bool(row["disabled"]),
        created_at=_utc(row["created_at"]),
        password_changed_at=_utc(row["password_changed_at"]),
        last_sign_in_at=_utc(row["last_sign_in_at"]) if row["last_sign_in_at"] else None,
        totp_sealed=row["totp_secret"],
        totp_last_step=row["totp_last_step"],
        locale=row["locale"],
    )


def _session(row: RowMapping) -> SessionRecord:
    return SessionRecord(
        id_hash=row["id_hash"],
        user_id=row["user_id"],
        csrf_token=row["csrf_token"],
        created_at=_utc(row["created_at"]),
        last_seen_at=_utc(row["last_seen_at"]),
    )


class AccountStore:
    """Users and sessions in the same database as the documents."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine

    # -- users ---------------------------------------------------------------
    def add_user(
        self, name: str, role: str, password_hash: str, now: datetime, actor: str = "local"
    ) -> int:
        try:
            with self.engine.begin() as conn:
                user_id = int(
                    conn.execute(
                        users.insert().values(
                            name=name,
                            role=role,
                            password_hash=password_hash,
                            disabled=False,
                            created_at=now,
                            password_changed_at=now,
                        )
                    ).inserted_primary_key[0]  # type: ignore[index]  # always set for an insert
                )
                log_change(conn, actor, "add", "user", user_id, {"role": role})
        except IntegrityError as exc:
            raise UserExists("that user name is taken; choose another") from exc
        return user_id

    def user_by_name(self, name: str) -> UserRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).mappings().first()
        return None if row is None else _user(row)

    def user_by_id(self, user_id: int) -> UserRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.id == user_id)).mappings().first()
        return None if row is None else _user(row)

    def list_users(self) -> list[UserRecord]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(users).order_by(users.c.name)).mappings()
            return [_user(r) for r in rows]

    def active_user_count(self) -> int:
        with self.engine.connect() as conn:
            count = conn.scalar(
                select(func.count()).select_from(users).where(users.c.disabled.is_(False))
            )
        return int(count or 0)

    def set_disabled(
        self, user_id: int, disabled: bool, now: datetime, actor: str = "local"
    ) -> None:
        action = "disable" if disabled else "enable"
        self._update_user(user_id, now, actor, action, None, disabled=disabled)

    def set_password(
        self, user_id: int, password_hash: str, now: datetime, actor: str = "local"
    ) -> None:
        self._update_user(
            user_id,
            now,
            actor,
            "passwd",
            None,
            password_hash=password_hash,
            password_changed_at=now,
        )

    def set_role(self, user_id: int, role: str, now: datetime, actor: str = "local") -> None:
        self._update_user(user_id, now, actor, "role", {"role": role}, role=role)

    def set_locale(
        self, user_id: int, locale: str | None, now: datetime, actor: str = "local"
    ) -> None:
        self._update_user(user_id, now, actor, "locale", {"locale": locale}, locale=locale)

    def _update_user(
        self,
        user_id: int,
        now: datetime,
        actor: str,
        action: str,
        detail: dict[str, Any] | None = None,
        **values: Any,
    ) -> None:
        with self.engine.begin() as conn:
            changed = conn.execute(update(users).where(users.c.id == user_id).values(**values))
            if not changed.rowcount:
                raise UnknownUser(f"no user with id {user_id}")
            log_change(conn, actor, action, "user", user_id, detail or {})

    # -- sign-in record --------------------------------------------------------
    def record_sign_in(self, user_id: int, now: datetime, client: str, how: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(last_sign_in_at=now))
            detail = {"client": client, "factors": how}
            log_change(conn, f"user:{user_id}", "sign-in", "user", user_id, detail)

    def record_failed_sign_in(self, user_id: int | None, client: str) -> None:
        """A failed sign-in: the account if the name exists (never the name typed)."""
        with self.engine.begin() as conn:
            log_change(conn, "anonymous", "sign-in:failed", "user", user_id, {"client": client})

    # -- second factor ---------------------------------------------------------
    def set_second_factor(
        self,
        user_id: int,
        seed: str,
        code_hashes: list[str],
        used_step: int,
        actor: str = "local",
    ) -> None:
        """Enrol (or replace) a TOTP seed with fresh recovery codes, in one transaction."""
        with self.engine.begin() as conn:
            sealed = secret_box.seal(conn, "totp", user_id, seed)
            conn.execute(
                update(users)
                .where(users.c.id == user_id)
                .values(totp_secret=sealed, totp_last_step=used_step)
            )
            conn.execute(delete(recovery_codes).where(recovery_codes.c.user_id == user_id))
            for code_hash in code_hashes:
                conn.execute(recovery_codes.insert().values(user_id=user_id, code_hash=code_hash))
            log_change(conn, actor, "second-factor:enrol", "user", user_id, {})

    def clear_second_factor(self, user_id: int, actor: str = "local") -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(users)
                .where(users.c.id == user_id)
                .values(totp_secret=None, totp_last_step=None)
            )
            conn.execute(delete(recovery_codes).where(recovery_codes.c.user_id == user_id))
            log_change(conn, actor, "second-factor:reset", "user", user_id, {})

    def totp_seed(self, user_id: int, sealed: str) -> str:
        with self.engine.connect() as conn:
            return secret_box.open_sealed(conn, "totp", user_id, sealed)

    def use_totp_step(self, user_id: int, step: int) -> bool:
        """Mark time step `step` used; False when it (or a later one) was used already.
        One conditional UPDATE: two requests with the same code cannot both pass."""
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(users)
                .where(
                    users.c.id == user_id,
                    or_(users.c.totp_last_step.is_(None), users.c.totp_last_step < step),
                )
                .values(totp_last_step=step)
            )
            return bool(changed.rowcount)

    def use_recovery_code(self, user_id: int, code_hash: str, now: datetime) -> bool:
        """Spend a recovery code; False when it is unknown or spent."""
        rc = recovery_codes.c
        with self.engine.begin() as conn:
            changed = conn.execute(
                update(recovery_codes)
                .where(rc.user_id == user_id, rc.code_hash == code_hash, rc.used_at.is_(None))
                .values(used_at=now)
            )
            if changed.rowcount:
                log_change(conn, f"user:{user_id}", "recovery-code:used", "user", user_id, {})
            return bool(changed.rowcount)

    def recovery_codes_left(self, user_id: int) -> int:
        rc = recovery_codes.c
        with self.engine.connect() as conn:
            count = conn.scalar(
                select(func.count())
                .select_from(recovery_codes)
                .where(rc.user_id == user_id, rc.used_at.is_(None))
            )
        return int(count or 0)

    # -- sessions ------------------------------------------------------------
    def add_session(
        self, id_hash: str, user_id: int | None, csrf_token: str, now: datetime
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                sessions.insert().values(
                    id_hash=id_hash,
                    user_id=user_id,
                    csrf_token=csrf_token,
                    created_at=now,
                    last_seen_at=now,
                )
            )

    def session(self, id_hash: str) -> SessionRecord | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(sessions).where(sessions.c.id_hash == id_hash))
                .mappings()
                .first()
            )
        return None if row is None else _session(row)

    def touch_session(self, id_hash: str, now: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(sessions).where(sessions.c.id_hash == id_hash).values(last_seen_at=now)
            )

    def delete_session(self, id_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(sessions).where(sessions.c.id_hash == id_hash))

    def delete_sessions_of(self, user_id: int | None) -> int:
        """Revoke every session of a user (None: every owner session of a personal store)."""
        owner = sessions.c.user_id.is_(None) if user_id is None else sessions.c.user_id == user_id
        with self.engine.begin() as conn:
            return int(conn.execute(delete(sessions).where(owner)).rowcount or 0)

    def delete_stale_sessions(self, idle_before: datetime, created_before: datetime) -> int:
        with self.engine.begin() as conn:
            gone = conn.execute(
                delete(sessions).where(
                    or_(
                        sessions.c.last_seen_at < idle_before,
                        sessions.c.created_at < created_before,
                    )
                )
            )
            return int(gone.rowcount or 0)
