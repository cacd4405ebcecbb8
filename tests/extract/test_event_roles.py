# ruff: noqa: RUF001  (Turkish and Cyrillic court names are meant as written)
"""Event subjects and actors beyond the parse, in several languages."""

from __future__ import annotations

import pytest

from vigil.extract import ExtractInput, extract
from vigil.extract.context import prov
from vigil.extract.event_roles import (
    agent_body,
    agent_phrase,
    armed_body,
    carry_named_force,
    clean_actor,
    judicial_body,
    named_agent,
    place_bound,
    plausible_subject,
    settle_actors,
    upholding_court,
)
from vigil.extract.types import Event
from vigil.settings import Settings


@pytest.mark.parametrize(
    "value",
    ["four months", "ten years", "eight years", "quatre mois", "dos años", "drei Jahre",
     "due anni", "Dear Members of the Council", "Mum", "whose sons", "Eastgate"],
)
def test_not_a_subject(value: str) -> None:
    assert not plausible_subject(value, places={"Eastgate"}, bodies={"Carpanian Bar"})


@pytest.mark.parametrize("value", ["Tomas Veller", "three journalists", "residents of the camp"])
def test_a_subject(value: str) -> None:
    assert plausible_subject(value, places={"Eastgate"}, bodies=set())


def test_a_name_that_is_also_a_place_stays_a_subject() -> None:
    assert plausible_subject("Lorne", places={"Lorne"}, bodies=set(), people={"Lorne"})


@pytest.mark.parametrize(
    ("text", "agent"),
    [
        ("by the Carpanian police on 3 May", "Carpanian police"),
        ("by officers of the Directorate of Security in May", "Directorate of Security"),
        ("par la police aux frontières le 3 mai", "police"),
        ("por agentes de la Policía Nacional en Eastgate", "Policía Nacional"),
        ("von der Polizei in Eastgate festgenommen", "police"),
        ("dalla polizia di Stato a Eastgate", "polizia di Stato"),
        ("by the security forces after a protest", "security forces"),
    ],
)
def test_agent_of_a_passive(text: str, agent: str) -> None:
    assert agent_phrase(text) == agent


@pytest.mark.parametrize("text", ["by his lawyer", "by a decision of the court", "by May"])
def test_no_agent(text: str) -> None:
    assert agent_phrase(text) is None


def test_clean_actor_names_the_body_of_its_officers() -> None:
    assert clean_actor("officers of the Carpanian Border Police") == "Carpanian Border Police"
    assert clean_actor("3 May 2021 police officers") == "police officers"


def test_duration_is_not_the_subject_of_a_detention(settings: Settings) -> None:
    text = "Tomas Veller has been detained for four months in Eastgate prison."
    result = extract(ExtractInput(text=text), settings)
    subjects = [s for e in result.events for s in e.subjects]
    assert "four months" not in subjects


def test_agent_of_a_french_arrest(settings: Settings) -> None:
    text = "M. Tomas Veller a été arrêté par la police aux frontières le 4 mai 2021 à Lyon."
    result = extract(ExtractInput(text=text, language="fr"), settings)
    arrests = [e for e in result.events if e.type == "arrest"]
    assert arrests and any("police" in a.lower() for a in arrests[0].actors)


@pytest.mark.parametrize(
    ("value", "english"),
    [
        ("des policiers", "police officers"),
        ("la policía", "police"),
        ("die Polizei", "police"),
        ("le forze di sicurezza", "security forces"),
        ("police aux frontières", "police aux frontières"),
        ("Guardia Civil", "Guardia Civil"),
    ],
)
def test_described_actors_are_written_in_english_and_named_bodies_kept(
    value: str, english: str
) -> None:
    assert clean_actor(value) == english


@pytest.mark.parametrize(
    ("text", "language", "actor"),
    [
        ("Security forces arrested Tomas Veller in Eastgate on 4 May 2021.", None,
         "Security forces"),
        ("Tomas Veller was arrested by agents of the Ministry of Public Order on 4 May 2021.",
         None, "Ministry of Public Order"),
        ("Agents of the Ministry of Public Order arrested Tomas Veller on 4 May 2021.", None,
         "Ministry of Public Order"),
        ("M. Tomas Veller a été arrêté par des policiers le 4 mai 2021.", "fr",
         "police officers"),
    ],
)
def test_actor_of_an_arrest(
    settings: Settings, text: str, language: str | None, actor: str
) -> None:
    result = extract(ExtractInput(text=text, language=language), settings)
    arrests = [e for e in result.events if e.type == "arrest"]
    assert arrests and arrests[0].subjects == ["Tomas Veller"]
    assert arrests[0].actors == [actor]


def test_an_unnamed_witness_released_is_no_release(settings: Settings) -> None:
    text = "A man released from the colony told us that Tomas Veller had been beaten."
    result = extract(ExtractInput(text=text), settings)
    assert "release" not in [e.type for e in result.events]
    named = "Tomas Veller, released from the colony in May, told us he had been beaten."
    assert "release" in [e.type for e in extract(ExtractInput(text=named), settings).events]


def _event(type_: str, subjects: list[str], actors: list[str]) -> Event:
    return Event(
        type=type_, subjects=subjects, actors=actors, place=None, date=None,
        modality="asserted", prov=prov("events", "test", 0.6, (0, 1)),
    )


@pytest.mark.parametrize(
    "actor",
    ["Revolutionary Court of Eastgate", "the investigating judge", "Public Prosecution",
     "Oberlandesgericht Nordstadt", "tribunal correctionnel", "Juzgado de Instrucción",
     "Procura della Repubblica", "Городской суд", "Ağır Ceza Mahkemesi", "المحكمة الجزائية",
     "دادگاه انقلاب"],
)
def test_judicial_bodies_in_every_language(actor: str) -> None:
    assert judicial_body(actor)


@pytest.mark.parametrize(
    "actor", ["Carpanian police", "Ministry of Intelligence", "courtyard guards", "security forces"]
)
def test_other_actors_are_not_judicial(actor: str) -> None:
    assert not judicial_body(actor)


def test_a_sentence_is_passed_by_the_court_that_tried_the_person() -> None:
    events = [
        _event("trial", ["Tomas Veller"], ["Eastgate Authorities", "Revolutionary Court"]),
        _event("death_sentence", ["Tomas Veller"], []),
        _event("death_sentence", ["Ana Lorne"], []),
    ]
    settle_actors(events)
    assert [e.actors for e in events][1:] == [["Revolutionary Court"], []]


@pytest.mark.parametrize(
    "actor",
    ["Eastgate Provincial Police", "Ministry of Intelligence", "Nordstädter Geheimdienst",
     "Direction de la sécurité intérieure", "Dirección de Contrainteligencia", "Polizia di Stato",
     "Nordstadt Emniyet Müdürlüğü", "Управление безопасности", "اداره اطلاعات", "قطاع الأمن"],
)
def test_armed_bodies_in_every_language(actor: str) -> None:
    assert armed_body(actor)


@pytest.mark.parametrize("actor", ["Nordstadt Bar Association", "Regional Court", "Red Crescent"])
def test_other_bodies_are_not_armed(actor: str) -> None:
    assert not armed_body(actor)


def test_a_named_body_of_the_usual_kind_acts() -> None:
    bodies = ["Nordstadt Bar Association", "Nordstadt Regional Court", "Nordstadt Police"]
    assert named_agent("arrest", bodies) == "Nordstadt Police"
    assert named_agent("trial", bodies) == "Nordstadt Regional Court"
    assert named_agent("killing", bodies) is None  # no usual agent: a named body is not presumed
    assert named_agent("arrest", bodies[:2]) is None


def test_an_arrest_is_done_by_the_security_body_its_sentence_names(settings: Settings) -> None:
    text = (
        "Tomas Veller wurde am 4. Mai 2021 festgenommen; die Festnahme führte der "
        "Nordstädter Geheimdienst durch."
    )
    result = extract(ExtractInput(text=text, language="de"), settings)
    arrests = [e for e in result.events if e.type == "arrest"]
    assert arrests and arrests[0].actors == ["Nordstädter Geheimdienst"]
    other = "Tomas Veller was arrested on 4 May 2021, and the Nordstadt Bar Association protested."
    arrests = [e for e in extract(ExtractInput(text=other), settings).events if e.type == "arrest"]
    assert arrests and arrests[0].actors == []


def test_the_named_force_that_arrested_a_person_is_carried_to_their_other_harms() -> None:
    events = [
        _event("arrest", ["Tomas Veller"], ["Nordstadt Security Directorate"]),
        _event("torture_ill_treatment", ["Tomas Veller"], []),
        _event("trial", ["Tomas Veller"], []),
        _event("torture_ill_treatment", ["Ana Lorne"], []),
    ]
    carry_named_force(events, {"Nordstadt Security Directorate"})
    assert [e.actors for e in events][1:] == [["Nordstadt Security Directorate"], [], []]


def test_only_a_named_force_of_an_arrest_is_carried() -> None:
    events = [
        _event("arrest", ["Tomas Veller"], ["police"]),
        _event("forced_return", ["Ana Lorne"], ["Nordstadt Police"]),
        _event("torture_ill_treatment", ["Tomas Veller"], []),
        _event("denial_of_family_contact", ["Ana Lorne"], []),
    ]
    carry_named_force(events, {"Nordstadt Police"})
    assert [e.actors for e in events][2:] == [[], []]


def test_a_capitalised_force_the_entity_list_missed_is_carried_too() -> None:
    events = [
        _event("arrest", ["Tomas Veller"], ["Presidency of Carpanian State Security"]),
        _event("detention", ["Tomas Veller"], []),
        _event("arrest", ["Ana Lorne"], ["security officers"]),
        _event("detention", ["Ana Lorne"], []),
    ]
    carry_named_force(events, set())
    assert events[1].actors == ["Presidency of Carpanian State Security"]
    assert events[3].actors == []


def test_an_actor_phrase_cut_inside_a_body_s_name_is_the_body() -> None:
    from vigil.extract.events import _Mention, _whole_body

    sentence = "Il a été arrêté par des agents de l'Agence de sécurité intérieure."
    body = "Agence de sécurité intérieure"
    at = 100 + sentence.index(body)
    bodies = [_Mention(at, at + len(body), body)]
    assert _whole_body("des agents de l'Agence", sentence, 100, bodies, {body}) == body
    # a phrase that holds the whole name, or no name, stays as it is
    other = sentence.replace("des agents", "la police")
    assert _whole_body("la police", other, 100, bodies, {body}) == "la police"


def _body_in(
    type_: str, sentence: str, trigger: str, names: list[str]
) -> str | None:
    at = sentence.index(trigger)
    spans = [(sentence.index(n), sentence.index(n) + len(n), n) for n in names]
    return agent_body(type_, sentence, (at, at + len(trigger)), spans)


@pytest.mark.parametrize(
    ("sentence", "trigger", "body"),
    [
        ("He was arrested at a checkpoint by members of the Border Guard Unit, and since",
         "arrested", "Border Guard Unit"),
        ("Arrêté le 3 mai par des agents en civil de la Direction centrale à son domicile",
         "Arrêté", "Direction centrale"),
        ("fue detenido por agentes del Servicio Nacional de Inteligencia en Eastgate",
         "detenido", "Servicio Nacional de Inteligencia"),
        ("è stato arrestato da agenti della Polizia di Stato a Eastgate",
         "arrestato", "Polizia di Stato"),
        ("Er wurde am 3. Mai von Beamten des Landesamts für Sicherheit festgenommen.",
         "festgenommen", "Landesamts für Sicherheit"),
        ("On 14 May officers of the Central Directorate (CD) arrested Mr Veller.",
         "arrested", "Central Directorate (CD)"),
        ("Был задержан сотрудниками ОМОН 9 августа", "задержан", "ОМОН"),
        # a closed aside between the trigger and its agent phrase is read past
        ("fue detenido en Eastgate (provincia del Norte) por agentes del Servicio Central",
         "detenido", "Servicio Central"),
        ("He was arrested in Eastgate (North Province) by officers of the Border Unit.",
         "arrested", "Border Unit"),
    ],
)
def test_the_body_of_an_agent_phrase_did_the_event(sentence: str, trigger: str, body: str) -> None:
    assert _body_in("arrest", sentence, trigger, [body]) == body


def test_an_agent_phrase_names_its_own_kind_of_body_only() -> None:
    sentence = "He was arrested by members of the Border Unit and sentenced by the Eastgate Court."
    names = ["Border Unit", "Eastgate Court"]
    assert _body_in("arrest", sentence, "arrested", names) == "Border Unit"
    assert _body_in("trial", sentence, "sentenced", names) == "Eastgate Court"


@pytest.mark.parametrize(
    ("type_", "sentence", "trigger"),
    [
        # a body named without an agent phrase, or the agent of another verb
        ("arrest", "He was arrested and later wrote to the Central Directorate.", "arrested"),
        ("detention", "Inmates interviewed by the Eastgate Centre, which lists him as a "
         "prisoner, say he is detained", "detained"),
        ("detention", "a report on arbitrary detention (by experts mandated by the Eastgate "
         "Centre) was sent", "detention"),
        # the subject flees the body: it does not flee for it
        ("escape", "He fled from members of the Border Unit in 2019.", "fled"),
    ],
)
def test_no_agent_body(type_: str, sentence: str, trigger: str) -> None:
    names = [n for n in ("Central Directorate", "Eastgate Centre", "Border Unit") if n in sentence]
    assert _body_in(type_, sentence, trigger, names) is None


@pytest.mark.parametrize(
    ("sentence", "court"),
    [
        ("The Supreme Court upheld her death sentence on 9 March 2024.", "Supreme Court"),
        ("El 28 de enero el Tribunal Supremo confirmó la sentencia.", "Tribunal Supremo"),
        ("La Cour de cassation a confirmé la condamnation à mort.", "Cour de cassation"),
    ],
)
def test_the_court_that_upheld_a_sentence(sentence: str, court: str) -> None:
    at = sentence.index(court)
    assert upholding_court(sentence, [(at, at + len(court), court)]) == court


def test_a_court_that_heard_a_case_upheld_nothing() -> None:
    sentence = "The Supreme Court heard the appeal of the Eastgate Bar on 9 March 2024."
    assert upholding_court(sentence, [(4, 17, "Supreme Court")]) is None


def test_the_court_that_upheld_a_death_sentence_is_its_actor_too(settings: Settings) -> None:
    text = (
        "Tomas Veller was sentenced to death by the Eastgate Revolutionary Court on 3 May 2023. "
        "The Carpanian Supreme Court upheld the sentence on 9 March 2024."
    )
    actors = {
        (e.type, a) for e in extract(ExtractInput(text=text), settings).events for a in e.actors
    }
    assert ("death_sentence", "Carpanian Supreme Court") in actors


def test_a_name_only_written_inside_a_place_or_body_is_bound() -> None:
    text = (
        "Pavel Orlik, an engineer from Eastmoor, was sentenced by the Eastmoor Regional Court "
        "and is held in a prison in Eastmoor."
    )
    assert place_bound("Eastmoor", text, ["Eastmoor Regional Court"], "en")
    assert not place_bound("Pavel Orlik", text, ["Eastmoor Regional Court"], "en")


def test_a_name_after_an_of_of_a_court_is_bound() -> None:
    text = "The Criminal Court of Vell North sentenced them; they are held in Vell North."
    assert place_bound("Vell North", text, [], "en")


def test_a_name_written_once_as_a_person_is_not_bound() -> None:
    text = "He was moved to a prison in Vell. Vell Arno wrote to us; Mr. Vell is 40."
    assert not place_bound("Vell", text, [], "en")
    assert not place_bound("peaceful opponents", "the prosecution of peaceful opponents", [], "en")
