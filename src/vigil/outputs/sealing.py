"""How an output leaves the machine: sealed with age (a passphrase or a recipient) unless
plaintext is asked for, and written privately (mode 0600, beside then renamed).

The full export (`archive.py`) and the open exports (`spreadsheet.py`, `ftm.py`) share it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pyrage

from vigil.errors import ArchiveError

AGE_MAGIC = b"age-encryption.org/v1"


@dataclass(frozen=True)
class Protection:
    """How an export is sealed: exactly one of passphrase, recipient, plaintext."""

    passphrase: str | None = None
    recipient: str | None = None
    plaintext: bool = False

    def check(self) -> None:
        chosen = sum([bool(self.passphrase), bool(self.recipient), self.plaintext])
        if chosen != 1:
            raise ArchiveError(
                "choose one protection: a passphrase, an age recipient (--recipient), "
                "or --plaintext"
            )


def seal(payload: bytes, protection: Protection) -> bytes:
    """`payload` encrypted as `protection` says (unchanged when plaintext)."""
    protection.check()
    if protection.passphrase:
        return bytes(pyrage.passphrase.encrypt(payload, protection.passphrase))
    if protection.recipient:
        try:
            recipient = pyrage.x25519.Recipient.from_str(protection.recipient)
        except Exception as exc:  # pyrage raises its own untyped errors
            raise ArchiveError("that is not an age recipient (age1...)") from exc
        return bytes(pyrage.encrypt(payload, [recipient]))
    return payload


def unseal(data: bytes, passphrase: str | None = None, identity: str | None = None) -> bytes:
    """The payload of a sealed file (plaintext files come back as they are)."""
    if not data.startswith(AGE_MAGIC):
        return data
    try:
        if identity:
            return bytes(pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(identity)]))
        if passphrase:
            return bytes(pyrage.passphrase.decrypt(data, passphrase))
    except Exception as exc:  # pyrage raises its own untyped errors
        raise ArchiveError("the export cannot be decrypted with that secret") from exc
    raise ArchiveError("the export is encrypted: give its passphrase or an age identity")


def write_private(target: Path, payload: bytes, *, replace: bool = False) -> None:
    """Write `payload` readable by its owner only; refuse to overwrite unless `replace`."""
    if target.exists() and not replace:
        raise ArchiveError(f"{target} exists; choose a new file name")
    if not target.parent.is_dir():
        raise ArchiveError(f"{target.parent} is not a folder; create it first")
    tmp = target.with_name(target.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(payload)
    os.replace(tmp, target)
