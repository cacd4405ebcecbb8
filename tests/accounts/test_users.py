from __future__ import annotations

import pytest

from vigil.accounts import (
    Role,
    Throttle,
    add_user,
    authenticate,
    change_password,
    get_user,
    has_accounts,
    list_users,
    set_disabled,
    set_locale,
    start_session,
)
from vigil.accounts.sessions import SessionPolicy, resume_session
from vigil.errors import (
    AccountError,
    SignInFailed,
    Throttled,
    UnknownUser,
    UserExists,
    WeakPassword,
)
from vigil.settings import Settings
from vigil.store import Store
from vigil.store.account_tables import users

PASSWORD = "a long enough password"


def test_first_account_turns_on_sign_in(store: Store, settings: Settings) -> None:
    assert not has_accounts(store)
    user = add_user(store, settings, "amina", Role.ADMIN, PASSWORD)
    assert has_accounts(store)
    assert (user.name, user.role, user.disabled) == ("amina", Role.ADMIN, False)
    assert [u.name for u in list_users(store)] == ["amina"]


def test_password_is_stored_as_argon2id_hash_only(store: Store, settings: Settings) -> None:
    add_user(store, settings, "amina", Role.VIEWER, PASSWORD)
    with store.engine.connect() as conn:
        stored = conn.execute(users.select()).mappings().one()["password_hash"]
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_duplicate_name_and_weak_password_and_bad_name_are_refused(
    store: Store, settings: Settings
) -> None:
    add_user(store, settings, "amina", Role.VIEWER, PASSWORD)
    with pytest.raises(UserExists):
        add_user(store, settings, "amina", Role.EDITOR, PASSWORD)
    with pytest.raises(WeakPassword):
        add_user(store, settings, "bo", Role.EDITOR, "short")
    with pytest.raises(AccountError):
        add_user(store, settings, "<script>", Role.EDITOR, PASSWORD)
    assert [u.name for u in list_users(store)] == ["amina"]


def test_authenticate_right_wrong_unknown_and_disabled(store: Store, settings: Settings) -> None:
    add_user(store, settings, "amina", Role.EDITOR, PASSWORD)
    throttle = Throttle()
    assert authenticate(store, settings, throttle, "amina", PASSWORD).role is Role.EDITOR
    with pytest.raises(SignInFailed):
        authenticate(store, settings, throttle, "amina", "wrong password!")
    with pytest.raises(SignInFailed):
        authenticate(store, settings, throttle, "nobody", PASSWORD)
    set_disabled(store, "amina")
    with pytest.raises(SignInFailed):
        authenticate(store, settings, throttle, "amina", PASSWORD)
    with pytest.raises(UnknownUser):
        set_disabled(store, "nobody")


def test_five_failures_stop_that_address_not_the_right_password_elsewhere(
    store: Store, settings: Settings
) -> None:
    add_user(store, settings, "amina", Role.EDITOR, PASSWORD)
    now, slept = [1000.0], []
    throttle = Throttle(clock=lambda: now[0], sleep=slept.append)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            authenticate(store, settings, throttle, "amina", "wrong password!", "10.0.0.1")
    with pytest.raises(Throttled):  # that address may not try that name again for a while
        authenticate(store, settings, throttle, "amina", PASSWORD, "10.0.0.1")
    # from another address the right password gets in, after a delay, not a lockout
    assert authenticate(store, settings, throttle, "amina", PASSWORD, "10.0.0.2").name == "amina"
    assert slept and 0 < slept[-1] <= 15
    now[0] += 61
    assert authenticate(store, settings, throttle, "amina", PASSWORD, "10.0.0.1").name == "amina"


def test_failures_for_one_user_do_not_lock_out_others_at_that_address(
    store: Store, settings: Settings
) -> None:
    add_user(store, settings, "amina", Role.EDITOR, PASSWORD)
    add_user(store, settings, "bo", Role.EDITOR, PASSWORD)
    throttle = Throttle(sleep=lambda _s: None)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            authenticate(store, settings, throttle, "amina", "wrong password!", "10.0.0.1")
    assert authenticate(store, settings, throttle, "bo", PASSWORD, "10.0.0.1").name == "bo"


def test_password_change_and_disable_revoke_sessions(store: Store, settings: Settings) -> None:
    amina = add_user(store, settings, "amina", Role.EDITOR, PASSWORD)
    first, second = start_session(store, amina), start_session(store, amina)
    policy = SessionPolicy()
    assert change_password(store, settings, "amina", "another long password") == 2
    assert resume_session(store, first.token, policy) is None
    assert resume_session(store, second.token, policy) is None
    third = start_session(store, amina)
    set_disabled(store, "amina")
    assert resume_session(store, third.token, policy) is None
    set_disabled(store, "amina", disabled=False)
    authenticate(store, settings, Throttle(), "amina", "another long password")


def test_language_of_the_interface_is_kept_per_user(store: Store, settings: Settings) -> None:
    add_user(store, settings, "amina", Role.EDITOR, PASSWORD)
    add_user(store, settings, "bruno", Role.VIEWER, PASSWORD)
    assert get_user(store, "amina").locale is None  # follows the browser until chosen
    assert set_locale(store, "amina", "fr", ("en", "fr")).locale == "fr"
    assert (get_user(store, "amina").locale, get_user(store, "bruno").locale) == ("fr", None)
    session = start_session(store, get_user(store, "amina"))
    resumed = resume_session(store, session.token, SessionPolicy())
    assert resumed is not None and resumed.user is not None and resumed.user.locale == "fr"
    assert set_locale(store, "amina", None, ("en", "fr")).locale is None
    with pytest.raises(AccountError, match="unknown language 'de'"):
        set_locale(store, "amina", "de", ("en", "fr"))
    with pytest.raises(UnknownUser):
        set_locale(store, "nobody", "fr", ("en", "fr"))
