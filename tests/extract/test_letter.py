"""Letter structure: the title read from an addressee office's name."""

from __future__ import annotations

import pytest

from vigil.extract.letter import _office_title


@pytest.mark.parametrize(
    ("office", "title"),
    [
        # the field an office serves stays in its title; where it sits does not
        ("Minister of Public Security of the Republic of Northland", "Minister of Public Security"),
        ("Secretary of State of the United States", "Secretary of State"),
        ("Minister of the Interior of France", "Minister of the Interior"),
        ("High Commissioner for Refugees of the United Nations", "High Commissioner for Refugees"),
        ("President of the Regional Parliament", "President"),
        ("Ambassadeur de la République de Nordland en France", "Ambassadeur"),
        # a state the country list does not know still ends the title, in any language
        ("Präsident der Nordischen Republik Nordland", "Präsident"),
        ("Fiscal General de la República", "Fiscal General"),
        ("Embajador de la República Federal de Nortelandia en Madrid", "Embajador"),
        ("Secretario de Estado de Seguridad", "Secretario de Estado de Seguridad"),
        # no country or body named: the whole office is the title
        ("Ministro de Relaciones Exteriores", "Ministro de Relaciones Exteriores"),
    ],
)
def test_an_office_title_ends_where_its_country_or_body_begins(office: str, title: str) -> None:
    assert _office_title(office) == title


@pytest.mark.parametrize(
    ("office", "title"),
    [
        ("The United Nations High Commissioner for Peace", "High Commissioner for Peace"),
        ("UNHCR Representative in Kenya", "Representative"),
    ],
)
def test_a_title_after_the_body_it_belongs_to_is_read_from_there(office: str, title: str) -> None:
    assert _office_title(office) == title


@pytest.mark.parametrize(
    "name", ["Human Rights Commission", "Embassy of Northland", "Office of the Prosecutor"]
)
def test_a_body_without_an_office_title_has_no_title(name: str) -> None:
    assert _office_title(name) is None


def test_a_title_after_a_described_phrase_is_not_read() -> None:
    # words before the title that are not a body's capitalised name: no title from inside
    assert _office_title("letter sent to the Minister of Justice") is None
