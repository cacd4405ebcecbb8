from __future__ import annotations

from vigil import cases
from vigil.outputs.stats import country_of, statistics
from vigil.store import Store


def test_statistics_count_events_letters_rates_and_cases(case_store: Store) -> None:
    cases.respond(case_store, 3, when="2024-06-11", type_="answer")
    result = statistics(case_store)
    assert result.events_by_type == {"arrest": 1}
    assert result.events_by_year == {"2024": 1}
    assert result.events_by_country == {"unknown": 1}
    assert result.interventions_by_month["2024-05"] == 1
    assert result.interventions_by_month["2024-06"] == 1
    assert result.responses_by_month == {"2024-06": 1}
    justice = next(a for a in result.authorities if a.name == "Minister of Justice")
    assert (justice.answered, justice.median_days) == (1, 10)
    lindqvist = next(a for a in result.authorities if a.name == "Ana Lindqvist")
    assert (lindqvist.letters, lindqvist.rate, lindqvist.median_days) == (1, 0.0, None)
    assert result.cases_by_status == {"open": 1}


def test_country_is_read_from_the_place_in_any_script() -> None:
    assert country_of("Tirana, Albania") == "Albania"
    assert country_of("زندان اوین، ایران") == "Iran"
    assert country_of("Malmo") == "unknown"
    assert country_of(None) == "unknown"
