"""Throttling of failed sign-ins and unlocks, atomic under concurrent requests.

Each attempt names its keys, each with a limit of failures per sliding window
(a minute) and a kind:

- a **hard** key refuses (`Throttled`, 429) once its failures *plus the attempts
  still being checked* reach the limit. The count and the reservation happen
  under one lock, so 40 parallel guesses get 5 checks, not 40. Sign-in uses it
  for the pair (address, account), so five wrong passwords from one address
  stop that address guessing that account, and nobody else.
- a **soft** key never refuses outright: past its limit each attempt waits for
  its turn, spaced `spacing` apart (doubling with every further `limit` failures,
  up to `MAX_SPACING_S`); when the wait would pass `MAX_DELAY_S` it is refused.
  Sign-in uses soft keys for the account (guessing from many addresses) and for
  the address (spraying many accounts): the right password from another address
  still gets in, after a delay, instead of being locked out by an attacker.

Kept in memory by the one server process: the count must work before the
store is unlocked (personal mode), and a restart that forgets it costs an
attacker a restart of the server, which they cannot cause from outside.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from vigil.accounts.gate import PasswordGate
from vigil.errors import Throttled

LIMIT = 5
WINDOW_S = 60.0
SPACING_S = 1.0
MAX_SPACING_S = 8.0
MAX_DELAY_S = 15.0
MAX_KEYS = 10_000
MESSAGE = "too many failed attempts: wait a minute and try again"


class Kind(StrEnum):
    HARD = "hard"
    SOFT = "soft"


@dataclass(frozen=True)
class Limit:
    key: str
    limit: int = LIMIT
    kind: Kind = Kind.HARD


@dataclass
class _Key:
    failures: deque[float]
    in_flight: int = 0
    next_slot: float = 0.0


class Attempt:
    """One reserved attempt: say how it ended with `failed()` or `succeeded()`."""

    def __init__(self, throttle: Throttle, limits: tuple[Limit, ...], delay: float) -> None:
        self._throttle = throttle
        self._limits = limits
        self.delay = delay
        """Seconds this attempt was held back (soft keys past their limit)."""
        self._open = True

    def failed(self) -> None:
        self._end(failed=True)

    def succeeded(self) -> None:
        """A right answer: the hard keys' failures are forgotten, the soft ones' kept."""
        self._end(failed=False)

    def cancel(self) -> None:
        """Not checked after all (the server was busy): counts neither way."""
        self._end(failed=None)

    def _end(self, failed: bool | None) -> None:
        if self._open:
            self._open = False
            self._throttle._end(self._limits, failed)


class Throttle:
    """Failure counts per key in a sliding window, and the gate Argon2 checks pass through."""

    def __init__(
        self,
        window_s: float = WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        max_checks: int = 2,
    ) -> None:
        self.window_s = window_s
        self.gate = PasswordGate(max_checks)
        self._clock = clock
        self._sleep = sleep
        self._keys: dict[str, _Key] = {}
        self._lock = threading.Lock()

    def begin(self, *limits: Limit) -> Attempt:
        """Reserve an attempt under every limit at once, or raise `Throttled`.

        The reservation counts against hard keys until the attempt ends, so
        concurrent attempts cannot all pass the check before any failure is
        recorded. A soft key past its limit makes this call wait its turn."""
        with self._lock:
            now = self._clock()
            delay = 0.0
            for item in limits:
                state = self._state(item.key, now)
                count = len(state.failures) + state.in_flight
                if count < item.limit:
                    continue
                if item.kind is Kind.HARD:
                    raise Throttled(MESSAGE)
                wait = max(state.next_slot, now) + self._spacing(count, item.limit) - now
                delay = max(delay, wait)
            if delay > MAX_DELAY_S:
                raise Throttled(MESSAGE)
            for item in limits:
                state = self._state(item.key, now)
                state.in_flight += 1
                if len(state.failures) + state.in_flight > item.limit and item.kind is Kind.SOFT:
                    state.next_slot = now + delay
        if delay > 0:
            self._sleep(delay)
        return Attempt(self, limits, delay)

    def _spacing(self, count: int, limit: int) -> float:
        doublings = max(0, count - limit) // max(limit, 1)
        return min(MAX_SPACING_S, SPACING_S * 2.0**doublings)

    def _end(self, limits: tuple[Limit, ...], failed: bool | None) -> None:
        with self._lock:
            now = self._clock()
            for item in limits:
                state = self._state(item.key, now)
                state.in_flight = max(0, state.in_flight - 1)
                if failed:
                    state.failures.append(now)
                elif failed is False and item.kind is Kind.HARD:
                    state.failures.clear()

    def _state(self, key: str, now: float) -> _Key:
        state = self._keys.get(key)
        if state is None:
            if len(self._keys) >= MAX_KEYS:  # bound memory under a flood of distinct keys
                self._forget_idle(now)
            state = self._keys[key] = _Key(deque())
        while state.failures and now - state.failures[0] >= self.window_s:
            state.failures.popleft()
        return state

    def _forget_idle(self, now: float) -> None:
        for key in list(self._keys):
            state = self._keys[key]
            while state.failures and now - state.failures[0] >= self.window_s:
                state.failures.popleft()
            if not state.failures and not state.in_flight and state.next_slot <= now:
                del self._keys[key]
        if len(self._keys) >= MAX_KEYS:
            raise Throttled(MESSAGE)  # flooded with live keys: refuse rather than grow


def sign_in_limits(name: str, client: str) -> tuple[Limit, ...]:
    """Hard per (address, account); soft per account and per address."""
    account = name.casefold()
    return (
        Limit(f"pair:{client}|{account}"),
        Limit(f"user:{account}", kind=Kind.SOFT),
        Limit(f"client:{client}", limit=4 * LIMIT, kind=Kind.SOFT),
    )


def unlock_limits(client: str) -> tuple[Limit, ...]:
    """The store passphrase (personal mode): hard per address, never global."""
    return (Limit(f"unlock:{client}"),)
