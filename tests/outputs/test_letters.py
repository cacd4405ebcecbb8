from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest

from vigil import cases
from vigil.errors import OutputError, UnknownRecord
from vigil.model import PartyRole
from vigil.outputs import letters
from vigil.store import Store
from vigil.store.suggestions import get_extraction, review

from .conftest import PERSIAN

TODAY = date(2024, 7, 1)
MINISTER = "Minister of Justice"


def accept_events(store: Store) -> None:
    record = get_extraction(store, 1)
    assert record is not None
    for s in record.suggestions:
        if s.field == "events":
            assert s.id is not None
            review(store, s.id, "accepted")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Dear Minister,"),
        ("fr", "Madame la Ministre, Monsieur le Ministre,"),
        ("es", "Excelentísimo/a señor/a Ministro/a:"),
        ("de", "Sehr geehrte Frau Ministerin, sehr geehrter Herr Minister,"),
    ],
)
def test_letter_renders_in_each_language_with_its_salutation(
    case_store: Store, language: str, expected: str
) -> None:
    letter = letters.compose(case_store, 1, MINISTER, language=language, today=TODAY)
    assert f"\n{expected}\n" in letter.text
    assert "Omar Benali" in letter.text and PERSIAN in letter.text


@pytest.mark.parametrize(
    ("name", "kind", "language", "expected"),
    [
        ("Ms. Ana Lindqvist", "person", "en", "Dear Ms Lindqvist,"),
        ("Ms. Ana Lindqvist", "person", "de", "Sehr geehrte Frau Lindqvist,"),
        ("Mr. Karl Berg", "person", "es", "Estimado Sr. Berg:"),
        ("Ana Lindqvist", "person", "en", "Dear Ana Lindqvist,"),
        ("Ana Lindqvist", "person", "fr", "Madame, Monsieur,"),
        ("President of the Republic", "office", "en", "Your Excellency,"),
        ("Embassy of Albania", "organization", "fr", "Excellence,"),
        ("Some Office", None, "en", "Dear Sir or Madam,"),
    ],
)
def test_salutation_by_title_honorific_and_language(
    name: str, kind: str | None, language: str, expected: str
) -> None:
    assert letters.salutation(PartyRole(1, name, kind, "addressee"), language) == expected


def test_only_accepted_events_are_stated_with_date_place_and_grounds(case_store: Store) -> None:
    before = letters.compose(case_store, 1, MINISTER, today=TODAY)
    assert "Malmo" not in before.text and before.left_out == 1
    assert "Article 9" not in before.text
    accept_events(case_store)
    after = letters.compose(case_store, 1, MINISTER, today=TODAY)
    assert "Arrest (Omar Benali) on 2024-04-02 in Malmo (according to Clara Jensen)" in after.text
    assert "Article 9 of the ICCPR" in after.text
    assert "release Omar Benali" in after.text
    assert after.left_out == 0


def test_follow_up_names_the_earlier_letters_and_says_unanswered(case_store: Store) -> None:
    letter = letters.compose(case_store, 1, MINISTER, kind="follow-up", today=TODAY)
    assert [e.date for e in letter.earlier][-1] == "2024-06-01"
    assert "- 2024-06-01, to Minister of Justice: unanswered" in letter.text
    assert "no reply" in letter.text
    french = letters.compose(case_store, 1, MINISTER, kind="follow-up", language="fr")
    assert "le 2024-06-01, à Minister of Justice : sans réponse" in french.text


def test_follow_up_without_an_earlier_letter_is_refused(case_store: Store) -> None:
    with pytest.raises(OutputError, match="no earlier letter"):
        letters.compose(case_store, 1, "Clara Jensen", kind="follow-up")


def test_draft_is_recorded_as_a_draft_intervention_with_its_text(case_store: Store) -> None:
    drafted = letters.draft_letter(case_store, 1, MINISTER, signature="Clara Jensen | Director",
                                   today=TODAY)  # fmt: skip
    item = cases.get_intervention(case_store, drafted.intervention_id)
    assert item.status == "draft" and item.due_date is None
    assert item.names("addressee") == [MINISTER]
    assert case_store.get(drafted.document_id).text == drafted.letter.text
    assert "Clara Jensen\nDirector" in drafted.letter.text
    assert item.id not in [i.id for i in cases.list_interventions(case_store, unanswered=True)]
    cases.send_draft(case_store, item.id, when="2024-07-02", follow_up_days=10)
    sent = cases.get_intervention(case_store, item.id)
    assert (sent.status, sent.date, sent.due_date) == ("sent", "2024-07-02", "2024-07-12")
    follow = letters.compose(case_store, 1, MINISTER, kind="follow-up")
    assert "2024-07-02" in [e.date for e in follow.earlier]
    cases.build_from_extractions(case_store)  # a draft is not a letter to extract facts from
    assert len(cases.list_interventions(case_store)) == 4


def test_docx_letter_holds_the_text(case_store: Store) -> None:
    drafted = letters.draft_letter(case_store, 1, MINISTER, format_="docx", language="de")
    document = docx.Document(io.BytesIO(drafted.data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Sehr geehrte Frau Ministerin, sehr geehrter Herr Minister," in text
    assert PERSIAN in text
    assert document.core_properties.author == ""


def test_a_template_in_vigil_home_overrides_the_package(case_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "letters" / "en"
    folder.mkdir(parents=True)
    (folder / "appeal.md.j2").write_text("OUR OWN {{ salutation }} {{ people }}\n", "utf-8")
    letter = letters.compose(case_store, 1, MINISTER, templates=folder.parent)
    assert letter.text.startswith("OUR OWN Dear Minister, Omar Benali")


@pytest.mark.parametrize(
    ("case_id", "to", "options", "error"),
    [
        (42, MINISTER, {}, UnknownRecord),
        (1, "Nobody Here", {}, OutputError),
        (1, "9999", {}, OutputError),
        (1, MINISTER, {"language": "xx"}, OutputError),
        (1, MINISTER, {"kind": "threat"}, OutputError),
        (1, MINISTER, {"format_": "pdf"}, OutputError),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(
    case_store: Store, case_id: int, to: str, options: dict[str, str], error: type
) -> None:
    documents = case_store.document_ids()
    interventions = len(cases.list_interventions(case_store))
    with pytest.raises(error) as raised:
        letters.draft_letter(case_store, case_id, to, **options)  # type: ignore[arg-type]
    assert "Omar" not in str(raised.value)
    assert case_store.document_ids() == documents
    assert len(cases.list_interventions(case_store)) == interventions
