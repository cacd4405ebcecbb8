"""Names, titles and organisations of one party line (invented offices and people)."""

from __future__ import annotations

from vigil.extract.parties import name_and_title, split_title


def test_two_titles_joined_by_a_comma_are_one_title() -> None:
    line = "Ambassador, Permanent Representative of Freedonia to the United Nations in Geneva"
    assert split_title(line) == (line, None)


def test_a_title_then_a_body_still_splits_at_the_comma() -> None:
    assert split_title("Minister, Ministry of Justice of Freedonia") == (
        "Minister",
        "Ministry of Justice of Freedonia",
    )


def test_a_rank_before_the_name_joins_the_office_after_it() -> None:
    assert name_and_title("Colonel Jan Novak, Head of Correctional Colony No. 2") == (
        "Jan Novak",
        "Colonel, Head of Correctional Colony No. 2",
    )


def test_a_name_then_its_title_is_unchanged() -> None:
    assert name_and_title("Jana Novak, Director") == ("Jana Novak", "Director")


def test_the_longest_title_a_text_opens_with_ends_at_a_word() -> None:
    from vigil.extract.parties import starts_with_title

    assert starts_with_title("National Security Advisor, Mr X") == "National Security Advisor"
    assert starts_with_title("Ministerin Y") == "Ministerin"
    assert starts_with_title("Minister") == "Minister"
    assert starts_with_title("Ministers of the region") is None
    assert starts_with_title("") is None
