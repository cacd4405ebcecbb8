"""The throttle and the password gate under concurrent attempts (threads, no store)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from vigil.accounts.gate import PasswordGate
from vigil.accounts.throttle import (
    MAX_DELAY_S,
    Kind,
    Limit,
    Throttle,
    sign_in_limits,
    unlock_limits,
)
from vigil.errors import Throttled


def _guess(throttle: Throttle, limits: tuple[Limit, ...], checks: list[int]) -> str:
    try:
        attempt = throttle.begin(*limits)
    except Throttled:
        return "throttled"
    time.sleep(0.05)  # a slow password check: the others arrive meanwhile
    checks.append(1)
    attempt.failed()
    return "checked"


def test_forty_parallel_guesses_get_five_checks() -> None:
    throttle = Throttle(sleep=lambda _s: None)
    checks: list[int] = []
    limits = sign_in_limits("amina", "10.0.0.1")
    with ThreadPoolExecutor(40) as pool:
        results = list(pool.map(lambda _n: _guess(throttle, limits, checks), range(40)))
    assert results.count("checked") == 5 == len(checks)
    assert results.count("throttled") == 35


def test_a_hard_key_counts_attempts_in_flight() -> None:
    throttle = Throttle()
    held = [throttle.begin(Limit("k")) for _ in range(5)]
    with pytest.raises(Throttled):
        throttle.begin(Limit("k"))
    held[0].cancel()  # not checked after all: the slot comes back
    throttle.begin(Limit("k")).succeeded()


def test_a_soft_key_delays_in_turn_then_refuses() -> None:
    slept: list[float] = []
    throttle = Throttle(clock=lambda: 100.0, sleep=slept.append)
    for _ in range(5):
        throttle.begin(Limit("u", kind=Kind.SOFT)).failed()
    delays = []
    for _ in range(40):
        try:
            attempt = throttle.begin(Limit("u", kind=Kind.SOFT))
        except Throttled:
            break
        delays.append(attempt.delay)
        attempt.failed()
    else:
        pytest.fail("a soft key never refused")
    assert delays[0] > 0 and delays == sorted(delays)
    assert max(delays) <= MAX_DELAY_S
    assert slept == delays


def test_unlock_is_throttled_per_address_not_globally() -> None:
    throttle = Throttle()
    for _ in range(5):
        throttle.begin(*unlock_limits("127.0.0.1")).failed()
    with pytest.raises(Throttled):
        throttle.begin(*unlock_limits("127.0.0.1"))
    throttle.begin(*unlock_limits("127.0.0.2")).succeeded()


def test_a_window_later_the_pair_may_try_again() -> None:
    now = [0.0]
    throttle = Throttle(clock=lambda: now[0], sleep=lambda _s: None)
    for _ in range(5):
        throttle.begin(*sign_in_limits("bo", "a")).failed()
    with pytest.raises(Throttled):
        throttle.begin(*sign_in_limits("bo", "a"))
    now[0] += 61
    throttle.begin(*sign_in_limits("bo", "a")).succeeded()


def test_the_gate_runs_at_most_n_checks_at_once() -> None:
    gate = PasswordGate(2, wait_s=30)
    running, peak, lock = [0], [0], threading.Lock()

    def check(_n: int) -> None:
        with gate.slot():
            with lock:
                running[0] += 1
                peak[0] = max(peak[0], running[0])
            time.sleep(0.02)
            with lock:
                running[0] -= 1

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(check, range(16)))
    assert peak[0] == 2 == gate.peak


def test_the_gate_refuses_when_too_many_wait() -> None:
    gate = PasswordGate(1, wait_s=5)
    release = threading.Event()
    outcomes: list[str] = []

    def check(_n: int) -> None:
        try:
            with gate.slot():
                release.wait(5)
            outcomes.append("ran")
        except Throttled:
            outcomes.append("busy")

    with ThreadPoolExecutor(20) as pool:
        futures = [pool.submit(check, n) for n in range(20)]
        time.sleep(0.3)
        release.set()
        for future in futures:
            future.result()
    assert outcomes.count("busy") >= 20 - 1 - 8  # one runs, eight may wait
    assert outcomes.count("ran") >= 1


def test_the_gate_gives_up_after_its_wait() -> None:
    gate = PasswordGate(1, wait_s=0.05)
    with gate.slot(), pytest.raises(Throttled), gate.slot():
        pass
