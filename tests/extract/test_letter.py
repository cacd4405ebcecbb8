"""Letter structure: the title read from an addressee office's name."""

from __future__ import annotations

from dataclasses import replace

import pytest

from vigil.extract.letter import _joined_split, _titled_by_office, office_title
from vigil.extract.types import Party, Provenance


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
    assert office_title(office) == title


@pytest.mark.parametrize(
    ("office", "title"),
    [
        ("The United Nations High Commissioner for Peace", "High Commissioner for Peace"),
        ("UNHCR Representative in Kenya", "Representative"),
    ],
)
def test_a_title_after_the_body_it_belongs_to_is_read_from_there(office: str, title: str) -> None:
    assert office_title(office) == title


@pytest.mark.parametrize(
    "name", ["Human Rights Commission", "Embassy of Northland", "Office of the Prosecutor"]
)
def test_a_body_without_an_office_title_has_no_title(name: str) -> None:
    assert office_title(name) is None


def test_a_title_after_a_described_phrase_is_not_read() -> None:
    # words before the title that are not a body's capitalised name: no title from inside
    assert office_title("letter sent to the Minister of Justice") is None


def _senders(text: str, language: str = "en") -> list[tuple[str, str]]:
    from vigil.extract import ExtractInput, extract
    from vigil.settings import Settings

    found = extract(ExtractInput(text=text, language=language), Settings())
    return [(p.name, p.kind) for p in found.senders]


def test_letter_joint_signatory_lines_with_a_head_word_are_bodies() -> None:
    text = (
        "Dear Minister,\n\nWe write about the detention of Anna Example in the northern "
        "colony. We ask for her release.\n\nSincerely,\n\n"
        "Northland Refugee Justice Project\nCoastal Diaspora Rights Council\n"
        "Border Legal Collaborative\nAssociation of Exiled Journalists\n"
    )
    senders = _senders(text)
    assert ("Northland Refugee Justice Project", "organization") in senders
    assert ("Coastal Diaspora Rights Council", "organization") in senders
    assert ("Border Legal Collaborative", "organization") in senders
    assert not [name for name, kind in senders if kind == "person"]


def test_letter_a_german_compound_ending_in_a_head_word_signs_as_a_body() -> None:
    text = (
        "Sehr geehrte Frau Ministerin,\n\nwir schreiben Ihnen wegen der Haft von Anna Beispiel. "
        "Wir bitten um ihre Freilassung.\n\nMit freundlichen Grüßen\n\n"
        "Menschenrechtsverein Nordstadt\nFreundeskreis Seestadt Bergdorf\n"
    )
    senders = _senders(text, "de")
    assert ("Freundeskreis Seestadt Bergdorf", "organization") in senders


def test_letter_a_body_under_a_signer_is_her_organisation() -> None:
    from vigil.extract import ExtractInput, extract
    from vigil.settings import Settings

    text = (
        "Dear Minister,\n\nWe write about the detention of Anna Example in the northern "
        "colony. We ask for her release.\n\nSincerely,\n\nMaria Exemplar\nCentre for Legal Aid\n"
    )
    found = extract(ExtractInput(text=text, language="en"), Settings())
    assert [(p.name, p.kind, p.organization) for p in found.senders] == [
        ("Maria Exemplar", "person", "Centre for Legal Aid")
    ]



def test_letter_offices_joined_on_one_line_are_several_addressees() -> None:
    prov = Provenance(spans=(), component="letter", rule="zone_addressee", confidence=0.8)
    line = "Ministry of Coastal Affairs; Harbour Petitions Committee of Nordavia"
    joined = Party(name=line, kind="office", prov=prov)
    assert [p.name for p in _joined_split(joined)] == [
        "Ministry of Coastal Affairs",
        "Harbour Petitions Committee of Nordavia",
    ]
    both = "Minister of Fisheries · Minister of Ports"
    dotted = Party(name=both, kind="office", prov=prov, title=both)
    assert [(p.name, p.title) for p in _joined_split(dotted)] == [
        ("Minister of Fisheries", None),
        ("Minister of Ports", None),
    ]
    person = Party(name="Anna Example; Lars Sample", kind="person", prov=prov)
    assert _joined_split(person) == [person]


def test_letter_a_body_read_as_a_title_is_no_title() -> None:
    prov = Provenance(spans=(), component="letter", rule="zone_addressee", confidence=0.8)
    name, title = "Department of Harbours of Nordavia", "Department of Harbours"
    body = Party(name=name, kind="office", prov=prov, title=title)
    assert _titled_by_office(body).title is None
    name, title = "Minister of Harbours of Nordavia", "Minister of Harbours"
    office = Party(name=name, kind="office", prov=prov, title=title)
    assert _titled_by_office(office).title == "Minister of Harbours"


def _zoned_context(labelled: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """A context whose lines carry the given zones (text, zone value), as the zone model would."""
    from vigil.extract.context import Context
    from vigil.extract.types import ExtractInput, Extraction
    from vigil.extract.zones.features import zone_lines
    from vigil.extract.zones.labels import Zone
    from vigil.extract.zones.read import Zoned
    from vigil.settings import Settings

    text = "\n".join(t for t, _ in labelled) + "\n"
    ctx = Context(doc=ExtractInput(text=text), settings=Settings(), text=text, result=Extraction())
    ctx.split_lines()
    zones = dict(labelled)
    ctx.zones = [Zoned(line, Zone(zones[line.text]), 0.9) for line in zone_lines(text)]
    return ctx


def test_letter_a_postal_line_read_as_a_name_does_not_name_the_addressee() -> None:
    from vigil.extract.letter import _zone_addressees

    ctx = _zoned_context([
        ("Al Signor Ministro della Pesca", "addressee"),
        ("Palazzo Esempio - Piazza Grande 12, 00999 Borgoverde", "addressee"),
        ("Al Signor Ministro dei Porti", "addressee"),
        ("Via del Molo 3, 00998 Borgoverde", "address"),
        ("Signori Ministri,", "salutation"),
    ])
    found = _zone_addressees(ctx, len(ctx.text))
    assert [p.name for p in found] == ["Ministro della Pesca", "Ministro dei Porti"]
    assert found[0].address == "Palazzo Esempio - Piazza Grande 12, 00999 Borgoverde"


def test_letter_an_office_line_with_a_postal_code_still_names_the_addressee() -> None:
    from vigil.extract.letter import _postal_line

    assert _postal_line("Palazzo Esempio - Piazza Grande 12, 00999 Borgoverde")
    assert _postal_line("Hafenstraße 4, 10999 Nordstadt")
    assert not _postal_line("Ministry of Ports, 10999 Nordstadt")
    assert not _postal_line("Anna Example")


def test_letter_an_address_block_opening_with_courtesy_words_names_the_office() -> None:
    from vigil.extract.context import Line
    from vigil.extract.letter import _party

    texts = ["Monsieur le Ministre de la Pêche et des Ports", "Quai Exemple", "99000 Portville"]
    lines = [Line(i, i * 60, i * 60 + len(t), t) for i, t in enumerate(texts)]
    party = _party(lines, "addressee_block", 0.8)
    assert party is not None
    assert (party.name, party.kind, party.title) == (
        "Ministre de la Pêche et des Ports", "office", "Ministre de la Pêche et des Ports"
    )


def test_letter_a_bare_title_salutation_yields_to_the_block_that_names_the_office() -> None:
    from vigil.extract.letter import _read_parties

    ctx = _zoned_context([
        ("Monsieur le Ministre de la Pêche et des Ports", "title"),
        ("Quai Exemple", "body"),
        ("99000 Portville", "body"),
        ("Dear Minister,", "salutation"),
        ("We write to you about the fishermen held in the harbour of Portville since May.", "body"),
        ("Yours sincerely,", "closing"),
        ("Anna Example", "signature"),
    ])
    ctx.text = ctx.text.replace("99000 Portville\n", "99000 Portville\n\n")
    ctx.split_lines()
    _read_parties(ctx)
    assert [(p.name, p.title) for p in ctx.result.addressees] == [
        ("Ministre de la Pêche et des Ports", "Ministre de la Pêche et des Ports")
    ]


def _head_block(head: str) -> list[str]:
    from vigil.extract.context import Context
    from vigil.extract.letter import _addressee_block, _salutation
    from vigil.extract.types import ExtractInput, Extraction
    from vigil.settings import Settings

    text = f"Ref.: 12/2024\n\n3 May 2024\n\n{head}\n\nExcellency,\n\nWe have the honour to write.\n"
    ctx = Context(doc=ExtractInput(text=text), settings=Settings(), text=text, result=Extraction())
    ctx.split_lines()
    return [ln.text for ln in _addressee_block(ctx, _salutation(ctx))]


def test_letter_one_long_honorific_line_before_the_salutation_is_the_addressee() -> None:
    office = (
        "H.E. the Ambassador, Permanent Representative of the Republic of Nordavia "
        "to the United Nations Office at Lakeside"
    )
    assert _head_block(office) == [office]
    sentence = (
        "H.E. the Minister was told by the guards of the northern colony "
        "that the prisoner was held alone for weeks."
    )
    assert _head_block(sentence) == []


def test_letter_memo_to_lines_before_the_first_paragraph_are_addressees() -> None:
    from vigil.extract.context import Context
    from vigil.extract.letter import _memo_addressees
    from vigil.extract.types import ExtractInput, Extraction
    from vigil.settings import Settings

    text = (
        "Northtown, 3 May 2024\n\n"
        "To: Colonel Jan Example, Head of Penal Colony No. 7, Northtown\n"
        "To: Department of Prisons of the Republic of Nordavia, 12 Harbour St., Portville\n\n"
        "We, the undersigned organisations, write to you about two prisoners held in the colony.\n"
        "To: anyone reading this line after the first paragraph\n"
    )
    ctx = Context(doc=ExtractInput(text=text), settings=Settings(), text=text, result=Extraction())
    ctx.split_lines()
    found = _memo_addressees(ctx)
    assert [(p.name, p.kind) for p in found] == [
        ("Jan Example", "person"),
        ("Department of Prisons of the Republic of Nordavia", "organization"),
    ]
    assert found[1].address == "12 Harbour St., Portville"


def test_letter_a_closing_or_salutation_in_the_signature_zone_signs_nothing() -> None:
    from vigil.extract.letter import _zone_signers

    ctx = _zoned_context([
        ("Mit freundlichen Grüßen", "signature"),
        ("Anna Beispiel", "signature"),
        ("Dear Ms Beispiel,", "signature"),
        ("Lars Muster", "signature"),
    ])
    assert [p.name for p in _zone_signers(ctx, ctx.zones)] == ["Anna Beispiel", "Lars Muster"]


def test_letter_a_body_under_a_title_and_organisation_line_is_the_signers_organisation() -> None:
    from vigil.extract.letter import _zone_signers

    ctx = _zoned_context([
        ("Anna Example", "signature"),
        ("Advocate, Member of the Nordavia Bar Association", "signature"),
        ("Northland Refugee Legal Aid Centre", "signature"),
    ])
    found = _zone_signers(ctx, ctx.zones)
    assert [(p.name, p.organization) for p in found] == [
        ("Anna Example", "Northland Refugee Legal Aid Centre")
    ]


def test_letter_an_office_titled_by_its_first_word_takes_its_own_words() -> None:
    prov = Provenance(spans=(), component="letter", rule="salutation_office", confidence=0.55)
    name = "Minister of Harbours of the Republic of Nordavia"
    office = Party(name=name, kind="office", prov=prov, title="Minister")
    assert _titled_by_office(office).title == "Minister of Harbours"
    # an office given no title keeps none; a title that is not its first words is kept
    assert _titled_by_office(replace(office, title=None)).title is None
    assert _titled_by_office(replace(office, title="Chief")).title == "Chief"



def test_letter_a_list_of_signatories_one_a_line_gives_every_line() -> None:
    text = (
        "Dear Minister,\n\nWe write about the detention of Anna Example in the northern "
        "colony. We ask for her release.\n\nSigned:\n"
        "Northland Refugee Justice Project\nFree Voices Harbourland\n"
        "Committee for Relatives of Detainees\nCoastal Rights Watchdog\n"
        "Association of Exiled Journalists\nSeaside Friends Initiative\n"
        "Centre for Prison Reform - North Coast\n"
    )
    names = [name for name, _ in _senders(text)]
    assert names == [
        "Northland Refugee Justice Project", "Free Voices Harbourland",
        "Committee for Relatives of Detainees", "Coastal Rights Watchdog",
        "Association of Exiled Journalists", "Seaside Friends Initiative",
        "Centre for Prison Reform - North Coast",
    ]


def test_letter_signers_with_title_lines_are_no_list() -> None:
    text = (
        "Dear Minister,\n\nWe write about the detention of Anna Example in the northern "
        "colony. We ask for her release.\n\nSincerely,\n\n"
        "Maria Exemplar\nCentre for Legal Aid\nJohn Sample\nDirector, Harbour Rights Network\n"
        "Lena Muster\nNorthland Bar Association\n"
    )
    from vigil.extract import ExtractInput, extract
    from vigil.settings import Settings

    found = extract(ExtractInput(text=text, language="en"), Settings())
    people = [p.name for p in found.senders if p.kind == "person"]
    assert people == ["Maria Exemplar", "John Sample", "Lena Muster"]


def test_letter_a_numbered_list_of_signatories_is_read_from_its_first_item() -> None:
    text = (
        "Dear Minister,\n\nWe write about the detention of Anna Example in the northern "
        "colony. We ask for her release.\n\nSincerely,\n"
        "Signatory organisations (in alphabetical order):\n"
        "1. Association for Free Speech Northland\n2. Coastal Mothers for Justice\n"
        "3. Harbour Lawyers Association\n4. Network of Civic Activists\n"
        "5. Northland Rights Centre\n6. Seaside Refugee Council\n7. Southland Monitoring Group\n"
    )
    names = [name for name, _ in _senders(text)]
    assert names[:2] == ["Association for Free Speech Northland", "Coastal Mothers for Justice"]
    assert len(names) == 7


@pytest.mark.parametrize(
    ("name", "dropped"),
    [
        ("Harbour workers shot at border: families demand answers", True),
        ("Our interventions this quarter", True),
        ("----------------------------", True),
        ("Special Rapporteur on the situation of human rights in Northland", False),
        ("Union des étudiants exilés en Europe", False),
        ("Verein nordländischer Studierender in Bayern", False),
        ("Northland Refugee Justice Project", False),
    ],
)
def test_letter_a_headline_or_rule_read_as_a_signing_body_is_none(name: str, dropped: bool) -> None:
    from vigil.extract.letter import _not_a_body

    prov = Provenance(spans=(), component="letter", rule="zone_signature_org", confidence=0.6)
    assert _not_a_body(Party(name=name, kind="organization", prov=prov)) is dropped
