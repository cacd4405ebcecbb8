"""Run the real `vigil` command in a subprocess, as a user would."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

VIGIL = [sys.executable, "-m", "vigil.cli.main"]


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def vigil(
    env: dict[str, str], *args: str | Path, stdin: str | None = None, timeout: float = 120
) -> Run:
    proc = subprocess.run(
        [*VIGIL, *map(str, args)],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)
