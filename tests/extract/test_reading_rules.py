# Synthetic letters keep their paragraphs on one line, as published.
# ruff: noqa: E501
"""Rules for press releases around letters, statements and appeals, on
synthetic texts in English and French (names and places are invented)."""

from __future__ import annotations

from typing import Any

import pytest

from vigil.extract import ExtractInput, extract
from vigil.extract.context import prov
from vigil.extract.events import _holding_country
from vigil.extract.parties import office_holder
from vigil.extract.prefilter import fold_case
from vigil.extract.risk import _one_per_person
from vigil.extract.types import Value
from vigil.settings import Settings


def _run(text: str, settings: Settings, title: str | None = None) -> dict[str, Any]:
    if title:
        text = f"---\ntitle: {title}\n---\n{text}"
    return extract(ExtractInput(text=text), settings).to_contract("t")


INTRO_LETTER = """Senators urge review of Tomas Vell case

Capital City - Today, Senators Ada Brenn and Olav Kest sent a letter to President Ivo Marek and Secretary of State Lena Quist requesting the release of Tomas Vell, a teacher detained in Nordland since 2021.

The full letter is below:

Dear Mr. President and Secretary Quist:

We write about Tomas Vell, who was arrested by the Nordland police in May 2021 and has been held incommunicado since then. We urge you to press for his release and to ensure that he receives medical care.

Sincerely,

Ada Brenn
United States Senator

Olav Kest
United States Senator
"""


def test_addressees_from_the_introduction_of_a_letter(settings: Settings) -> None:
    out = _run(INTRO_LETTER, settings)
    assert out["kind"] == "letter"
    pairs = {(a["name"], a["title"]) for a in out["addressees"]}
    assert ("Ivo Marek", "President") in pairs
    assert ("Lena Quist", "Secretary of State") in pairs
    # the letter the introduction describes is this one, not an earlier one
    assert not any(
        p["to"] in ("President Ivo Marek", "Ivo Marek") for p in out["prior_interventions"]
    )


def test_intro_letter_yields_events_demands_and_person_at_risk(settings: Settings) -> None:
    out = _run(INTRO_LETTER, settings)
    assert "release" in out["demands"]
    assert "medical_care" in out["demands"]
    types = {e["type"] for e in out["events"]}
    assert {"arrest", "enforced_disappearance"} <= types
    at_risk = [p if isinstance(p, str) else p["name"] for p in out["persons_at_risk"]]
    assert any("Vell" in p for p in at_risk)
    assert not any("Quist" in p or "Marek" in p or "Brenn" in p for p in at_risk)


def test_office_holders_are_not_at_risk() -> None:
    text = "Secretary of State Lena Quist met the family. Later, Secretary Quist spoke again."
    assert office_holder(text, "Lena Quist")
    text = "Tomas Vell remains in prison. Vell is a teacher."
    assert not office_holder(text, "Tomas Vell")


def test_statement_title_and_attribution(settings: Settings) -> None:
    text = (
        "The following is attributable to Spokesperson Mira Holt:\n\n"
        "The United States condemns the sentencing of journalist Pavel Drun, who was "
        "detained in Norway in 2022 on politically motivated charges. Pavel Drun should be "
        "released immediately.\n"
    )
    out = _run(text, settings, title="Ministry Statement on the Sentencing of Pavel Drun")
    assert out["kind"] == "press_release"
    names = [s["name"] for s in out["senders"]]
    assert "Mira Holt" in names
    assert "release" in out["demands"]
    trial = [e for e in out["events"] if e["type"] == "trial"]
    assert trial and "Norway" in trial[0]["actors"]


def test_campaign_title_denounces_is_a_statement(settings: Settings) -> None:
    out = _run(
        "The #FREEX campaign denounces the decision to hold Ana Ruiz in prison.\n",
        settings,
        title="#FREEX Campaign Denounces Detention",
    )
    assert out["kind"] == "press_release"
    assert any("FREEX" in s["name"] for s in out["senders"])


def test_letter_title_without_salutation_is_an_open_letter(settings: Settings) -> None:
    text = "As engineers and researchers, we protest the detention of Ana Ruiz in Nordland.\n"
    assert _run(text, settings, title="Solidarity Letter for Ana Ruiz")["kind"] == "open_letter"
    assert _run(text, settings, title="Lettre de solidarité avec Ana Ruiz")["kind"] == "open_letter"


def test_reported_calls_are_prior_interventions(settings: Settings) -> None:
    text = (
        "Ana Ruiz has been detained in Nordland since March.\n\n"
        "I renew my call for the Nordish government to release her. In my discussions with "
        "Nordish officials, I raised her case.\n"
    )
    out = _run(text, settings)
    by_to = {p["to"]: p["status"] for p in out["prior_interventions"]}
    assert by_to.get("Nordish government") == "sent"
    assert by_to.get("Nordish officials") == "unknown"


def test_listed_organisations_are_organisations(settings: Settings) -> None:
    text = (
        "The appeal is supported by 4 organizations in Nordland: the Coastal Legal Aid Centre, "
        "Friends of the Harbour, Northern Rights Watch and Voices for Justice.\n"
    )
    orgs = set(_run(text, settings)["organizations"])
    assert {"Coastal Legal Aid Centre", "Northern Rights Watch"} <= {
        o if isinstance(o, str) else o["name"] for o in orgs
    }


def test_instruments_are_not_organisations(settings: Settings) -> None:
    text = (
        "Nordland is a party to the International Covenant on Civil and Political Rights, and "
        "the Nordland Supreme Court has ruled on the case of Ana Ruiz.\n"
    )
    orgs = [o if isinstance(o, str) else o["name"] for o in _run(text, settings)["organizations"]]
    assert not any("Covenant" in o for o in orgs)


def test_the_holding_state_is_the_presumed_actor() -> None:
    text = "Four years of wrongful detention in Nordland. He was held hostage by the Red Band."
    assert _holding_country(text, fold_case(text), {"Red Band"}) in ("Nordland", "Red Band")
    french = "Elle est détenue en France depuis mars."
    assert _holding_country(french, fold_case(french), set()) == "France"


FR_COMMUNIQUE = """Communiqué : Ana Ruiz doit être libérée

L'ONG Vigie dénonce la détention d'Ana Ruiz, arrêtée le 3 mars. Ana Ruiz a été jugée sous le
coup d'une accusation d'espionnage et empêchée de quitter le pays. Nous demandons sa libération
immédiate et un procès équitable.
"""


def test_french_statement_demands_and_events(settings: Settings) -> None:
    out = _run(FR_COMMUNIQUE, settings)
    assert out["language"] == "fr"
    assert out["kind"] == "press_release"
    assert {"release", "fair_trial"} <= set(out["demands"])
    types = {e["type"] for e in out["events"]}
    assert "trial" in types and "restriction_of_movement" in types


def test_subjectless_trigger_is_not_an_event(settings: Settings) -> None:
    out = _run(
        "Torture of any kind is prohibited by law. Intimidation is never acceptable.\n", settings
    )
    assert out["events"] == []


SPACED_BLOCK = """October 3, 2021

General Ivo Marek

Commandant of the Nordic Guard

Headquarters, Nordic Guard

Washington, DC 20350

Re: Captain Lena Quist

Dear Commandant Marek,

Captain Lena Quist should be released from the brig. In our March letter to you, we raised her case.

Sincerely,

Ada Brenn
Member of Congress
"""


def test_address_block_with_blank_lines_and_a_re_line(settings: Settings) -> None:
    out = _run(SPACED_BLOCK, settings)
    addressee = out["addressees"][0]
    assert addressee["name"] == "Ivo Marek"
    assert "Commandant of the Nordic Guard" in (addressee["title"] or "")
    prior = out["prior_interventions"]
    assert prior and prior[0]["to"] == "Ivo Marek" and prior[0]["status"] == "sent"


def test_place_repairs(settings: Settings) -> None:
    text = (
        "WASHINGTON, D.C. - Today the U.S. Senate heard from Austin Kell, who was detained in Miami, "
        "Fla. The United States must act.\n"
    )
    locs = [x if isinstance(x, str) else x["name"] for x in _run(text, settings)["locations"]]
    assert not ({"U.S", "U.S."} & set(locs) and "United States" in locs)
    assert "Austin" not in locs
    assert any(loc.startswith("Miami, Fla") for loc in locs)


def test_lettre_precedente_au_destinataire(settings: Settings) -> None:
    text = (
        "Monsieur le Ministre Paul Verne,\n\nNous vous avons déjà écrit au sujet de Lina Forêt, "
        "détenue en France depuis mars, sans réponse.\n\nVeuillez agréer, Monsieur le Ministre, nos salutations.\n\n"
        "Claire Dubois\n"
    )
    prior = _run(text, settings)["prior_interventions"]
    assert any(p["status"] == "no_response" for p in prior)


def test_author_line_and_signatory_list(settings: Settings) -> None:
    text = (
        "Author(s): Ivo Marek, Lena Quist\n\n"
        "We are alarmed by the detention of Ana Ruiz in Norway and call for her release.\n\n"
        "Signatories\n\n"
        "Coastal Legal Aid Centre\n"
        "Northern Rights Watch\n"
        "Friends of the Harbour\n"
    )
    out = _run(text, settings, title="Statement on Ana Ruiz")
    names = [s["name"] for s in out["senders"]]
    assert "Ivo Marek" in names and "Lena Quist" in names
    assert "Northern Rights Watch" in names
    orgs = [o if isinstance(o, str) else o["name"] for o in out["organizations"]]
    assert "Coastal Legal Aid Centre" in orgs


@pytest.mark.parametrize(
    ("label", "separator"),
    [("Signataires :", " · "), ("Firman:", " · "), ("Signatories:", "; "), ("Unterzeichnende:", " | ")],
)
def test_a_signatory_list_on_its_label_s_line(label: str, separator: str, settings: Settings) -> None:
    names = ["Coastal Legal Aid Centre", "Northern Rights Watch", "Friends of the Harbour"]
    text = (
        "Statement\n\nWe are alarmed by the detention of Ana Ruiz in Nordland and call for her "
        f"release.\n\n{label} {separator.join(names)}\n\nPress contact: press@nrw.example.org\n"
    )
    senders = [s["name"] for s in _run(text, settings)["senders"]]
    assert senders == names


def test_image_file_names_are_not_emails(settings: Settings) -> None:
    text = "Contact: press@rights.example.org\n\n<img src='logos-300x33@2x.png'>\n"
    emails = _run(text, settings)["contacts"]["emails"]
    assert "press@rights.example.org" in emails
    assert not any(e.endswith(".png") for e in emails)


def test_described_body_of_a_country_as_earlier_recipient(settings: Settings) -> None:
    text = (
        "Dear Minister,\n\nWe have written numerous letters to the Prime Minister and other human "
        "rights organizations of Norway about Ana Ruiz. No responses have been given.\n\n"
        "Sincerely,\n\nThe family of Ana Ruiz\n"
    )
    prior = {p["to"]: p["status"] for p in _run(text, settings)["prior_interventions"]}
    assert prior.get("human rights organizations of Norway") == "no_response"


def test_office_holders_are_not_event_subjects(settings: Settings) -> None:
    text = (
        "Secretary of State Lena Quist and Ana Ruiz were mentioned. Ana Ruiz was arrested by the "
        "regime and Secretary Quist was told about her detention. The Nordish regime holds her. "
        "The Nordish regime arrested her friends.\n"
    )
    events = _run(text, settings)["events"]
    assert events
    assert not any("Quist" in s for e in events for s in e["subjects"])
    assert not any(a.lower() in ("regime", "the regime") for e in events for a in e["actors"])


def test_french_call_to_intercede(settings: Settings) -> None:
    text = "Nous demandons au gouvernement d'intercéder en faveur d'Ana Ruiz et d'obtenir sa libération.\n"
    demands = set(_run(text, settings)["demands"])
    assert {"intervene", "release"} <= demands


def test_people_reported_freed_are_not_at_risk(settings: Settings) -> None:
    text = (
        "Daniel Hart was released today after two years in prison in Norway. "
        "Peter Novak remains detained in Norway. We call for the release of Peter Novak.\n"
    )
    at_risk = [
        p if isinstance(p, str) else p["name"] for p in _run(text, settings)["persons_at_risk"]
    ]
    assert any("Novak" in p for p in at_risk)
    assert not any("Hart" in p for p in at_risk)


def test_amended_codes_and_refoulement_are_cited(settings: Settings) -> None:
    text = (
        "New amendments to the criminal code permit the death penalty. We urge the government "
        "to prevent the refoulement of Peter Novak to Norway.\n"
    )
    refs = set(_run(text, settings)["legal_references"])
    assert {"NATIONAL_LAW", "NON_REFOULEMENT"} <= refs
    texte = "Les amendements au code pénal permettent la peine de mort contre Peter Novak.\n"
    assert "NATIONAL_LAW" in _run(texte, settings)["legal_references"]


OWN_ORG_LETTER = """Minister Rhea Tamsin
Ministry of Justice

Dear Minister Tamsin,

We are writing about Mr. Pavel Ostrander, who was detained in Korvia last month. As a monitoring group, we follow these cases closely. The Harbour Watch organization believes that his detention is arbitrary, and we ask you to release him.

Sincerely,

Ilse Marrow
Coordinator
"""


def test_a_signatory_takes_the_organisation_the_letter_speaks_as(settings: Settings) -> None:
    senders = _run(OWN_ORG_LETTER, settings)["senders"]
    assert [(s["name"], s["organization"]) for s in senders] == [("Ilse Marrow", "Harbour Watch")]


def test_an_organisation_merely_mentioned_is_not_the_signatory_s(settings: Settings) -> None:
    text = OWN_ORG_LETTER.replace("The Harbour Watch organization believes", "The Red Cross says")
    senders = _run(text, settings)["senders"]
    assert [(s["name"], s["organization"]) for s in senders] == [("Ilse Marrow", None)]


def test_a_bare_office_in_a_list_takes_the_place_the_list_ends_with(settings: Settings) -> None:
    text = OWN_ORG_LETTER.replace(
        "As a monitoring group",
        "We have written many letters to the Interior Minister and other rights bodies of Korvia, "
        "but no response has been given. As a monitoring group",
    )
    earlier = [p["to"] for p in _run(text, settings)["prior_interventions"]]
    assert earlier == ["Interior Minister of Korvia", "rights bodies of Korvia"]


def test_state_bodies_named_by_phrase_in_english_and_french(settings: Settings) -> None:
    english = _run(
        "The Korvan administration and the U.S. government were told. We asked the "
        "government of Korvia, not Dr. Pell, to act.\n",
        settings,
    )["organizations"]
    assert {"Korvan administration", "U.S. government", "government of Korvia"} <= set(english)
    french = _run(
        "La police équatorienne a arrêté M. Paul Vire. Nous appelons le gouvernement "
        "de l'Équateur et les autorités équatoriennes à le libérer.\n",
        settings,
    )["organizations"]
    assert {"police équatorienne", "gouvernement de l'Équateur", "autorités équatoriennes"} <= set(
        french
    )


FAMILY_LETTER = """Mr. Arno Velt
Minister of Justice

Dear Minister,

We are the family of Ruben Kasza. On 3 May 2024 Ruben was arrested at his workplace by the police. We have written to the Prosecutor General and to the Ombudsman of Norvia, and we received no reply to either letter. We ask you to release him.

With gratitude and hope,

The family of Ruben Kasza
Telvar, Norvia
"""


def test_a_family_letter_speaks_for_its_namesake(settings: Settings) -> None:
    found = _run(FAMILY_LETTER, settings)
    assert [(s["name"], s["kind"], s.get("place")) for s in found["senders"]] == [
        ("family of Ruben Kasza", "family", "Telvar, Norvia")
    ]
    assert "Ruben Kasza" in found["persons"] and found["persons_at_risk"] == ["Ruben Kasza"]
    arrest = next(e for e in found["events"] if e["type"] == "arrest")
    assert arrest["subjects"] == ["Ruben Kasza"]  # 'Ruben' alone is the only Ruben named
    assert [p["to"] for p in found["prior_interventions"]] == [
        "Prosecutor General of Norvia",
        "Ombudsman of Norvia",
    ]


def test_a_release_asked_for_is_not_a_release_that_happened(settings: Settings) -> None:
    text = "Our first priority is seeking the release and safe return of Mr. Ivo Brandt, detained in Kelmar.\n"
    events = _run(text, settings)["events"]
    assert "release" not in [e["type"] for e in events]


def test_an_acronym_in_brackets_keeps_the_name_it_abbreviates(settings: Settings) -> None:
    text = "Members of Jebhe-ye Azadi-ye Melli (JAM) were detained. The JAM denies any crime.\n"
    assert "Jebhe-ye Azadi-ye Melli (JAM)" in _run(text, settings)["organizations"]


def test_a_repost_header_and_a_date_line_do_not_hide_the_addressee(settings: Settings) -> None:
    text = (
        "Home » Appeals » A letter\n\nPosted on 18 March 2024 by the editors\n\n"
        + FAMILY_LETTER.replace(
            "Minister of Justice\n", "Minister of Justice\n\n12 May 2024\n"
        ).replace(
            "We ask you", "His only offence was that he signed a petition of teachers. We ask you"
        )
        + "\nCopies to:\n- United Nations Working Group on Arbitrary Detention\n"
    )
    found = _run(text, settings)
    assert [a["name"] for a in found["addressees"]] == ["Arno Velt"]
    assert found["kind"] == "letter"  # a petition he signed; no call to sign this one
    assert "detention" not in [e["type"] for e in found["events"]]  # a copy list is no event


def test_earlier_letters_name_the_person_not_the_office(settings: Settings) -> None:
    text = (
        "Today, Senator Ada Brenn wrote a letter to Secretary of State Lena Quist and Secretary "
        "of Homeland Security Olav Kest about people sent to the Northgate Detention Camp (NDC). "
        "Dozens were sent to NDC last year.\n"
    )
    earlier = [p["to"] for p in _run(text, settings)["prior_interventions"]]
    assert earlier == ["Lena Quist", "Olav Kest"]


def test_dropping_the_charges_is_a_fair_trial_demand(settings: Settings) -> None:
    english = "We urge the authorities to drop all charges against Ivo Brandt.\n"
    french = (
        "Nous demandons aux autorités de retirer sans condition toutes les charges contre lui.\n"
    )
    assert "fair_trial" in _run(english, settings)["demands"]
    assert "fair_trial" in _run(french, settings)["demands"]


WRAPPED_LETTER = """To: Mr. Arno Velt, Minister of Justice of Norvia

Dear Mr. Velt,

Our brother Ruben Kasza is held at the Telvar detention centre since 4 May
2024. We wrote to your office in June and have written three letters to the
State Police; none has been answered.

We ask you to let us visit him and to open an investigation into his
detention.

The family of Ruben Kasza, Telvar, Norvia
"""


def test_a_wrapped_letter_without_a_closing_is_signed_below_its_last_paragraph(
    settings: Settings,
) -> None:
    found = _run(WRAPPED_LETTER, settings)
    assert [(s["name"], s.get("place")) for s in found["senders"]] == [
        ("family of Ruben Kasza", "Telvar, Norvia")
    ]
    assert "Telvar" not in found["persons"]  # 'the Telvar detention centre' is a place
    earlier = {(p["to"], p["status"]) for p in found["prior_interventions"]}
    assert earlier == {("Arno Velt", "no_response"), ("State Police", "no_response")}


def test_a_town_and_country_under_an_office_is_its_address(settings: Settings) -> None:
    text = (
        "2 May 2024\n\nProsecutor General of the Republic of Uzbekistan\nSamarkand, Uzbekistan\n\n"
        "Dear Prosecutor General,"
        "\n\nWe ask you to release Ruben Kasza.\n\nBest wishes,\nIlse Marrow\n"
    )
    found = _run(text, settings)
    assert [a["name"] for a in found["addressees"]] == [
        "Prosecutor General of the Republic of Uzbekistan"
    ]
    assert [s["name"] for s in found["senders"]] == ["Ilse Marrow"]


def test_an_event_takes_the_date_next_to_it(settings: Settings) -> None:
    text = (
        "Mr. Ivo Brandt, held in detention since 3 January 2024, faces extradition to a country "
        "where he was tortured in 2019.\n"
    )
    dates = {e["type"]: e["date"] for e in _run(text, settings)["events"]}
    assert dates.get("torture_ill_treatment") == "2019"


def test_a_committee_chair_is_named_without_the_committee(settings: Settings) -> None:
    text = (
        "Today, Representatives Ada Brenn (D-CA-12) and Judiciary Chairman Olav Kest (D-NY-10) "
        "wrote to the Secretary of State about Tomas Vell, detained since May.\n"
    )
    assert {"Ada Brenn", "Olav Kest"} <= {s["name"] for s in _run(text, settings)["senders"]}


def test_an_earlier_letter_keeps_the_date_the_text_gives(settings: Settings) -> None:
    text = FAMILY_LETTER.replace(
        "We ask you", "We wrote to your office on 2 February 2024 and received no reply. We ask you"
    )
    earlier = {p["to"]: p.get("date") for p in _run(text, settings)["prior_interventions"]}
    assert earlier["Arno Velt"] == "2024-02-02"
    assert earlier["Prosecutor General of Norvia"] is None  # the text gives it no date


def _at_risk(text: str, settings: Settings) -> list[str]:
    return [p if isinstance(p, str) else p["name"] for p in _run(text, settings)["persons_at_risk"]]


def test_two_spellings_of_one_person_at_risk_are_one_entry() -> None:
    named = [
        Value(name, prov("risk", "t", 0.6))
        for name in ("Karim Fathy el-Nouri", "Karim Fathi al-Nouri", "Yaseen Sorani")
    ]
    kept = _one_per_person("", named)
    assert [v.value for v in kept] == ["Karim Fathy el-Nouri", "Yaseen Sorani"]
    text = "Karim Fathy el-Nouri, or Karim Fathi al-Nouri ... Karim Fathi al-Nouri"
    assert next(v.value for v in _one_per_person(text, named)) == "Karim Fathi al-Nouri"


def test_a_spelling_given_in_brackets_is_the_same_person(settings: Settings) -> None:
    text = (
        "Uladas Tsimkevich (also spelled Vladas Timkevich), an engineer, was detained in "
        "Eastgate on 3 May 2024. Vladas Timkevich has been held in solitary confinement since."
    )
    assert len(_at_risk(text, settings)) == 1


def test_relatives_with_one_surname_stay_two_people(settings: Settings) -> None:
    text = (
        "Mahdi Sorani was arrested in Eastgate on 3 May 2024. His brother Yaseen Sorani "
        "was detained the next day. Both are held without charge."
    )
    assert sorted(_at_risk(text, settings)) == ["Mahdi Sorani", "Yaseen Sorani"]
