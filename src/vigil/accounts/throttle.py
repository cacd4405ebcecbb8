"""Throttling of failed sign-ins and unlocks: five failures in a minute, then wait.

Kept in memory by the one server process: the count must work before the
store is unlocked (personal mode), and a restart that forgets it costs an
attacker a restart of the server, which they cannot cause from outside.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from vigil.errors import Throttled

LIMIT = 5
WINDOW_S = 60.0


class Throttle:
    """Counts failures per key (a user name, a client address) in a sliding window."""

    def __init__(
        self,
        limit: int = LIMIT,
        window_s: float = WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, *keys: str) -> None:
        """Raise Throttled when any key has reached the limit within the window."""
        with self._lock:
            now = self._clock()
            for key in keys:
                if len(self._recent(key, now)) >= self.limit:
                    raise Throttled("too many failed attempts: wait a minute and try again")

    def fail(self, *keys: str) -> None:
        with self._lock:
            now = self._clock()
            for key in keys:
                self._recent(key, now).append(now)

    def clear(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] >= self.window_s:
            times.popleft()
        if len(self._failures) > 10_000:  # bound memory under a flood of distinct keys
            for stale in [k for k, v in self._failures.items() if not v and k != key]:
                del self._failures[stale]
        return times
