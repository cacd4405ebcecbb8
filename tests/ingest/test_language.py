"""Language detection over the configured languages only."""

from __future__ import annotations

import pytest

from vigil.errors import ConfigError
from vigil.ingest import language
from vigil.ingest.language import detect_language
from vigil.settings import DEFAULT_LANGUAGES

EN = "The families have written to the minister many times and have never received a reply."
FR = "Les familles ont écrit au ministre à de nombreuses reprises sans jamais recevoir de réponse."


def test_english_and_french_are_told_apart() -> None:
    assert detect_language(EN, DEFAULT_LANGUAGES) == "en"
    assert detect_language(FR, DEFAULT_LANGUAGES) == "fr"


def test_short_or_empty_text_has_no_language() -> None:
    assert detect_language("", DEFAULT_LANGUAGES) is None
    assert detect_language("ok 12", DEFAULT_LANGUAGES) is None


def test_only_configured_languages_are_answered() -> None:
    assert detect_language(FR, ("en", "de")) in ("en", "de")


def test_detector_is_built_once_per_language_set() -> None:
    first = language._detector(("en", "fr"))
    assert language._detector(("en", "fr")) is first


def test_unknown_language_code_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="VIGIL_LANGUAGES"):
        detect_language(EN, ("en", "zz"))
