"""Small account secrets (TOTP seeds) sealed with a key derived from the data key.

On PostgreSQL the database is not encrypted; a dump must not hand out the
seeds that make second-factor codes. Each seed is sealed with AES-256-GCM:

    key  = HKDF-SHA256(data key, info=b"vigil account secrets v1")
    blob = "v1:" || base64(nonce || ciphertext || tag),  AAD = b"vigil secret:" || purpose || id

The key rides on the engine (bound with the audit key when the store opens). A
plain store (tests) uses a fixed key and protects nothing.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Connection, Engine

from vigil.errors import CorruptStore

OPTION = "vigil_secrets_key"
INFO = b"vigil account secrets v1"
PLAIN_KEY = b"vigil account secrets: plain st."


def bind(engine: Engine, data_key: bytes | None) -> None:
    key = (
        PLAIN_KEY
        if data_key is None
        else HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(data_key)
    )
    engine.update_execution_options(**{OPTION: key})


def _aead(conn: Connection) -> AESGCM:
    key = conn.get_execution_options().get(OPTION)
    return AESGCM(key if isinstance(key, bytes) else PLAIN_KEY)


def _aad(purpose: str, record_id: int) -> bytes:
    return f"vigil secret:{purpose}:{record_id}".encode()


def seal(conn: Connection, purpose: str, record_id: int, secret: str) -> str:
    nonce = os.urandom(12)
    sealed = _aead(conn).encrypt(nonce, secret.encode(), _aad(purpose, record_id))
    return "v1:" + base64.b64encode(nonce + sealed).decode()


def open_sealed(conn: Connection, purpose: str, record_id: int, blob: str) -> str:
    try:
        raw = base64.b64decode(blob.removeprefix("v1:"), validate=True)
        return _aead(conn).decrypt(raw[:12], raw[12:], _aad(purpose, record_id)).decode()
    except (ValueError, InvalidTag) as exc:
        raise CorruptStore(
            f"a sealed secret of record {record_id} fails its check; run `vigil verify`"
        ) from exc
