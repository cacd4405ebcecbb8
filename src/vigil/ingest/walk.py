"""The file walk: the paths a user named in, regular files to read and what was skipped out.

1. Folders are walked recursively in sorted order; a path named directly is
   taken as it is (a symlink named on the command line is followed).
2. Inside a folder no symlink is followed out of the folders named: one
   that leads outside them, or nowhere, is skipped with its reason.
3. The same real file (a symlink to it, or the file named twice) is read once.
4. Anything that is not a regular file (a named pipe, socket, device) is
   skipped with its reason, checked with `stat` before anything opens it.
5. Any file name works: names that are not UTF-8 (archives from cp1251 or
   cp1256 systems) are kept as the operating system gives them, and
   `display_path` renders them as text (undecodable bytes as `\\xNN`).

Nothing is opened here; the reader opens each file non-blocking and checks
again that it is a regular file (it may have changed since).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Skipped:
    """A path the walk did not pass on, with the reason (never the content)."""

    path: Path
    reason: str


@dataclass
class Walk:
    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def display_path(path: Path | str) -> str:
    """`path` as valid text: bytes that are not UTF-8 as `\\xNN`, the rest unchanged."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def file_kind(mode: int) -> str:
    """A short name for what a non-regular file is."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def walk(paths: Iterable[Path]) -> Walk:
    """Regular files under `paths`, each real file once, and the paths skipped."""
    roots = [Path(p) for p in paths]
    folders = [os.path.realpath(p) for p in roots if p.is_dir()]
    result = Walk()
    seen: set[tuple[int, int]] = set()
    for root in roots:
        if root.is_dir():
            for candidate in _under(root, result):
                _take(candidate, folders, seen, result, named=False)
        else:
            _take(root, folders, seen, result, named=True)
    return result


def _under(root: Path, result: Walk) -> Iterable[Path]:
    def failed(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        result.skipped.append(Skipped(where, f"unreadable folder: {exc.strerror or 'error'}"))

    for folder, dirs, files in os.walk(root, onerror=failed):
        dirs.sort()
        base = Path(folder)
        for name in list(dirs):
            if (base / name).is_symlink():  # os.walk does not go in; say so if it leads out
                yield base / name
        for name in sorted(files):
            yield base / name


def _take(
    path: Path, folders: list[str], seen: set[tuple[int, int]], result: Walk, named: bool
) -> None:
    try:
        link = os.lstat(path)
    except OSError as exc:
        result.skipped.append(Skipped(path, f"unreadable: {exc.strerror or 'error'}"))
        return
    if stat.S_ISLNK(link.st_mode) and not named:
        real = os.path.realpath(path)
        if not any(_inside(real, folder) for folder in folders):
            result.skipped.append(Skipped(path, "symlink leading outside the folders named"))
            return
    try:
        info = os.stat(path)
    except OSError:
        result.skipped.append(Skipped(path, "broken symlink"))
        return
    if stat.S_ISDIR(info.st_mode) and stat.S_ISLNK(link.st_mode):
        return  # a link to a folder inside the walk: its files are walked there
    if not stat.S_ISREG(info.st_mode):
        result.skipped.append(Skipped(path, f"not a regular file: {file_kind(info.st_mode)}"))
        return
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return  # the same real file, named again or through a link: read once
    seen.add(key)
    result.files.append(path)


def _inside(real: str, folder: str) -> bool:
    try:
        return os.path.commonpath([real, folder]) == folder
    except ValueError:
        return False


__all__ = ["Skipped", "Walk", "display_path", "file_kind", "walk"]
