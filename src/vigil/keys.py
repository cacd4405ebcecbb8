"""The key file: one random data key, wrapped by the passphrase and by a recovery code.

Key file (JSON, versioned)::

    {"version": 1,
     "kdf": {"name": "argon2id", "salt": b64, "memory_kib": m, "time_cost": t, "parallelism": p},
     "wraps": {"passphrase": {"nonce": b64, "ciphertext": b64},
               "recovery":   {"nonce": b64, "ciphertext": b64, "salt": b64}}}

The data key (256 bits) keys the SQLCipher database and the AES-GCM layer of
originals and archives. The passphrase wrap uses Argon2id then AES-GCM; the
recovery code is itself 160 random bits, so its wrap uses HKDF-SHA256 then
AES-GCM. Each wrap binds its slot name as associated data.

Re-wrapping (passphrase change, recovery) writes a new file beside the old,
fsyncs it, and renames it over the old one: at every instant the file on disk
is whole and is opened by either the old or the new secret.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from vigil.errors import KeyFileInvalid, WrongPassphrase
from vigil.settings import Settings

VERSION = 1
DATA_KEY_BYTES = 32
RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    memory_kib: int
    time_cost: int
    parallelism: int

    @classmethod
    def fresh(cls, settings: Settings) -> KdfParams:
        return cls(
            salt=os.urandom(16),
            memory_kib=settings.argon2_memory_kib,
            time_cost=settings.argon2_time_cost,
            parallelism=settings.argon2_parallelism,
        )


@dataclass(frozen=True)
class NewKey:
    """What `create_key_file` returns: the data key and the one-time recovery code."""

    data_key: bytes
    recovery_code: str


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _normalise_passphrase(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_passphrase_key(passphrase: str, kdf: KdfParams) -> bytes:
    """Argon2id of the passphrase (NFC-normalised) under the file's salt and costs."""
    return hash_secret_raw(
        secret=_normalise_passphrase(passphrase),
        salt=kdf.salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def new_recovery_code() -> str:
    """160 random bits as 32 characters in groups of four (easy to copy by hand)."""
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(32))
    return "-".join(chars[i : i + 4] for i in range(0, 32, 4))


def _recovery_key(code: str, salt: bytes) -> bytes:
    cleaned = "".join(c for c in code.upper() if c.isalnum())
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"vigil recovery v1").derive(
        cleaned.encode("ascii", "ignore")
    )


def _wrap(key: bytes, data_key: bytes, slot: str) -> dict[str, str]:
    nonce = os.urandom(12)
    ciphertext = AESGCM(key).encrypt(nonce, data_key, f"vigil-key-v{VERSION}:{slot}".encode())
    return {"nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}


def _unwrap(key: bytes, wrap: dict[str, str], slot: str) -> bytes:
    try:
        return AESGCM(key).decrypt(
            _unb64(wrap["nonce"]),
            _unb64(wrap["ciphertext"]),
            f"vigil-key-v{VERSION}:{slot}".encode(),
        )
    except InvalidTag as exc:
        raise WrongPassphrase(
            "that passphrase does not open this store"
            if slot == "passphrase"
            else "that recovery code does not open this store"
        ) from exc


def _document(
    data_key: bytes, passphrase: str, recovery_code: str, kdf: KdfParams
) -> dict[str, Any]:
    recovery_salt = os.urandom(16)
    recovery = _wrap(_recovery_key(recovery_code, recovery_salt), data_key, "recovery")
    recovery["salt"] = _b64(recovery_salt)
    return {
        "version": VERSION,
        "kdf": {
            "name": "argon2id",
            "salt": _b64(kdf.salt),
            "memory_kib": kdf.memory_kib,
            "time_cost": kdf.time_cost,
            "parallelism": kdf.parallelism,
        },
        "wraps": {
            "passphrase": _wrap(derive_passphrase_key(passphrase, kdf), data_key, "passphrase"),
            "recovery": recovery,
        },
    }


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new file."""
    tmp = path.with_name(path.name + ".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _read(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_bytes())
    except FileNotFoundError as exc:
        raise KeyFileInvalid(f"no key file at {path}: run `vigil init` first") from exc
    except (OSError, ValueError) as exc:
        raise KeyFileInvalid(f"the key file {path} is unreadable or damaged") from exc
    if not isinstance(doc, dict) or doc.get("version") != VERSION:
        raise KeyFileInvalid(f"the key file {path} has an unknown version")
    return doc


def _kdf_of(doc: dict[str, Any]) -> KdfParams:
    try:
        k = doc["kdf"]
        return KdfParams(
            _unb64(k["salt"]), int(k["memory_kib"]), int(k["time_cost"]), int(k["parallelism"])
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise KeyFileInvalid("the key file's KDF parameters are damaged") from exc


def create_key_file(path: Path, passphrase: str, settings: Settings) -> NewKey:
    """Make a fresh data key, wrap it twice, write the key file (never over an old one)."""
    if path.exists():
        raise KeyFileInvalid(f"a key file already exists at {path}")
    data_key = os.urandom(DATA_KEY_BYTES)
    code = new_recovery_code()
    doc = _document(data_key, passphrase, code, KdfParams.fresh(settings))
    write_atomically(path, json.dumps(doc, indent=1).encode())
    return NewKey(data_key=data_key, recovery_code=code)


def unlock(path: Path, passphrase: str) -> bytes:
    """The data key, or WrongPassphrase. Reads only; changes no file."""
    doc = _read(path)
    key = derive_passphrase_key(passphrase, _kdf_of(doc))
    return _unwrap(key, doc["wraps"]["passphrase"], "passphrase")


def unlock_with_recovery(path: Path, code: str) -> bytes:
    doc = _read(path)
    wrap = doc["wraps"]["recovery"]
    return _unwrap(_recovery_key(code, _unb64(wrap["salt"])), wrap, "recovery")


def _replace_passphrase_wrap(path: Path, data_key: bytes, new: str, settings: Settings) -> None:
    """Re-wrap the data key under a new passphrase; the recovery wrap is kept as is."""
    doc = _read(path)
    kdf = KdfParams.fresh(settings)
    doc["kdf"] = {
        "name": "argon2id",
        "salt": _b64(kdf.salt),
        "memory_kib": kdf.memory_kib,
        "time_cost": kdf.time_cost,
        "parallelism": kdf.parallelism,
    }
    doc["wraps"]["passphrase"] = _wrap(derive_passphrase_key(new, kdf), data_key, "passphrase")
    write_atomically(path, json.dumps(doc, indent=1).encode())


def change_passphrase(path: Path, old: str, new: str, settings: Settings) -> None:
    """Old passphrase -> new passphrase; the recovery code stays valid."""
    _replace_passphrase_wrap(path, unlock(path, old), new, settings)


def recover(path: Path, code: str, new: str, settings: Settings) -> str:
    """Recovery code -> new passphrase and a new recovery code (returned, shown once).

    A used recovery code has been typed somewhere, so it is replaced.
    """
    data_key = unlock_with_recovery(path, code)
    new_code = new_recovery_code()
    doc = _document(data_key, new, new_code, KdfParams.fresh(settings))
    write_atomically(path, json.dumps(doc, indent=1).encode())
    return new_code
