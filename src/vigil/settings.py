"""One frozen Settings object, read once at the edge (CLI, web) and passed down.

Every field can be set by a `VIGIL_<NAME>` environment variable or by a
`settings.toml` file in the data folder (`VIGIL_HOME`); the environment wins.
Casts are strict: a malformed value is a `ConfigError` naming the variable.

The key derivation has a floor (`check_kdf_costs`): Argon2id with at least
64 MiB and 3 passes, unless `VIGIL_INSECURE_TEST_KDF=1` (tests only; Vigil
warns on every start). `settings.toml` sits in the data folder, which an
adversary may be able to write to, so it may raise those costs but never
lower them below the defaults, nor turn the test setting on.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from vigil.errors import ConfigError

log = logging.getLogger(__name__)

MIN_ARGON2_MEMORY_KIB = 64 * 1024
MIN_ARGON2_TIME_COST = 3
MAX_ARGON2_MEMORY_KIB = 4 * 1024 * 1024
"""4 GiB: more is a mistake (or a damaged key file), not a choice a laptop can honour."""
MAX_ARGON2_TIME_COST = 100
MAX_ARGON2_PARALLELISM = 64
KDF_FIELDS = ("argon2_memory_kib", "argon2_time_cost", "argon2_parallelism", "insecure_test_kdf")
"""Settings that set the cost of guessing the passphrase."""

DEFAULT_OCR_LANGUAGES = ("eng", "fra", "spa", "deu", "ita", "tur", "fas", "ara", "rus")
"""Tesseract's codes: the language packs `scripts/install-ocr.sh` installs."""
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
    """Argon2id memory cost in KiB (128 MiB); at least 64 MiB."""
    argon2_time_cost: int = 4
    """Argon2id passes; at least 3."""
    argon2_parallelism: int = 1
    insecure_test_kdf: bool = False
    """Tests only: allow Argon2id below the floor. Vigil warns on every start."""
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
    ocr_command: str = "tesseract"
    """The Tesseract program (a name on PATH or a path); OCR waits when it is missing."""
    ocr_languages: tuple[str, ...] = DEFAULT_OCR_LANGUAGES
    """Tesseract language packs OCR may use; each page reads with those of its script (OSD)."""
    ocr_max_pages: int = 100
    """Pages OCR reads in one document; the rest are counted as skipped (original kept)."""
    ocr_page_timeout_s: float = 120.0
    """Time limit of Tesseract on one page; a page over it rejects the document's OCR."""
    ocr_dpi: int = 300
    """Resolution PDF pages are drawn at for OCR."""
    ocr_max_pixels: int = 60_000_000
    """Largest page image OCR reads (an image or a PDF page drawn smaller to fit)."""
    fetch_urls: bool = True
    """Whether `vigil ingest URL` may fetch web addresses."""
    fetch_timeout_s: float = 30.0
    """Time limit of one fetch (connecting, and each read)."""
    fetch_max_redirects: int = 5
    """Redirects a fetch follows at most."""
    extract_workers: int = 1
    """Processes for extraction (stage 2); each loads the spaCy models once (~0.7 GB)."""
    extract_timeout_s: float = 60.0
    """Extraction runs in sandboxed workers (memory limit `worker_memory_mb`); a document
    that takes longer is saved with a `pipeline` `TimeLimit` error and the batch goes on.
    0 extracts in the calling process, without a limit (tests, benchmarks)."""
    nlp_max_chars: int = 100_000
    """Extraction reads at most this many characters and flags the rest `truncated`."""
    follow_up_days: int = 30
    """Days after a letter's date before it is due a follow-up (and counts as overdue)."""
    letter_signature: str | None = None
    """Who signs drafted letters: lines separated by ` | ` (name | title | organisation)."""
    allowed_hosts: tuple[str, ...] = ()
    """Host names the web server answers to, beyond the loopback names (always allowed);
    a request naming any other Host or Origin is refused before it reaches a session."""
    require_second_factor: tuple[str, ...] = ("admin",)
    """Roles that must sign in with a second factor (TOTP); they enrol at first sign-in.
    Others may enrol by choice."""
    confirm_window_s: float = 300.0
    """How long a re-entered password (and code) lets a signed-in user download, export,
    change accounts or erase before they are asked again (1 to 3600 seconds)."""
    max_password_checks: int = 2
    """Argon2 checks (sign-in, unlock) the web server runs at once; the rest wait briefly,
    then get 429. Each check holds `argon2_memory_kib` of memory."""
    search_count_cap: int = 1000
    """Matches a search counts at most: a query with more says "more than 1,000 documents"
    and its facet counts are lower bounds ("412+"); below it every count is exact."""
    cluster: str | None = None
    """A Dask scheduler (`tcp://HOST:8786`, `tls://...`): parsing, OCR and extraction of
    `vigil ingest` and `vigil extract --pending` run on its workers; the store stays here."""

    @property
    def database_path(self) -> Path:
        return self.home / "vigil.db"

    @property
    def key_path(self) -> Path:
        return self.home / "vigil.key"

    def with_(self, **changes: Any) -> Settings:
        """A copy with some fields changed (tests and benchmarks)."""
        return replace(self, **changes)


def check_kdf_costs(settings: Settings) -> None:
    """Refuse key-derivation costs below the floor (or beyond sense) with a clear error."""
    memory, passes = settings.argon2_memory_kib, settings.argon2_time_cost
    if not 1 <= passes <= MAX_ARGON2_TIME_COST:
        raise ConfigError(
            f"VIGIL_ARGON2_TIME_COST must be between {MIN_ARGON2_TIME_COST}"
            f" and {MAX_ARGON2_TIME_COST} passes"
        )
    if not 8 <= memory <= MAX_ARGON2_MEMORY_KIB:
        raise ConfigError(
            f"VIGIL_ARGON2_MEMORY_KIB must be between {MIN_ARGON2_MEMORY_KIB}"
            f" and {MAX_ARGON2_MEMORY_KIB} (KiB)"
        )
    if not 1 <= settings.argon2_parallelism <= MAX_ARGON2_PARALLELISM:
        raise ConfigError(
            f"VIGIL_ARGON2_PARALLELISM must be between 1 and {MAX_ARGON2_PARALLELISM}"
        )
    if settings.insecure_test_kdf:
        return
    if memory < MIN_ARGON2_MEMORY_KIB or passes < MIN_ARGON2_TIME_COST:
        raise ConfigError(
            f"the passphrase key derivation needs at least {MIN_ARGON2_MEMORY_KIB} KiB"
            f" (VIGIL_ARGON2_MEMORY_KIB) and {MIN_ARGON2_TIME_COST} passes"
            " (VIGIL_ARGON2_TIME_COST); lower costs are for tests only (VIGIL_INSECURE_TEST_KDF=1)"
        )


def _refuse_weaker_kdf_from_file(file: Path, values: Mapping[str, Any]) -> None:
    """A settings file in the data folder may raise the KDF costs, never lower them."""
    defaults = Settings()
    for name in ("argon2_memory_kib", "argon2_time_cost"):
        if name in values:
            value = _cast(name, int, values[name])
            if value < getattr(defaults, name):
                raise ConfigError(
                    f"{file} lowers {name} below its default ({getattr(defaults, name)}):"
                    " a file in the data folder may not weaken the passphrase; remove the line"
                )
    if "insecure_test_kdf" in values:
        raise ConfigError(
            f"{file} sets insecure_test_kdf: a file in the data folder may not weaken the"
            " passphrase; remove the line"
        )


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
    _refuse_weaker_kdf_from_file(file, values)
    for name in known:
        key = f"VIGIL_{name.upper()}"
        if key in env:
            values[name] = env[key]
    values.update({k: v for k, v in overrides.items() if v is not None})
    values["home"] = home
    cast = {name: _cast(name, known[name].type, raw) for name, raw in values.items()}
    settings = Settings(**cast)
    check_kdf_costs(settings)
    if settings.insecure_test_kdf:
        log.warning(
            "VIGIL_INSECURE_TEST_KDF is on: passphrases are derived at a cost meant for tests;"
            " never use this setting with real data"
        )
    if settings.workers < 1:
        raise ConfigError("VIGIL_WORKERS must be at least 1")
    if settings.extract_workers < 1:
        raise ConfigError("VIGIL_EXTRACT_WORKERS must be at least 1")
    if settings.ocr_max_pages < 1 or settings.ocr_dpi < 72 or settings.ocr_page_timeout_s <= 0:
        raise ConfigError(
            "VIGIL_OCR_MAX_PAGES must be at least 1, VIGIL_OCR_DPI at least 72"
            " and VIGIL_OCR_PAGE_TIMEOUT_S above 0"
        )
    unknown_roles = set(settings.require_second_factor) - {"viewer", "editor", "admin"}
    if unknown_roles:
        raise ConfigError("VIGIL_REQUIRE_SECOND_FACTOR lists roles: viewer, editor, admin")
    if not 1 <= settings.confirm_window_s <= 3600:
        raise ConfigError("VIGIL_CONFIRM_WINDOW_S must be between 1 and 3600 (seconds)")
    if settings.max_password_checks < 1:
        raise ConfigError("VIGIL_MAX_PASSWORD_CHECKS must be at least 1")
    if settings.search_count_cap < 1:
        raise ConfigError("VIGIL_SEARCH_COUNT_CAP must be at least 1 (matches counted)")
    if settings.follow_up_days < 1:
        raise ConfigError("VIGIL_FOLLOW_UP_DAYS must be at least 1 (days after a letter)")
    return settings


__all__ = ["Settings", "check_kdf_costs", "load_settings"]
