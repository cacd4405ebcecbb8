"""Events read through the dependency parse: subjects, actors, modality, merging."""

from __future__ import annotations

from typing import Any

import pytest

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings


def events(text: str, settings: Settings) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = extract(ExtractInput(text=text), settings).to_contract("t")[
        "events"
    ]
    return out


def all_events(text: str, settings: Settings) -> list[tuple[str, str]]:
    return [(e.type, e.modality) for e in extract(ExtractInput(text=text), settings).events]


def test_threat_of_removal_is_the_only_event_when_torture_is_feared(settings: Settings) -> None:
    text = "They will face arrest and torture if deported."
    assert [e["type"] for e in events(text, settings)] == ["deportation_threat"]


def test_denied_detention_is_kept_as_denied(settings: Settings) -> None:
    text = "The ministry denied that Pavel Orlik was detained."
    assert ("detention", "denied") in all_events(text, settings)
    assert events(text, settings) == []


def test_passive_subject_and_agent(settings: Settings) -> None:
    text = "Mr. Pavel Orlik was arrested by the Carpanian police in Eastgate on 4 May 2020."
    (event,) = events(text, settings)
    assert event["type"] == "arrest"
    assert event["subjects"] == ["Pavel Orlik"]
    assert event["actors"] == ["Carpanian police"] or event["actors"] == ["police"]
    assert event["date"] == "2020-05-04"


def test_active_subject_is_the_actor_and_object_the_victim(settings: Settings) -> None:
    text = "We are told that the police have detained John Smith in the capital since 2018."
    (event,) = events(text, settings)
    assert event["subjects"] == ["John Smith"]
    assert event["actors"] == ["police"]


def test_conjoined_subjects(settings: Settings) -> None:
    text = "John Smith, Maria Lopez and David Brown were arrested last week in the capital."
    (event,) = events(text, settings)
    assert len(event["subjects"]) >= 2
    assert "John Smith" in event["subjects"]


def test_a_request_to_release_is_not_a_release(settings: Settings) -> None:
    text = "We call on the authorities to release Pavel Orlik."
    assert "release" not in [e["type"] for e in events(text, settings)]


def test_a_content_clause_after_a_modal_is_asserted(settings: Settings) -> None:
    text = "You should know that Mira Sand was sentenced to five years in prison."
    assert "trial" in [e["type"] for e in events(text, settings)]


def test_the_state_actor_the_text_names_is_the_default_actor(settings: Settings) -> None:
    text = (
        "The Syrian authorities have escalated their campaign against the press. "
        "John Smith was detained in March. The Syrian authorities refuse all visits to the prison."
    )
    detention = next(e for e in events(text, settings) if e["type"] == "detention")
    assert detention["actors"] == ["Syrian authorities"]


def test_a_text_that_names_the_acting_body_presumes_no_state_for_the_rest(
    settings: Settings,
) -> None:
    text = (
        "The Syrian authorities have escalated their campaign against the press. "
        "John Smith was arrested by officers of the Carpanian Security Directorate. "
        "John Smith was later transferred to a prison in the north."
    )
    found = events(text, settings)
    arrest = next(e for e in found if e["type"] == "arrest")
    transfer = next(e for e in found if e["type"] == "forced_transfer")
    assert arrest["actors"] == ["Carpanian Security Directorate"]
    assert "Syrian authorities" not in transfer["actors"]


def test_interrogators_who_beat_someone_are_the_actors(settings: Settings) -> None:
    text = "Maria Lopez says that interrogators beat her and deprived her of sleep."
    (event,) = events(text, settings)
    assert event["type"] == "torture_ill_treatment"
    assert event["actors"] == ["interrogators"]


def test_an_appeal_names_no_actor_it_does_not_know(settings: Settings) -> None:
    text = (
        "12 May 2024\n\nDear Minister,\n\nThe Syrian authorities have escalated their campaign "
        "against the press. John Smith was detained in March. We urge you to release him at "
        "once.\n\nYours sincerely,\n\nAda Brenn\n"
    )
    detention = next(e for e in events(text, settings) if e["type"] == "detention")
    assert detention["actors"] == []


def test_repeated_mentions_make_one_event(settings: Settings) -> None:
    text = "Pavel Orlik was detained in March. Orlik remains in detention in Eastgate."
    assert [e["type"] for e in events(text, settings)].count("detention") == 1


def test_french_passive_arrest(settings: Settings) -> None:
    text = "Monsieur Paul Martin a été arrêté par la police le 3 mai 2021."
    (event,) = [e for e in events(text, settings) if e["type"] == "arrest"]
    assert event["subjects"] == ["Paul Martin"]


def test_they_and_both_point_back_to_everyone_the_last_sentence_named(
    settings: Settings,
) -> None:
    text = (
        "Pavel Orlik and Maria Lopez are teachers from Eastgate. "
        "Last week both were moved to solitary confinement."
    )
    (abuse,) = [e for e in events(text, settings) if e["type"] == "psychological_abuse"]
    assert set(abuse["subjects"]) == {"Pavel Orlik", "Maria Lopez"}


def test_a_pronoun_with_no_one_named_before_is_the_main_person(settings: Settings) -> None:
    text = (
        "In 2015 he escaped from the camp and crossed the border. "
        "Pavel Orlik now lives in Eastgate. Pavel Orlik is a teacher."
    )
    (escape,) = [e for e in events(text, settings) if e["type"] == "escape"]
    assert escape["subjects"] == ["Pavel Orlik"]


def test_we_and_it_are_not_the_subject_of_an_event(settings: Settings) -> None:
    text = "Pavel Orlik is a teacher in Eastgate. We fled the city when it was bombed."
    assert "escape" not in [e["type"] for e in events(text, settings)]


def test_who_fled_is_whom_the_escape_is_about(settings: Settings) -> None:
    text = "Pavel Orlik is a teacher from Eastgate. In 2015 Pavel Orlik fled the camp."
    (escape,) = [e for e in events(text, settings) if e["type"] == "escape"]
    assert escape["subjects"] == ["Pavel Orlik"]
    assert escape["actors"] == []


def test_the_names_listed_after_among_them_are_the_group_s_members(settings: Settings) -> None:
    text = (
        "On 2 May soldiers detained six residents of the camp and took them away. "
        "Among them are Pavel Orlik and Maria Lopez."
    )
    detained = [e for e in events(text, settings) if e["type"] == "detention"]
    assert detained
    assert {"Pavel Orlik", "Maria Lopez"} <= set(detained[0]["subjects"])


def test_among_them_adds_no_one_to_an_event_that_already_names_its_people(
    settings: Settings,
) -> None:
    text = (
        "Pavel Orlik was detained on 2 May in Eastgate. "
        "Among them are teachers such as Maria Lopez, who was not detained."
    )
    detained = [e for e in events(text, settings) if e["type"] == "detention"]
    assert all("Maria Lopez" not in e["subjects"] for e in detained)


def test_a_german_pronoun_points_back_to_the_person_named_before(settings: Settings) -> None:
    text = (
        "Anna Weber lebt in Eastgate. Anna Weber ist Ärztin. Ihr Kollege Pavel Orlik ist Lehrer. "
        "Im April 2022 wurde er vom Geheimdienst festgenommen."
    )
    result = extract(ExtractInput(text=text, language="de"), settings).to_contract("t")
    (arrest,) = [e for e in result["events"] if e["type"] == "arrest"]
    assert arrest["subjects"] == ["Pavel Orlik"]


def test_a_deprivation_phrased_with_a_negation_is_asserted_in_french(settings: Settings) -> None:
    text = (
        "Marie Dubois est détenue à Eastgate depuis mai. "
        "Sa mère n'a pas été autorisée à la voir depuis mars."
    )
    result = extract(ExtractInput(text=text, language="fr"), settings).to_contract("t")
    cut_off = [e for e in result["events"] if e["type"] == "denial_of_family_contact"]
    assert [e["subjects"] for e in cut_off] == [["Marie Dubois"]]


def test_a_relative_kept_from_visiting_is_not_the_subject(settings: Settings) -> None:
    text = (
        "Pavel Orlik was arrested in May. His mother, Anna Weber, has not been allowed to "
        "visit him since September. He was sentenced to ten years in October."
    )
    by_type = {e["type"]: e["subjects"] for e in events(text, settings)}
    assert by_type["denial_of_family_contact"] == ["Pavel Orlik"]
    assert by_type["trial"] == ["Pavel Orlik"]  # 'he' is not the mother named before


def test_a_relative_kept_away_in_french(settings: Settings) -> None:
    text = (
        "Marie Dubois est détenue à Eastgate depuis mai. "
        "Sa sœur, Mme Anne Weber, n'a pas pu la voir depuis mars."
    )
    result = extract(ExtractInput(text=text, language="fr"), settings).to_contract("t")
    cut_off = [e for e in result["events"] if e["type"] == "denial_of_family_contact"]
    assert [e["subjects"] for e in cut_off] == [["Marie Dubois"]]


def test_a_removal_that_is_planned_or_invoked_is_a_threat_of_deportation(
    settings: Settings,
) -> None:
    for text in (
        "Tomas Veller is held in Eastgate and the government intends to hand him over to Carpania.",
        "Tomas Veller was told that he would be \"sent back\" if he kept protesting.",
        "Tomas Veller, held in the Eastgate centre, awaits his imminent return to Carpania.",
        "We ask that Tomas Veller not be handed over to Carpania.",
        "Sending Tomas Veller to Carpania would violate the principle of non-refoulement.",
    ):
        threats = [e for e in events(text, settings) if e["type"] == "deportation_threat"]
        assert threats and threats[0]["subjects"] == ["Tomas Veller"], text


def test_violence_said_in_plain_words_is_ill_treatment(settings: Settings) -> None:
    for text in (
        "Police officers used pepper spray and batons against Tomas Veller in the camp.",
        "During the raid on the Eastgate camp more than forty residents were injured.",
        "Tomas Veller says that the interrogators beat him during the night.",
        "Tomas Veller was given electric shocks to make him sign a statement.",
        "Holding Tomas Veller in a cell without light amounts to cruel and degrading treatment.",
    ):
        assert "torture_ill_treatment" in [e["type"] for e in events(text, settings)], text


def test_the_title_of_the_convention_against_cruel_treatment_is_no_event(
    settings: Settings,
) -> None:
    text = (
        "Tomas Veller's case falls under the Convention against Torture and Other Cruel, "
        "Inhuman or Degrading Treatment or Punishment."
    )
    assert "torture_ill_treatment" not in [e["type"] for e in events(text, settings)]


def test_a_group_word_of_the_language_files_is_a_subject(settings: Settings) -> None:
    # 'residents' is a group word of en.json: the event is about them
    text = "Police officers used pepper spray and batons against residents of the Eastgate camp."
    ill = [e for e in events(text, settings) if e["type"] == "torture_ill_treatment"]
    assert ill and any("residents" in s for s in ill[0]["subjects"])


def _actors_of(type_: str, text: str, settings: Settings, language: str | None = None) -> list[str]:
    result = extract(ExtractInput(text=text, language=language), settings)
    return [a for e in result.contract_events() if e.type == type_ for a in e.actors]


@pytest.mark.parametrize(
    "text",
    [
        "Pavel Orlik was arrested on 4 May. He remains in detention although a court "
        "ordered his release in June.",
        "Pavel Orlik was arrested on 4 May. We ask you to ensure that, while he is in "
        "detention, he is brought before a judge.",
    ],
)
def test_a_court_that_does_not_order_the_detention_is_no_actor(
    settings: Settings, text: str
) -> None:
    assert _actors_of("detention", text, settings) == []


def test_a_judge_who_ordered_the_detention_is_its_actor(settings: Settings) -> None:
    text = "On 4 May a judge remanded Mr. Pavel Orlik in pretrial detention for 90 days."
    assert any("judge" in a for a in _actors_of("detention", text, settings))


def test_a_court_that_sentenced_to_prison_is_the_trials_actor_not_the_detentions(
    settings: Settings,
) -> None:
    text = "In 2021 the Eastgate Regional Court sentenced Pavel Orlik to five years' imprisonment."
    assert "Eastgate Regional Court" in _actors_of("trial", text, settings)
    assert "Eastgate Regional Court" not in _actors_of("detention", text, settings)


def test_without_a_parse_a_court_that_sentences_is_no_detention_actor(settings: Settings) -> None:
    text = (
        "Pavel Orlik, encarcelado desde 2020, fue condenado por el Tribunal Regional de "
        "Eastgate a cinco años de prisión."
    )
    assert _actors_of("detention", text, settings, "es") == []


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Pavel Orlik remains in detention in Eastgate.",
        "Mr. Pavel Orlik spent four years in prison in Eastgate.",
    ],
)
def test_who_remains_or_is_held_is_the_subject_not_the_actor(
    settings: Settings, text: str
) -> None:
    (event,) = events(text, settings)
    assert event["type"] == "detention"
    assert event["subjects"] == ["Pavel Orlik"]
    assert event["actors"] == []


def test_the_trigger_noun_is_not_its_own_subject() -> None:
    from vigil.extract.events import _roles
    from vigil.extract.models import pipeline_for

    doc = pipeline_for("en")("The authorities quashed the death sentences.")
    (trigger,) = [t for t in doc if t.text == "sentences"]
    assert trigger not in _roles(trigger).subjects


def test_a_presumed_state_actor_is_not_spent_on_a_feared_event(settings: Settings) -> None:
    text = (
        "The Moldovan authorities have targeted critics for years. Tomas Veller fears he "
        "could be imprisoned again. Tomas Veller has been held in Eastgate Prison since May 2021."
    )
    assert _actors_of("detention", text, settings) == ["Moldovan authorities"]
