"""The quality floors only go up: no field's floor is below any earlier commit's."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from ..conftest import REPO, require

FLOOR_FILE = "tests/extract/quality_floor.json"


def history() -> list[tuple[str, dict[str, dict[str, float]]]]:
    commits = subprocess.run(
        ["git", "log", "--format=%H", "--", FLOOR_FILE],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    versions = []
    for commit in commits:
        shown = subprocess.run(
            ["git", "show", f"{commit}:{FLOOR_FILE}"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        versions.append((commit[:10], json.loads(shown)))
    return versions


def test_floors_never_go_down() -> None:
    require(shutil.which("git") is not None and (REPO / ".git").exists(), "git and the history")
    current = json.loads((REPO / FLOOR_FILE).read_text("utf-8"))
    lowered = [
        f"{commit} {name}.{field}: {old} -> {current.get(name, {}).get(field)}"
        for commit, floors in history()
        for name, fields in floors.items()
        if isinstance(fields, dict)
        for field, old in fields.items()
        if current.get(name, {}).get(field, 0.0) < old
    ]
    assert lowered == [], "quality floors were lowered; raise the extractor instead"


def test_floor_file_is_well_formed() -> None:
    floors = json.loads(Path(REPO / FLOOR_FILE).read_text("utf-8"))
    assert {"dev", "public"} <= set(floors)
    for name in ("dev", "public"):
        assert "overall" in floors[name]
        assert all(0.0 <= v <= 1.0 for v in floors[name].values())
