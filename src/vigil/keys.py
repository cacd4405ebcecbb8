"""The key file: one random data key, wrapped by the passphrase and by a recovery code.

Key file (JSON, versioned)::

    {"version": 2,
     "kdf": {"name": "argon2id", "salt": b64, "memory_kib": m, "time_cost": t, "parallelism": p},
     "wraps": {"passphrase": {"nonce": b64, "ciphertext": b64},
               "recovery":   {"nonce": b64, "ciphertext": b64, "salt": b64}},
     "check": {"kdf": sha256, "passphrase": sha256, "recovery": sha256, "mac": b64}}

The data key (256 bits) keys the SQLCipher database and the AES-GCM layer of
originals and archives. The passphrase wrap uses Argon2id then AES-GCM; the
recovery code is itself 160 random bits, so its wrap uses HKDF-SHA256 then
AES-GCM. Each wrap binds its slot name as associated data.

Every slot is checked (version 2): `check` holds a SHA-256 of each slot, read
before any key derivation, so a flipped byte anywhere is reported as a damaged
key file naming the slot (`KeyFileDamaged`), never as a wrong passphrase; and
an HMAC-SHA256 over the whole file under a key derived from the data key,
checked once a slot opens, so no one without the data key can change any part
unnoticed. Version 1 files (no `check`) still open and are written as version
2 on their next change (passphrase change, recovery).

Re-wrapping (passphrase change, recovery) writes a new file beside the old,
fsyncs it, and renames it over the old one: at every instant the file on disk
is whole and is opened by either the old or the new secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
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

from vigil.errors import KeyFileDamaged, KeyFileInvalid, WrongPassphrase
from vigil.settings import (
    MAX_ARGON2_MEMORY_KIB,
    MAX_ARGON2_PARALLELISM,
    MAX_ARGON2_TIME_COST,
    Settings,
    check_kdf_costs,
)

VERSION = 2
VERSIONS = (1, 2)
"""Versions this code opens; it writes `VERSION`."""
WRAP_AAD_VERSION = 1
"""The version in each wrap's associated data: unchanged since version 1, so old wraps open."""
SLOTS = ("kdf", "passphrase", "recovery")
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
        """New parameters for a new wrap; costs below the floor are refused here."""
        check_kdf_costs(settings)
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


def _aad(slot: str) -> bytes:
    return f"vigil-key-v{WRAP_AAD_VERSION}:{slot}".encode()


def _wrap(key: bytes, data_key: bytes, slot: str) -> dict[str, str]:
    nonce = os.urandom(12)
    ciphertext = AESGCM(key).encrypt(nonce, data_key, _aad(slot))
    return {"nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}


def _unwrap(key: bytes, wrap: dict[str, str], slot: str) -> bytes:
    try:
        return AESGCM(key).decrypt(
            _unb64(wrap["nonce"]),
            _unb64(wrap["ciphertext"]),
            _aad(slot),
        )
    except InvalidTag as exc:
        raise WrongPassphrase(
            "that passphrase does not open this store"
            if slot == "passphrase"
            else "that recovery code does not open this store"
        ) from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise KeyFileDamaged(
            f"the key file's {slot} slot is damaged: restore vigil.key from a backup"
        ) from exc


def _document(
    data_key: bytes, passphrase: str, recovery_code: str, kdf: KdfParams
) -> dict[str, Any]:
    recovery_salt = os.urandom(16)
    recovery = _wrap(_recovery_key(recovery_code, recovery_salt), data_key, "recovery")
    recovery["salt"] = _b64(recovery_salt)
    doc = {
        "version": VERSION,
        "kdf": _kdf_doc(kdf),
        "wraps": {
            "passphrase": _wrap(derive_passphrase_key(passphrase, kdf), data_key, "passphrase"),
            "recovery": recovery,
        },
    }
    return _sealed(doc, data_key)


def _kdf_doc(kdf: KdfParams) -> dict[str, Any]:
    return {
        "name": "argon2id",
        "salt": _b64(kdf.salt),
        "memory_kib": kdf.memory_kib,
        "time_cost": kdf.time_cost,
        "parallelism": kdf.parallelism,
    }


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


def _slot(doc: dict[str, Any], slot: str) -> Any:
    if slot == "kdf":
        return doc.get("kdf")
    wraps = doc.get("wraps")
    return wraps.get(slot) if isinstance(wraps, dict) else None


def _slot_sum(doc: dict[str, Any], slot: str) -> str:
    return hashlib.sha256(_canonical([slot, _slot(doc, slot)])).hexdigest()


def _mac(doc: dict[str, Any], data_key: bytes) -> str:
    mac_key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"vigil key file mac v2"
    ).derive(data_key)
    # The MAC covers the slots through their checksums: a damaged recovery slot
    # then fails only its own checksum, and the passphrase still opens the file.
    body = {"version": doc["version"], "sums": {slot: doc["check"].get(slot) for slot in SLOTS}}
    return _b64(hmac.new(mac_key, _canonical(body), hashlib.sha256).digest())


def _sealed(doc: dict[str, Any], data_key: bytes) -> dict[str, Any]:
    """`doc` as the current version, with each slot's checksum and the whole file's MAC."""
    doc = {k: v for k, v in doc.items() if k != "check"}
    doc["version"] = VERSION
    doc["check"] = {slot: _slot_sum(doc, slot) for slot in SLOTS}
    doc["check"]["mac"] = _mac(doc, data_key)
    return doc


def damaged_slots(doc: dict[str, Any]) -> list[str]:
    """The slots of a key file whose checksum fails (none for a version 1 file)."""
    check = doc.get("check")
    if doc.get("version") == 1:
        return []
    if not isinstance(check, dict):
        return ["check"]
    return [slot for slot in SLOTS if check.get(slot) != _slot_sum(doc, slot)]


def _damaged(path: Path, slots: list[str]) -> KeyFileDamaged:
    return KeyFileDamaged(
        f"the key file {path} is damaged ({', '.join(slots)}): this is not a wrong passphrase;"
        " restore vigil.key from a backup (any backup of this store holds it)"
    )


def _require_slots(path: Path, doc: dict[str, Any], needed: tuple[str, ...]) -> None:
    """Refuse to derive a key from a slot whose checksum fails."""
    bad = damaged_slots(doc)
    if "check" in bad or any(slot in bad for slot in needed):
        raise _damaged(path, bad)


def _check_mac(path: Path, doc: dict[str, Any], data_key: bytes) -> None:
    if doc.get("version") == 1:
        return
    if not hmac.compare_digest(str(doc["check"].get("mac", "")), _mac(doc, data_key)):
        raise _damaged(path, ["the file's MAC"])


def check_key_file(path: Path) -> list[str]:
    """Problems of the key file that need no secret to see: damaged slots, bad values.

    For `vigil verify`; an empty list when the file is whole.
    """
    try:
        doc = _read(path)
        _kdf_of(path, doc)
    except (KeyFileInvalid, KeyFileDamaged) as exc:
        return [str(exc)]
    bad = damaged_slots(doc)
    return [str(_damaged(path, bad))] if bad else []


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
    except OSError as exc:
        raise KeyFileInvalid(f"the key file {path} cannot be read: check its permissions") from exc
    except ValueError as exc:
        raise KeyFileDamaged(
            f"the key file {path} is damaged (not valid JSON): restore vigil.key from a backup"
        ) from exc
    if not isinstance(doc, dict):
        raise KeyFileDamaged(f"the key file {path} is damaged: restore vigil.key from a backup")
    if doc.get("version") not in VERSIONS:
        raise KeyFileInvalid(
            f"the key file {path} has an unknown version: it was written by a newer Vigil,"
            " or is damaged"
        )
    return doc


def _kdf_of(path: Path, doc: dict[str, Any]) -> KdfParams:
    try:
        k = doc["kdf"]
        kdf = KdfParams(
            _unb64(k["salt"]), int(k["memory_kib"]), int(k["time_cost"]), int(k["parallelism"])
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _damaged(path, ["kdf"]) from exc
    if not (
        8 <= kdf.memory_kib <= MAX_ARGON2_MEMORY_KIB
        and 1 <= kdf.time_cost <= MAX_ARGON2_TIME_COST
        and 1 <= kdf.parallelism <= MAX_ARGON2_PARALLELISM
        and len(kdf.salt) >= 8
    ):
        raise KeyFileDamaged(
            f"the key file {path} asks for key-derivation costs out of range"
            f" (memory_kib {kdf.memory_kib}, time_cost {kdf.time_cost},"
            f" parallelism {kdf.parallelism}): it is damaged or was tampered with;"
            " restore vigil.key from a backup"
        )
    return kdf


def _wrap_of(path: Path, doc: dict[str, Any], slot: str) -> dict[str, str]:
    wrap = _slot(doc, slot)
    fields = ("nonce", "ciphertext")
    if not isinstance(wrap, dict) or not all(isinstance(wrap.get(k), str) for k in fields):
        raise _damaged(path, [slot])
    try:
        _unb64(wrap["nonce"]), _unb64(wrap["ciphertext"])
    except ValueError as exc:
        raise _damaged(path, [slot]) from exc
    return wrap


def create_key_file(path: Path, passphrase: str, settings: Settings) -> NewKey:
    """Make a fresh data key, wrap it twice, write the key file (never over an old one)."""
    if path.exists():
        raise KeyFileInvalid(f"a key file already exists at {path}")
    check_kdf_costs(settings)
    data_key = os.urandom(DATA_KEY_BYTES)
    code = new_recovery_code()
    doc = _document(data_key, passphrase, code, KdfParams.fresh(settings))
    write_atomically(path, json.dumps(doc, indent=1).encode())
    return NewKey(data_key=data_key, recovery_code=code)


def unlock(path: Path, passphrase: str) -> bytes:
    """The data key; WrongPassphrase, or KeyFileDamaged naming the slot. Changes no file."""
    doc = _read(path)
    _require_slots(path, doc, ("kdf", "passphrase"))
    kdf = _kdf_of(path, doc)
    wrap = _wrap_of(path, doc, "passphrase")
    data_key = _unwrap(derive_passphrase_key(passphrase, kdf), wrap, "passphrase")
    _check_mac(path, doc, data_key)
    return data_key


def unlock_with_recovery(path: Path, code: str) -> bytes:
    doc = _read(path)
    _require_slots(path, doc, ("recovery",))
    wrap = _wrap_of(path, doc, "recovery")
    try:
        salt = _unb64(str(wrap["salt"]))
    except (KeyError, ValueError) as exc:
        raise _damaged(path, ["recovery"]) from exc
    data_key = _unwrap(_recovery_key(code, salt), wrap, "recovery")
    _check_mac(path, doc, data_key)
    return data_key


def _replace_passphrase_wrap(path: Path, data_key: bytes, new: str, settings: Settings) -> None:
    """Re-wrap the data key under a new passphrase; the recovery wrap is kept as is."""
    doc = _read(path)
    kdf = KdfParams.fresh(settings)
    doc["kdf"] = _kdf_doc(kdf)
    doc["wraps"]["passphrase"] = _wrap(derive_passphrase_key(new, kdf), data_key, "passphrase")
    write_atomically(path, json.dumps(_sealed(doc, data_key), indent=1).encode())


def change_passphrase(path: Path, old: str, new: str, settings: Settings) -> None:
    """Old passphrase -> new passphrase; the recovery code stays valid.

    The recovery slot is kept as it is, so it must be whole: a damaged recovery slot
    is reported rather than sealed into the new file's checksums.
    """
    check_kdf_costs(settings)
    _require_slots(path, _read(path), SLOTS)
    _replace_passphrase_wrap(path, unlock(path, old), new, settings)


def recover(path: Path, code: str, new: str, settings: Settings) -> str:
    """Recovery code -> new passphrase and a new recovery code (returned, shown once).

    A used recovery code has been typed somewhere, so it is replaced.
    """
    check_kdf_costs(settings)
    data_key = unlock_with_recovery(path, code)
    new_code = new_recovery_code()
    doc = _document(data_key, new, new_code, KdfParams.fresh(settings))
    write_atomically(path, json.dumps(doc, indent=1).encode())
    return new_code
