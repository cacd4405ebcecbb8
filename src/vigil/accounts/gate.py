"""The password gate: at most N Argon2 computations at once, the rest wait or are refused.

Each Argon2 check holds `argon2_memory_kib` of memory for about half a second;
unbounded, a burst of anonymous sign-ins spends the server's memory. Every
password and passphrase check (sign-in, re-authentication, unlock) runs inside
`gate.slot()`: a bounded semaphore, a short wait, and a cap on how many may
wait; past either, `Throttled` (429).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from vigil.errors import Throttled

WAIT_S = 10.0
WAITERS_PER_SLOT = 8
BUSY = "the server is busy checking other sign-ins: try again in a moment"


class PasswordGate:
    def __init__(self, max_checks: int, wait_s: float = WAIT_S) -> None:
        if max_checks < 1:
            raise ValueError("max_checks must be at least 1")
        self.max_checks = max_checks
        self.wait_s = wait_s
        self._slots = threading.BoundedSemaphore(max_checks)
        self._lock = threading.Lock()
        self._waiting = 0
        self._running = 0
        self.peak = 0
        """The most checks that ever ran at once (for operators and tests)."""

    @contextmanager
    def slot(self) -> Iterator[None]:
        with self._lock:
            if self._waiting >= self.max_checks * WAITERS_PER_SLOT:
                raise Throttled(BUSY)
            self._waiting += 1
        try:
            acquired = self._slots.acquire(timeout=self.wait_s)
        finally:
            with self._lock:
                self._waiting -= 1
        if not acquired:
            raise Throttled(BUSY)
        with self._lock:
            self._running += 1
            self.peak = max(self.peak, self._running)
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
            self._slots.release()
