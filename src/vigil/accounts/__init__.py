"""User accounts, roles, password hashing, server-side sessions and throttling.

Service functions the CLI (`vigil user ...`) and the web app both call; the
SQL behind them is in `vigil.store.accounts`.
"""

from vigil.accounts.roles import Role
from vigil.accounts.sessions import (
    NewSession,
    Session,
    SessionPolicy,
    end_session,
    purge_stale,
    resume_session,
    start_session,
)
from vigil.accounts.throttle import Throttle
from vigil.accounts.users import (
    User,
    add_user,
    authenticate,
    change_password,
    get_user,
    has_accounts,
    list_users,
    record_sign_in,
    set_disabled,
    set_locale,
    set_role,
)

__all__ = [
    "NewSession",
    "Role",
    "Session",
    "SessionPolicy",
    "Throttle",
    "User",
    "add_user",
    "authenticate",
    "change_password",
    "end_session",
    "get_user",
    "has_accounts",
    "list_users",
    "purge_stale",
    "record_sign_in",
    "resume_session",
    "set_disabled",
    "set_locale",
    "set_role",
    "start_session",
]
