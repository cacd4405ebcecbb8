# ruff: noqa: E501, RUF001
"""Persons at risk: whom the text speaks for, and whom it only quotes."""

from __future__ import annotations

import pytest

from vigil.extract import ExtractInput, extract
from vigil.extract.risk import _only_quoted
from vigil.settings import Settings


@pytest.mark.parametrize(
    ("text", "outsider"),
    [
        (
            "Ilmar Vesk was arrested on 4 May 2021 and is held incommunicado. "
            '"He must be released," said Tova Rennick, head of casework at the Velmar Justice '
            "Monitor. Vesk has been tortured in detention.",
            "Tova Rennick",
        ),
        (
            "Ilmar Vesk was arrested on 4 May 2021. When his lawyer, Mr Aron Delt, asked at the "
            "detention centre, he was told that Vesk is not there.",
            "Aron Delt",
        ),
    ],
)
def test_a_person_the_text_only_quotes_or_the_detainee_s_lawyer_is_not_at_risk(
    settings: Settings, text: str, outsider: str
) -> None:
    at_risk = [p.value for p in extract(ExtractInput(text=text), settings).persons_at_risk]
    assert outsider not in at_risk
    assert any("Vesk" in p for p in at_risk)


def test_a_quoted_name_also_written_elsewhere_stays() -> None:
    assert _only_quoted("It was unjust, sagt Lena Orth. Sie ist in Haft.", "Lena Orth")
    text = "Lena Orth said she was beaten. Lena Orth was arrested again on 2 May."
    assert not _only_quoted(text, "Lena Orth")


def test_someone_else_s_relative_or_lawyer_is_read_in_each_language() -> None:
    from vigil.extract.risk import _introduced_as

    assert _introduced_as("Su abogado, Luis Marn, pidió una visita.", "Luis Marn", "counsel_nouns", "es")
    assert _introduced_as("Его адвокат Ирина Вельт сообщает.", "Ирина Вельт", "counsel_nouns", "ru")
    assert _introduced_as("Vesk's cousin, Aro Vesk Lind, left.", "Aro Vesk Lind", "kin_nouns", "en")
    # the writer's own relative is whom a family letter speaks for
    assert not _introduced_as("My son, Aro Lind, was arrested.", "Aro Lind", "kin_nouns", "en")
