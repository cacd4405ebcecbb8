from __future__ import annotations

import os

import pytest

from vigil.errors import CorruptStore
from vigil.store.sealing import MAGIC, Sealer, originals_key


def test_sealed_original_opens_only_for_its_document() -> None:
    sealer = Sealer(os.urandom(32))
    blob = sealer.seal(7, b"original bytes")
    assert blob.startswith(MAGIC)
    assert b"original bytes" not in blob
    assert sealer.open(7, blob) == b"original bytes"
    with pytest.raises(CorruptStore):
        sealer.open(8, blob)


def test_each_seal_uses_a_fresh_nonce() -> None:
    sealer = Sealer(os.urandom(32))
    assert sealer.seal(1, b"same") != sealer.seal(1, b"same")


def test_a_flipped_bit_or_another_key_does_not_open() -> None:
    key = os.urandom(32)
    blob = bytearray(Sealer(key).seal(1, b"evidence"))
    with pytest.raises(CorruptStore):
        Sealer(os.urandom(32)).open(1, bytes(blob))
    blob[-1] ^= 1
    with pytest.raises(CorruptStore):
        Sealer(key).open(1, bytes(blob))
    with pytest.raises(CorruptStore, match="not a sealed blob"):
        Sealer(key).open(1, b"plain bytes")


def test_originals_key_is_derived_not_the_data_key() -> None:
    key = os.urandom(32)
    assert originals_key(key) != key
    assert originals_key(key) == originals_key(key)
    assert len(originals_key(key)) == 32
