"""User accounts: the service functions `vigil user ...` and the web pages both call."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from vigil.accounts import passwords
from vigil.accounts.roles import Role
from vigil.accounts.second_factor import second_factor_ok
from vigil.accounts.throttle import Throttle, sign_in_limits
from vigil.errors import AccountError, SignInFailed, UnknownUser
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.accounts import AccountStore, UserRecord

log = logging.getLogger(__name__)

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
"""User names: letters, digits and . _ @ -, starting with a letter or digit, up to 64."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    disabled: bool
    created_at: datetime
    second_factor: bool = False
    """True once a TOTP app is enrolled."""
    last_sign_in_at: datetime | None = None
    locale: str | None = None
    """The language of the interface the user chose ("en", "fr"); None: the browser's."""


def _user(record: UserRecord) -> User:
    return User(
        record.id,
        record.name,
        Role(record.role),
        record.disabled,
        record.created_at,
        record.totp_sealed is not None,
        record.last_sign_in_at,
        record.locale,
    )


def _now() -> datetime:
    return datetime.now(UTC)


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise AccountError(
            "a user name is 1 to 64 letters, digits or . _ @ -, starting with a letter or digit"
        )
    return name


def add_user(
    store: Store, settings: Settings, name: str, role: Role, password: str, actor: str = "local"
) -> User:
    """Create an account; the first one turns a personal store into an organisation's."""
    check_name(name)
    accounts = AccountStore(store)
    user_id = accounts.add_user(
        name, str(role), passwords.hash_password(settings, password), _now(), actor
    )
    log.info("user %d added with role %s", user_id, role)
    return get_user(store, name)


def get_user(store: Store, name: str) -> User:
    record = AccountStore(store).user_by_name(name)
    if record is None:
        raise UnknownUser("no user with that name: `vigil user list` shows them")
    return _user(record)


def user_by_id(store: Store, user_id: int) -> User | None:
    record = AccountStore(store).user_by_id(user_id)
    return None if record is None else _user(record)


def list_users(store: Store) -> list[User]:
    return [_user(r) for r in AccountStore(store).list_users()]


def has_accounts(store: Store) -> bool:
    """True once an enabled account exists: everyone must then sign in."""
    return AccountStore(store).active_user_count() > 0


def set_disabled(store: Store, name: str, disabled: bool = True, actor: str = "local") -> User:
    """Disable (or enable) an account; disabling ends its sessions at once."""
    user = get_user(store, name)
    if disabled and user.role is Role.ADMIN:
        _keep_an_admin(store, user)
    accounts = AccountStore(store)
    accounts.set_disabled(user.id, disabled, _now(), actor)
    if disabled:
        revoked = accounts.delete_sessions_of(user.id)
        log.info("user %d disabled, %d session(s) revoked", user.id, revoked)
    return get_user(store, name)


def set_role(store: Store, name: str, role: Role, actor: str = "local") -> User:
    """Give an account another role; the last active admin cannot lose the role."""
    user = get_user(store, name)
    if user.role is Role.ADMIN and role is not Role.ADMIN:
        _keep_an_admin(store, user)
    AccountStore(store).set_role(user.id, str(role), _now(), actor)
    log.info("user %d role set to %s", user.id, role)
    return get_user(store, name)


def set_locale(
    store: Store, name: str, locale: str | None, known: Iterable[str], actor: str = "local"
) -> User:
    """Set the language of a user's interface; None returns it to the browser's choice."""
    if locale is not None and locale not in known:
        raise AccountError(f"unknown language {locale!r}; use one of: {', '.join(known)}")
    user = get_user(store, name)
    AccountStore(store).set_locale(user.id, locale, _now(), actor)
    log.info("user %d language set to %s", user.id, locale or "the browser's")
    return get_user(store, name)


def _keep_an_admin(store: Store, leaving: User) -> None:
    admins = [u for u in list_users(store) if u.role is Role.ADMIN and not u.disabled]
    if [u.id for u in admins] == [leaving.id]:
        raise AccountError("this is the last active admin: make another admin first")


def record_sign_in(store: Store, user: User, client: str, how: str) -> None:
    """The sign-in in the audit trail, and the user's last sign-in time."""
    AccountStore(store).record_sign_in(user.id, _now(), client, how)


def change_password(
    store: Store, settings: Settings, name: str, password: str, actor: str = "local"
) -> int:
    """Set a new password and revoke every session of that user; returns how many."""
    user = get_user(store, name)
    accounts = AccountStore(store)
    accounts.set_password(user.id, passwords.hash_password(settings, password), _now(), actor)
    revoked = accounts.delete_sessions_of(user.id)
    log.info("user %d password changed, %d session(s) revoked", user.id, revoked)
    return revoked


def authenticate(
    store: Store,
    settings: Settings,
    throttle: Throttle,
    name: str,
    password: str,
    client: str = "",
    code: str | None = None,
) -> User:
    """The user whose name and password these are; SignInFailed or Throttled otherwise.

    With `code` (sign-in), an account with a second factor also needs a current
    TOTP code or an unused recovery code; a wrong or replayed code is a failure
    like a wrong password. `code=None` checks the password only (re-entering it).

    Five failures in a minute for one name from one client address stop that
    address trying that name (`Throttled`); failures for one name from many
    addresses, or for many names from one address, slow further attempts down
    rather than lock the right password out (see `throttle`). The check runs
    through the password gate (at most `max_password_checks` Argon2 at once).
    The error never says whether the name exists.
    """
    attempt = throttle.begin(*sign_in_limits(name, client))
    accounts = AccountStore(store)
    try:
        with throttle.gate.slot():
            record = accounts.user_by_name(name) if NAME.fullmatch(name) else None
            ok = passwords.verify_password(
                settings, record.password_hash if record else None, password
            )
        if ok and record is not None and code is not None and record.totp_sealed is not None:
            ok = bool(second_factor_ok(store, record, code))
    except BaseException:
        attempt.cancel()
        raise
    if record is None or not ok or record.disabled:
        attempt.failed()
        accounts.record_failed_sign_in(record.id if record else None, client)
        log.info("sign-in failed (user %s)", record.id if record else "unknown")
        raise SignInFailed("wrong user name, password or code")
    attempt.succeeded()
    return _user(record)
