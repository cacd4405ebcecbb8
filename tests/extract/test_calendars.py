from __future__ import annotations

from vigil.extract import calendars


def test_a_text_without_a_year_has_no_date() -> None:
    assert calendars.find_dates("on 12 May, at 10:30, call 555 12") == []
    assert calendars.partial_date("arrested in May") is None


def test_a_year_in_any_digits_is_still_read() -> None:
    assert calendars.find_dates("12 May 2020") == [(0, 11, "2020-05-12")]
    arabic_indic = "\u0661\u0662/\u0660\u0665/\u0662\u0660\u0662\u0660"  # 12/05/2020
    assert calendars.find_dates(arabic_indic)[0][2] == "2020-05-12"
    assert calendars.partial_date("detained in May 2019") == "2019-05"
    assert calendars.partial_date("held since 2018") == "2018"
