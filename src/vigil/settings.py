"""One frozen Settings object, read once at the edge (CLI, web) and passed down.

Every field can be set by a `VIGIL_<NAME>` environment variable or by a
`settings.toml` file in the data folder (`VIGIL_HOME`); the environment wins.
Casts are strict: a malformed value is a `ConfigError` naming the variable.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from vigil.errors import ConfigError

DEFAULT_LANGUAGES = ("en", "fr", "de", "es", "it", "nl", "sq", "fa", "ar", "ru", "tr", "uk")


@dataclass(frozen=True)
class Settings:
    """Everything Vigil can be told; defaults are safe for a laptop."""

    home: Path = Path("vigil-data")
    """Data folder holding the key file, the encrypted database and backups."""
    database_url: str | None = None
    """Empty for the embedded SQLCipher store; `postgresql+psycopg://...` for a server."""
    passphrase_file: Path | None = None
    """A file holding the passphrase, for scripts and services."""
    encrypt: bool = True
    """False only for benchmarks and tests: a plain SQLite store with the same code."""
    argon2_memory_kib: int = 131072
    """Argon2id memory cost in KiB (128 MiB); tests lower it, never below 8."""
    argon2_time_cost: int = 4
    argon2_parallelism: int = 1
    max_file_bytes: int = 50 * 1024 * 1024
    """Files larger than this are rejected without being parsed."""
    max_text_chars: int = 5_000_000
    """Extracted text beyond this is rejected as a likely bomb."""
    workers: int = 2
    """Long-lived parser processes for ingest."""
    worker_memory_mb: int = 1024
    """Address-space limit of each parser process."""
    worker_timeout_s: float = 60.0
    """A document that takes longer to parse is rejected and its worker replaced."""
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    """ISO 639-1 codes the language detector may answer; only these models load."""
    extract_workers: int = 1
    """Processes for extraction (stage 2); each loads the spaCy models once (~0.7 GB)."""
    nlp_max_chars: int = 100_000
    """Extraction reads at most this many characters and flags the rest `truncated`."""
    follow_up_days: int = 30
    """Days after a letter's date before it is due a follow-up (and counts as overdue)."""
    letter_signature: str | None = None
    """Who signs drafted letters: lines separated by ` | ` (name | title | organisation)."""

    @property
    def database_path(self) -> Path:
        return self.home / "vigil.db"

    @property
    def key_path(self) -> Path:
        return self.home / "vigil.key"

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed (tests and benchmarks)."""
        return replace(self, **changes)


def _cast(name: str, kind: Any, raw: Any) -> Any:
    env = f"VIGIL_{name.upper()}"
    try:
        if kind in ("bool", bool):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if kind in ("int", int):
            if isinstance(raw, bool):
                raise ValueError(raw)
            return int(raw)
        if kind in ("float", float):
            return float(raw)
        if kind in ("Path", "Path | None"):
            return Path(str(raw)).expanduser() if str(raw) else None
        if kind in ("tuple[str, ...]",):
            items = raw if isinstance(raw, list) else str(raw).split(",")
            return tuple(str(i).strip() for i in items if str(i).strip())
        return str(raw) if str(raw) else None
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{env} has a malformed value for a {kind} setting") from exc


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Read settings from a file in the data folder, the environment and overrides."""
    env = os.environ if environ is None else environ
    home = Path(overrides.get("home") or env.get("VIGIL_HOME") or "vigil-data").expanduser()
    values: dict[str, Any] = {}
    file = home / "settings.toml"
    if file.is_file():
        try:
            values.update(tomllib.loads(file.read_text("utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{file} is not valid TOML: fix or remove it") from exc
    known = {f.name: f for f in fields(Settings)}
    unknown = set(values) - set(known)
    if unknown:
        raise ConfigError(f"unknown setting(s) in {file}: {', '.join(sorted(unknown))}")
    for name in known:
        key = f"VIGIL_{name.upper()}"
        if key in env:
            values[name] = env[key]
    values.update({k: v for k, v in overrides.items() if v is not None})
    values["home"] = home
    cast = {name: _cast(name, known[name].type, raw) for name, raw in values.items()}
    settings = Settings(**cast)
    if settings.argon2_memory_kib < 8:
        raise ConfigError("VIGIL_ARGON2_MEMORY_KIB must be at least 8")
    if settings.workers < 1:
        raise ConfigError("VIGIL_WORKERS must be at least 1")
    if settings.extract_workers < 1:
        raise ConfigError("VIGIL_EXTRACT_WORKERS must be at least 1")
    if settings.follow_up_days < 1:
        raise ConfigError("VIGIL_FOLLOW_UP_DAYS must be at least 1 (days after a letter)")
    return settings


__all__ = ["Settings", "load_settings"]
