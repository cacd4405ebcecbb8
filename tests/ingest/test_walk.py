"""The file walk: odd names, symlinks, the same file twice, pipes and sockets."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from vigil.ingest.walk import display_path, walk


def test_name_that_is_not_utf8_is_walked_and_displayed_safely(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), "пис.txt".encode("cp1251"))
    with open(raw, "wb") as fh:
        fh.write(b"text")
    found = walk([tmp_path])
    assert len(found.files) == 1
    shown = display_path(found.files[0])
    shown.encode("utf-8")  # valid text
    assert shown.endswith("\\xef\\xe8\\xf1.txt")


def test_no_symlink_out_of_the_folder_and_each_real_file_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("outside")
    (folder / "a.txt").write_text("a")
    (folder / "out.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "again.txt").symlink_to(folder / "a.txt")
    (folder / "dir-out").symlink_to(tmp_path)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere")
    found = walk([folder, folder / "a.txt"])
    assert found.files == [folder / "a.txt"]
    reasons = {p.name: r for p, r in ((s.path, s.reason) for s in found.skipped)}
    assert reasons == {
        "out.txt": "symlink leading outside the folders named",
        "dir-out": "symlink leading outside the folders named",
        "dangling.txt": "symlink leading outside the folders named",
    }


def test_pipes_and_sockets_are_skipped_without_opening(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.txt"))
        found = walk([tmp_path, Path("/dev/null")])
    finally:
        server.close()
    assert found.files == []
    assert sorted(s.reason for s in found.skipped) == [
        "not a regular file: a device",
        "not a regular file: a named pipe",
        "not a regular file: a socket",
    ]
