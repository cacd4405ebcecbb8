"""The process's own protection: no core dumps, private files, children without secrets.

`harden_process()` runs first in the CLI (every command, `vigil serve` included)
and in `create_app`, before any store is unlocked:

- umask 077, so every file and folder Vigil creates is its owner's only (files
  are also opened with mode 0600 where Vigil writes them);
- `RLIMIT_CORE` = 0 and, on Linux, `prctl(PR_SET_DUMPABLE, 0)`: a crash leaves
  no core file holding the data key, the passphrase or document text, and
  other processes of the same user cannot read this one's memory.
  Elsewhere the prctl is skipped.

`child_environment()` is the environment a parser worker starts in: only the
variables a Python process needs (PATH, locale, PYTHONPATH, ...), never
`VIGIL_PASSPHRASE` or any other secret the parent was given.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import sys
from collections.abc import Iterator

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3
CHILD_VARIABLES = frozenset(
    {
        "PATH",
        "HOME",
        "USER",
        "LOGNAME",
        "LANG",
        "LANGUAGE",
        "TZ",
        "TMPDIR",
        "PYTHONPATH",
        "PYTHONHOME",
        "PYTHONHASHSEED",
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONSAFEPATH",
        "VIRTUAL_ENV",
    }
)
"""Variables a worker keeps (plus LC_*); everything else, secrets included, is dropped."""


def harden_process() -> None:
    """umask 077, no core dumps, not dumpable (Linux). Safe to call more than once."""
    os.umask(0o077)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_DUMPABLE, 0) failed")


def is_dumpable() -> bool:
    """Whether this process may dump core or be read by its user's other processes."""
    if not sys.platform.startswith("linux"):
        return resource.getrlimit(resource.RLIMIT_CORE)[0] != 0
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def clean_environment(environ: dict[str, str]) -> dict[str, str]:
    """The part of `environ` a child process may see."""
    return {k: v for k, v in environ.items() if k in CHILD_VARIABLES or k.startswith("LC_")}


@contextlib.contextmanager
def child_environment() -> Iterator[None]:
    """Within the block, `os.environ` (and so any process started) holds no secret."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(clean_environment(saved))
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
