"""Issuer: the body a press release nobody signs speaks as."""

from __future__ import annotations

from vigil.extract.issuer import speakers


def test_issuer_the_body_that_calls_on_after_the_dateline() -> None:
    text = (
        "Northland: student leader held\n\n"
        "PORTVILLE, May 3, 2030 - The Harbour Families Network today called on the Government "
        "of Northland to release him. The Ministry of Ports did not reply."
    )
    bodies = ["Harbour Families Network", "Ministry of Ports"]
    assert speakers(text, bodies, "en") == ["Harbour Families Network"]


def test_issuer_by_the_short_name_the_text_gives_it() -> None:
    text = (
        "Relatives of the Coast Group (COG) wrote to the Ombudsman.\n\n"
        "\"We are afraid,\" said a relative of the Coast Group.\n\n"
        "COG calls on the authorities to stop the transfer."
    )
    assert speakers(text, ["Coast Group"], "en") == ["Coast Group"]


def test_issuer_in_german_after_a_dated_line() -> None:
    text = "Nordstadt, 4. Mai 2030. Das Forum Nordland e.V. (FN) ist in großer Sorge um ihn."
    assert speakers(text, ["Forum Nordland"], "de") == ["Forum Nordland"]


def test_issuer_an_unlisted_body_holds_an_organisation_word() -> None:
    text = "PORTVILLE, May 3, 2030 - The Harbour Families Network today called on the Government."
    assert speakers(text, [], "en") == ["Harbour Families Network"]


def test_issuer_a_body_only_named_or_asked_is_no_speaker() -> None:
    text = (
        "The relatives wrote to the Ministry of Ports in May. They ask the Ministry of Ports to "
        "answer, and they call on the Harbour Police to stop the raids."
    )
    assert speakers(text, ["Ministry of Ports", "Harbour Police"], "en") == []
