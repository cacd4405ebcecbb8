"""A malformed language file stops Vigil at start-up, naming the file and entry."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources

import pytest

from vigil.cli import main as cli
from vigil.errors import VocabularyError
from vigil.settings import Settings
from vigil.vocab import languages


@pytest.fixture
def broken_spanish(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    folder = resources.files("vigil.vocab").joinpath("languages")
    files = {
        entry.name[: -len(".json")]: entry.read_text("utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }
    data = json.loads(files["es"])
    data["ask_cues"]["pedimos"] = r"\b(?:pedimos"
    files["es"] = json.dumps(data, ensure_ascii=False)
    monkeypatch.setattr(languages, "_files", lambda: files)
    languages._all.cache_clear()
    yield
    languages._all.cache_clear()


@pytest.mark.usefixtures("broken_spanish")
def test_cli_exits_1_naming_the_broken_language_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["vigil", "documents"])
    with pytest.raises(SystemExit) as stop:
        cli.run()
    assert stop.value.code == 1
    message = " ".join(capsys.readouterr().err.split())
    assert "languages/es.json" in message and "pedimos" in message


@pytest.mark.usefixtures("broken_spanish")
def test_web_app_factory_refuses_a_broken_language_file() -> None:
    from vigil.web.app import create_app

    with pytest.raises(VocabularyError, match=r"languages/es\.json.*'pedimos'"):
        create_app(Settings(), None)
