"""Originals sealed by Vigil itself, for stores whose database does not encrypt.

On a PostgreSQL server the database, its dumps and its backups are in the
organisation's hands; the original files must still not be readable there.
Each original is sealed with AES-256-GCM:

    key    = HKDF-SHA256(data key, info=b"vigil originals v1")
    blob   = b"VGO1" || nonce (12 random bytes) || ciphertext || tag
    AAD    = b"vigil original:" || document id

The document id as associated data means a blob moved to another row no
longer opens. The data key itself never reaches the database.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from vigil.errors import CorruptStore

MAGIC = b"VGO1"
NONCE_BYTES = 12
INFO = b"vigil originals v1"


def originals_key(data_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(data_key)


def _aad(doc_id: int) -> bytes:
    return b"vigil original:" + str(doc_id).encode("ascii")


class Sealer:
    """Seals and opens original files under a key derived from the data key."""

    def __init__(self, data_key: bytes) -> None:
        self._aead = AESGCM(originals_key(data_key))

    def seal(self, doc_id: int, data: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return MAGIC + nonce + self._aead.encrypt(nonce, data, _aad(doc_id))

    def open(self, doc_id: int, blob: bytes) -> bytes:
        if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + NONCE_BYTES + 16:
            raise CorruptStore(
                f"the original of document {doc_id} is not a sealed blob; run `vigil verify`"
            )
        nonce = blob[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
        try:
            return self._aead.decrypt(nonce, blob[len(MAGIC) + NONCE_BYTES :], _aad(doc_id))
        except InvalidTag as exc:
            raise CorruptStore(
                f"the original of document {doc_id} fails its integrity check: it was changed,"
                " or this key file does not belong to this database; run `vigil verify`"
            ) from exc
