"""The checkpoint signing key: an Ed25519 key in a file outside the database.

Whoever can write the database cannot forge a checkpoint without also reading this file, so
it lives in the data folder (or wherever GUIFAN_JOURNAL_KEY points), readable by the owner
only; it is created the first time a checkpoint is signed.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings

from guifan.journal import notes


def key_name() -> str:
    return settings.GUIFAN_JOURNAL_ORIGIN


def signing_key() -> Ed25519PrivateKey:
    path = Path(settings.GUIFAN_JOURNAL_KEY)
    if not path.exists():
        _create(path)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise notes.NoteError(f"{path} 不是 Ed25519 私钥")
    return key


def has_key() -> bool:
    return Path(settings.GUIFAN_JOURNAL_KEY).exists()


def public_key() -> tuple[str, bytes]:
    """The name and 32-byte public key that checkpoints are verified with."""
    return key_name(), notes.public_bytes(signing_key())


def verifier_key() -> str:
    return notes.verifier_key(*public_key())


def _create(path: Path) -> None:
    """Write a new key so that no reader ever sees a half-written or world-readable file."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    try:
        os.link(temporary, path)  # fails if another process created the key meanwhile
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
