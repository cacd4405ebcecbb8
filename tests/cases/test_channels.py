"""What becomes an intervention, and by which channel it went (pure: one extraction → facts)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from vigil.cases.build import CHANNELS
from vigil.cases.facts import document_facts

from .conftest import letter_record

RECORDED = datetime(2024, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize(("fmt", "channel"), [("eml", "email"), ("html", "web"), ("pdf", "letter")])
def test_a_letter_goes_by_the_channel_its_format_shows(fmt: str, channel: str) -> None:
    facts = document_facts(1, RECORDED, letter_record(), 30, CHANNELS.get(fmt, "letter"))
    (letter,) = [i for i in facts.interventions if i.key == "letter"]
    assert letter.channel == channel


def test_a_letter_to_nobody_named_is_no_intervention() -> None:
    record = letter_record()
    nobody = replace(
        record,
        suggestions=[s for s in record.suggestions if s.field not in ("addressees", "copies_to")],
    )
    keys = [i.key for i in document_facts(1, RECORDED, nobody, 30).interventions]
    assert "letter" not in keys  # 'Dear colleagues': no one to follow up with
    assert keys  # the earlier appeal it reports is still one
    assert "letter" in [i.key for i in document_facts(1, RECORDED, record, 30).interventions]
