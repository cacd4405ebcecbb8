"""Persons at risk: whom the text speaks for, and whom it only quotes."""

from __future__ import annotations

from vigil.extract import ExtractInput, extract
from vigil.extract.risk import _only_quoted
from vigil.settings import Settings


def test_a_person_the_text_only_quotes_is_not_at_risk(settings: Settings) -> None:
    text = (
        "Ilmar Vesk was arrested on 4 May 2021 and is held incommunicado. "
        '"He must be released," said Tova Rennick, head of casework at the Velmar Justice '
        "Monitor. Vesk has been tortured in detention."
    )
    at_risk = [p.value for p in extract(ExtractInput(text=text), settings).persons_at_risk]
    assert "Tova Rennick" not in at_risk
    assert any("Vesk" in p for p in at_risk)


def test_a_quoted_name_also_written_elsewhere_stays() -> None:
    assert _only_quoted("It was unjust, sagt Lena Orth. Sie ist in Haft.", "Lena Orth")
    text = "Lena Orth said she was beaten. Lena Orth was arrested again on 2 May."
    assert not _only_quoted(text, "Lena Orth")
