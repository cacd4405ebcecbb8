"""Sign-in bursts against a real server (uvicorn, its thread pool): the throttle holds.

Every request comes from 127.0.0.1, so a burst for one name is one (address,
account) pair: at most five of its guesses are checked, the rest get 429, and
the right password from that address is refused until the window passes. A
burst over many names never runs more Argon2 checks at once than the setting.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from vigil.accounts import Role, Throttle, add_user
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import cookies, create_app

from .conftest import PASSWORDS
from .live import running

_CSRF = re.compile(r'name="csrf" value="([^"]*)"')


def _form(base: str) -> tuple[str, str]:
    """A pre-session token and its CSRF value (the Secure cookie is sent by hand over http)."""
    page = httpx.get(base + "/sign-in")
    token = page.cookies[cookies.PRESESSION]
    found = _CSRF.search(page.text)
    assert found
    return token, found.group(1)


def _burst(base: str, names: list[str], password: str) -> list[int]:
    token, csrf = _form(base)

    def post(name: str) -> int:
        response = httpx.post(
            base + "/sign-in",
            data={"csrf": csrf, "name": name, "password": password},
            headers={"origin": base, "cookie": f"{cookies.PRESESSION}={token}"},
            timeout=60,
        )
        return response.status_code

    with ThreadPoolExecutor(len(names)) as pool:
        return list(pool.map(post, names))


def test_forty_parallel_wrong_passwords_get_five_checks(settings: Settings, store: Store) -> None:
    add_user(store, settings, "viewer", Role.VIEWER, PASSWORDS[Role.VIEWER])
    throttle = Throttle(max_checks=2)
    with running(create_app(settings, store, throttle=throttle)) as base:
        statuses = _burst(base, ["viewer"] * 40, "wrong password here")
        assert statuses.count(401) == 5, statuses
        assert statuses.count(429) == 35
        assert _burst(base, ["viewer"], PASSWORDS[Role.VIEWER]) == [429]
    assert throttle.gate.peak <= 2


@pytest.mark.slow  # the address's soft limit spaces the later guesses out: ~20 s
def test_a_burst_over_many_names_runs_at_most_n_checks_at_once(
    settings: Settings, store: Store
) -> None:
    add_user(store, settings, "viewer", Role.VIEWER, PASSWORDS[Role.VIEWER])
    throttle = Throttle(max_checks=2)
    with running(create_app(settings, store, throttle=throttle)) as base:
        statuses = _burst(base, [f"nobody{n}" for n in range(60)], "wrong password here")
        assert set(statuses) <= {401, 429}, statuses
        assert statuses.count(401) >= 20  # the address's soft limit slows, it does not stop
    assert 1 <= throttle.gate.peak <= 2
