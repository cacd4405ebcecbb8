"""Roles: a viewer reads, an editor also changes, an admin also manages users."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def allows(self, needed: Role) -> bool:
        """True when this role may do what `needed` may (roles are nested)."""
        return self.rank >= needed.rank


_RANKS = {Role.VIEWER: 1, Role.EDITOR: 2, Role.ADMIN: 3}
