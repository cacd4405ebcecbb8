"""Password hashing with Argon2id (argon2-cffi), at the store's Argon2 cost settings."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from vigil.errors import WeakPassword
from vigil.settings import Settings

MIN_LENGTH = 10
MAX_LENGTH = 1024
"""Longer input is refused before hashing: no one types more, and it costs nothing to check."""
_DUMMY = "not a password anyone has"


def hasher(settings: Settings) -> PasswordHasher:
    return PasswordHasher(
        time_cost=settings.argon2_time_cost,
        memory_cost=settings.argon2_memory_kib,
        parallelism=settings.argon2_parallelism,
    )


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"choose a password of at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"choose a password of at most {MAX_LENGTH} characters")


def hash_password(settings: Settings, password: str) -> str:
    check_strength(password)
    return hasher(settings).hash(password)


def verify_password(settings: Settings, password_hash: str | None, password: str) -> bool:
    """True when `password` matches; with no hash, spends the same time and says no."""
    ph = hasher(settings)
    if len(password) > MAX_LENGTH:
        return False
    if password_hash is None:
        ph.hash(_DUMMY)  # the same cost as a real check, so timing tells no names apart
        return False
    try:
        return ph.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
