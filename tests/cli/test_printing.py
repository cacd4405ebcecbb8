"""Nothing from a document or a path reaches the terminal as a control sequence."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from rich.console import Console

from tests.ingest import hostile
from vigil.cli.printing import plain, print_json, shown

from .helpers import vigil


def test_plain_replaces_c0_c1_del_and_bidi_overrides_keeping_newline_and_tab() -> None:
    hostile_text = "a\x1b[2J\x1b]0;t\x07b\rc\x9b31m\x7f\u202eevil\ud800\nline\tcell"
    cleaned = plain(hostile_text)
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\r" not in cleaned
    assert "\x9b" not in cleaned and "\x7f" not in cleaned and "\u202e" not in cleaned
    assert "\ud800" not in cleaned
    assert cleaned.endswith("\nline\tcell")
    assert len(cleaned) == len(hostile_text)


def test_shown_escapes_rich_markup_after_stripping_controls() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, color_system=None, width=200)
    console.print(f"title: {shown('[bold]x[/bold] [link=file:///etc]y[/link]' + chr(27) + 'c')}")
    written = console.file.getvalue()  # type: ignore[attr-defined]
    assert "[bold]x[/bold]" in written
    assert "\x1bc" not in written


def test_json_output_escapes_c1_controls_and_surrogates(capsys: pytest.CaptureFixture[str]) -> None:
    print_json({"title": "a\x9b2Jb\u202ec\x1bd"})
    written = capsys.readouterr().out
    assert "\x9b" not in written and "\u202e" not in written and "\x1b" not in written
    assert json.loads(written)["title"] == "a\x9b2Jb\u202ec\x1bd"


def test_documents_show_search_and_ingest_print_no_escape_sequence(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    assert vigil(cli_env, "init").code == 0
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "escapes.eml").write_bytes(hostile.escape_eml())
    with open(os.path.join(os.fsencode(folder), b"bad\x1b[2Jname.pdf"), "wb") as fh:
        fh.write(b"")
    run = vigil(cli_env, "ingest", folder, "--no-extract")
    assert "\x1b[2J" not in run.out + run.err
    runs = [
        vigil(cli_env, "documents"),
        vigil(cli_env, "show", "1"),
        vigil(cli_env, "search", "detainee"),
    ]
    for shown_run in runs:
        assert shown_run.code == 0, shown_run.err
        assert "\x1b" not in shown_run.out, shown_run.out
    assert "detainee" in runs[1].out
