# Patterns and typographic quotes are matched as written: long lines and look-alike
# characters (typographic quotes, dashes, non-Latin scripts) are intended here.
# ruff: noqa: E501, RUF001
"""Behaviour of the extraction pipeline on synthetic letters written for the purpose."""

from __future__ import annotations

import json
from types import SimpleNamespace

from vigil.extract import ExtractInput, extract
from vigil.extract.calendars import find_dates, jalali_to_gregorian
from vigil.extract.context import Context
from vigil.extract.parties import split_title
from vigil.extract.pipeline import STAGES
from vigil.settings import Settings
from vigil.vocab import ids

LETTER = """Appeal for Karel Vostrik

His Excellency Mr. Tomas Brennan
Minister of Justice of the Government of the Republic of Nordland
12 Harbour Road
Port Ellis, Nordland

12 March 2021

Dear Minister Brennan,

We are writing to express our concern about Karel Vostrik, a journalist who was
arrested by the Nordland police on 3 March 2021 and is held in Eastgate Prison.
We have written to the Prime Minister twice, but no response has been given.

We urge you to release Karel Vostrik immediately and to allow his family to visit him.
He would face torture if he were deported to Carpania, in violation of the principle
of non-refoulement and article 7 of the International Covenant on Civil and Political Rights.

Sincerely,

Anna Lindqvist
Executive Director, Free Press Watch

P.O. Box 4411
Tel: +44 20 7946 0958
Email: office@freepress.example.org

cc: Prime Minister of Nordland
"""


def run(text: str, settings: Settings, **kw: object) -> dict[str, object]:
    doc = ExtractInput(text=text, **kw)  # type: ignore[arg-type]
    return extract(doc, settings).to_contract("t")


def test_letter_structure_is_read(settings: Settings) -> None:
    out = run(LETTER, settings)
    assert out["kind"] == "letter"
    assert out["date"] == "2021-03-12"
    assert out["language"] == "en"
    addressee = out["addressees"][0]  # type: ignore[index]
    assert addressee["name"] == "Tomas Brennan"
    assert addressee["title"] == "Minister of Justice"
    assert addressee["organization"] == "Government of the Republic of Nordland"
    sender = out["senders"][0]  # type: ignore[index]
    assert sender["name"] == "Anna Lindqvist"
    assert sender["title"] == "Executive Director"
    assert sender["organization"] == "Free Press Watch"


def test_title_splits_into_title_and_organisation() -> None:
    assert split_title("Minister of the Interior of the Government of the Republic of Albania") == (
        "Minister of the Interior",
        "Government of the Republic of Albania",
    )


def test_letter_cc_block_after_signature(settings: Settings) -> None:
    out = run(LETTER, settings)
    assert [c["name"] for c in out["copies_to"]] == ["Prime Minister of Nordland"]  # type: ignore[union-attr]


def test_trailing_address_block_is_a_copy(settings: Settings) -> None:
    text = LETTER.replace("cc: Prime Minister of Nordland", "H.E. Lena Marsh, Ambassador\n\nEmbassy of Nordland\n\n4101 Reservoir Rd., NW\n\nWashington, DC 20007")
    out = run(text, settings)
    copy = out["copies_to"][0]  # type: ignore[index]
    assert copy["name"] == "Lena Marsh"
    assert copy["title"] == "Ambassador"
    assert copy["country"] == "US"


def test_family_signature(settings: Settings) -> None:
    text = "Mr. Arno Velt\nMinister of the Interior\n\nWe ask for news of our son.\n\nThe family of Dario Velt, Marrow, Nordland\n"
    out = run(text, settings)
    assert out["senders"][0]["kind"] == "family"  # type: ignore[index]
    assert out["senders"][0]["name"] == "family of Dario Velt"  # type: ignore[index]


def test_contacts_are_the_senders(settings: Settings) -> None:
    contacts = run(LETTER, settings)["contacts"]
    assert contacts["phones"] == ["+44 20 7946 0958"]  # type: ignore[index]
    assert contacts["emails"] == ["office@freepress.example.org"]  # type: ignore[index]
    assert any("P.O. Box 4411" in p for p in contacts["postal"])  # type: ignore[index]


def test_a_bare_number_beside_the_writers_e_mail_is_their_phone(settings: Settings) -> None:
    text = (
        "12 May 2024\n\nDear Minister,\n\nWe ask you to release Dario Velt, detained since "
        "March 2024 under case file 2024 5518 0032.\n\nYours sincerely,\n\nAda Brenn\n"
        "Nordland Refugee Aid\nada.brenn@nra.example.org · +44 20 7946 0321\n"
    )
    contacts = run(text, settings)["contacts"]
    assert contacts["phones"] == ["+44 20 7946 0321"]  # type: ignore[index]


def test_an_e_mails_from_address_is_the_writers_contact(settings: Settings) -> None:
    text = "Dear Ms Orrin,\n\nPlease ask for the release of my brother Dario Velt.\n\nKind regards,\nAda Velt\n"
    headers = (("from", '"Ada Velt" <ada.velt@mail.example.org>'), ("to", "Mira Orrin <m.orrin@gov.example>"))
    contacts = run(text, settings, format="eml", headers=headers)["contacts"]
    assert contacts["emails"] == ["ada.velt@mail.example.org"]  # type: ignore[index]


def test_an_action_alert_has_no_contacts(settings: Settings) -> None:
    text = (
        "URGENT ACTION\nJOURNALIST HELD INCOMMUNICADO\n\nDario Velt was arrested on 3 May 2024 in Carpania "
        "and is held incommunicado.\n\nTAKE ACTION\nWrite a letter in your own words or use the model letter:\n\n"
        "Dear Minister,\nI urge you to release Dario Velt immediately.\nYours sincerely,\n[Your name]\n\n"
        "Write to:\nMinister of Justice\nEmail: justice.office@gov.example\nFax: +44 20 7946 0111\n\n"
        "Please take action before 30 June 2024.\n"
    )
    out = run(text, settings)
    assert out["kind"] == "other"
    assert out["contacts"]["emails"] == [] and out["contacts"]["faxes"] == []  # type: ignore[index]


def test_a_persian_phone_and_fax_are_read_by_their_labels(settings: Settings) -> None:
    text = "با احترام\n\nسپیده کاظمی\nتلفن: ۰۲۱-۸۸۷۶۵۴۳۲   دورنگار: ۰۲۱-۸۸۷۶۵۴۳۳\n"
    contacts = run(text, settings)["contacts"]
    assert contacts["phones"] == ["۰۲۱-۸۸۷۶۵۴۳۲"]  # type: ignore[index]
    assert contacts["faxes"] == ["۰۲۱-۸۸۷۶۵۴۳۳"]  # type: ignore[index]


def test_legal_references_and_demands(settings: Settings) -> None:
    out = run(LETTER, settings)
    assert {"NON_REFOULEMENT", "ICCPR"} <= set(out["legal_references"])  # type: ignore[arg-type]
    assert {"release", "allow_family_contact"} <= set(out["demands"])  # type: ignore[arg-type]


def test_feared_events_are_not_asserted(settings: Settings) -> None:
    out = run("They will face arrest and torture if deported to Carpania.", settings)
    types = {e["type"] for e in out["events"]}  # type: ignore[union-attr]
    assert "deportation_threat" in types
    assert "arrest" not in types and "torture_ill_treatment" not in types


def test_denied_detention_is_not_asserted(settings: Settings) -> None:
    out = run("The ministry denied that Karel Vostrik was detained.", settings)
    assert "detention" not in {e["type"] for e in out["events"]}  # type: ignore[union-attr]


def test_prior_intervention_without_response(settings: Settings) -> None:
    prior = run(LETTER, settings)["prior_interventions"]
    assert prior and prior[0]["to"] == "Prime Minister"  # type: ignore[index]
    assert prior[0]["status"] == "no_response"  # type: ignore[index]


def test_person_at_risk_named(settings: Settings) -> None:
    assert "Karel Vostrik" in run(LETTER, settings)["persons_at_risk"]  # type: ignore[operator]


def test_french_letter(settings: Settings) -> None:
    text = (
        "Paris, le 4 mai 2020\n\nMonsieur le Ministre,\n\nNous demandons la libération immédiate de "
        "Jeanne Morel, détenue depuis mars 2020, en violation de la Convention contre la torture.\n\n"
        "Veuillez agréer, Monsieur le Ministre, l'expression de notre haute considération.\n\n"
        "Marc Dubois\nPrésident, Ligue des droits\n"
    )
    out = run(text, settings)
    assert out["language"] == "fr"
    assert out["date"] == "2020-05-04"
    assert "CAT" in out["legal_references"]  # type: ignore[operator]
    assert "release" in out["demands"]  # type: ignore[operator]


def test_hijri_date_converted() -> None:
    assert find_dates("15 Ramadan 1444")[0][2] == "2023-04-06"
    assert find_dates("1402/05/12")[0][2] == "2023-08-03"
    assert jalali_to_gregorian(1403, 1, 1).isoformat() == "2024-03-20"


def test_front_matter_gives_title_and_date(settings: Settings) -> None:
    text = "---\ntitle: Letter to a minister\ndate: 2019-04-23\n---\n**Dear Minister Holt,**\n\nWe urge you to release him.\n"
    out = run(text, settings)
    assert out["title"] == "Letter to a minister"
    assert out["date"] == "2019-04-23"


def test_component_failure_is_recorded_and_rest_runs(settings: Settings) -> None:
    def boom(ctx: Context) -> None:
        raise RuntimeError("secret text must not leak")

    broken = SimpleNamespace(NAME="broken", run=boom)
    result = extract(ExtractInput(text=LETTER), settings, stages=(broken, *STAGES))  # type: ignore[arg-type]
    assert [(e.component, e.error_type) for e in result.errors] == [("broken", "RuntimeError")]
    assert result.senders
    assert "secret" not in json.dumps(result.to_contract("t"))


def test_truncation_flag(settings: Settings) -> None:
    small = settings.with_(nlp_max_chars=200)
    result = extract(ExtractInput(text=LETTER), small)
    assert result.truncated
    assert not extract(ExtractInput(text=LETTER), settings).truncated
    for value in result.persons:
        assert all(s.end <= 200 for s in value.prov.spans)


def test_every_value_has_provenance_and_vocab_ids(settings: Settings) -> None:
    result = extract(ExtractInput(text=LETTER), settings)
    assert {v.value for v in result.demands} <= ids("demand_types")
    assert {v.value for v in result.legal_references} <= ids("legal_references")
    assert {e.type for e in result.events} <= ids("event_types")
    for v in [*result.persons, *result.organizations, *result.demands]:
        assert v.prov.review_state == "suggested"
        assert v.prov.component
        for s in v.prov.spans:
            assert 0 <= s.start <= s.end <= len(LETTER)


def test_odd_inputs_give_valid_json(settings: Settings) -> None:
    for text in ["", "x", "\u202eمرحبا بالعالم\u202c", "<p>fragment</p>", "Ünïcödé " * 50, "\n\n\n"]:
        result = extract(ExtractInput(text=text), settings)
        assert not result.errors
        json.dumps(result.to_contract("t"))
