"""Legal instruments the text cites, and the names inside them (invented texts)."""

from __future__ import annotations

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings


def test_a_name_written_only_inside_an_instruments_name_is_no_person(settings: Settings) -> None:
    text = (
        "Dear Minister,\n\nKarim Northman has been held in solitary confinement since May, "
        "in breach of the Nelson Mandela Rules. We ask you to release Karim Northman.\n"
    )
    result = extract(ExtractInput(text=text, language="en"), settings)
    persons = [p.value for p in result.persons]
    assert "MANDELA_RULES" in [r.value for r in result.legal_references]
    assert "Nelson Mandela" not in persons
    assert "Karim Northman" in persons


def test_a_name_also_written_outside_an_instrument_stays(settings: Settings) -> None:
    text = (
        "Dear Minister,\n\nNelson Mandela wrote from prison. The Nelson Mandela Rules "
        "protect prisoners held in solitary confinement.\n"
    )
    result = extract(ExtractInput(text=text, language="en"), settings)
    assert "Nelson Mandela" in [p.value for p in result.persons]
