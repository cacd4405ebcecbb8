"""Which parties mentioned at risk are worth a case: each class of failure, synthetic names."""

from __future__ import annotations

import pytest

from vigil.cases.at_risk import (
    Candidate,
    Verdict,
    judge,
    judge_group,
    titled_in,
    within_organisation_names,
)


def _person(name: str, **roles: int) -> Candidate:
    return Candidate(1, name, "person", roles or {"person_at_risk": 1})


@pytest.mark.parametrize(
    "name",
    ["Omar Benali", "Toma al-Rashidi", "Ines de Varga", "Kaveh Abd El Nouri", "Lio Pavlenko-Hart"],
)
def test_a_named_person_at_risk_is_a_case(name: str) -> None:
    assert judge(_person(name)) is Verdict.CASE


@pytest.mark.parametrize("name", ["Benali", "Terrorist", "Boredom"])
def test_one_word_is_never_a_case_on_its_own(name: str) -> None:
    assert judge(_person(name)) is Verdict.BARE_NAME


@pytest.mark.parametrize(
    "name", ["Friends Are Free", "La Moravia", "Indivisible Northdale", "Kao Dai Buddhist"]
)
def test_words_no_name_holds_are_not_a_person(name: str) -> None:
    assert judge(_person(name)) is Verdict.NOT_A_NAME


def test_an_addressee_or_actor_mentioned_once_at_risk_is_not_a_case() -> None:
    assert judge(_person("Ana Lindqvist", addressee=3, person_at_risk=1)) is Verdict.AUTHORITY_ROLE
    assert judge(_person("Ana Lindqvist", actor=1, subject=1)) is Verdict.AUTHORITY_ROLE
    # a person at risk who also signs a letter or two stays a case
    assert judge(_person("Omar Benali", sender=1, person_at_risk=3, subject=4)) is Verdict.CASE


def test_organisations_and_offices_are_not_people() -> None:
    assert judge(Candidate(1, "Nordic Detention Watch", "organization", {})) is Verdict.NOT_PEOPLE
    assert judge(Candidate(1, "Minister of the Interior", "office", {})) is Verdict.NOT_PEOPLE


def test_a_dismissed_party_is_never_suggested_again() -> None:
    dismissed = Candidate(1, "Omar Benali", "person", {"person_at_risk": 1}, dismissed=True)
    assert judge(dismissed) is Verdict.DISMISSED


def test_a_titled_person_is_an_official() -> None:
    assert judge(Candidate(1, "Ana Lindqvist", "person", {}, titled=True)) is Verdict.OFFICIAL


@pytest.mark.parametrize(
    "name",
    [
        "Nordland Front members",
        "members of the Ruritania Solidarity Union detained in Freedonia",
        "the six residents taken from Camp Heron",
        "two Ruritanians",
        "several Ruritanian soldiers",
        "some 30 to 40 Freedonians",
    ],
)
def test_a_specific_group_is_a_case(name: str) -> None:
    assert judge_group(name) is Verdict.CASE


@pytest.mark.parametrize(
    "name",
    [
        "people",
        "individuals",
        "more members",
        "our citizens",
        "Their Relatives",
        "Family Members",
        "independent voices",
        "political prisoners",
        "16 people",
        "more than 700 protesters",
        "families of his cult members",
        "thousands of Ruritanians",
        "French citizens",
        "More than 15,000 citizens of France",
    ],
)
def test_a_vague_group_is_not_a_case(name: str) -> None:
    assert judge_group(name) is Verdict.VAGUE_GROUP


@pytest.mark.parametrize("name", ["16 years", "arrests", "criminal charges", "their rights"])
def test_words_that_name_no_people_are_not_a_group(name: str) -> None:
    assert judge_group(name) is Verdict.NOT_PEOPLE


def test_a_group_kind_party_is_judged_as_a_group() -> None:
    assert judge(Candidate(1, "refugees", "group", {"group_at_risk": 2})) is Verdict.VAGUE_GROUP
    assert judge(Candidate(1, "Asylum Seekers", "person", {"person_at_risk": 1})) is (
        Verdict.VAGUE_GROUP
    )
    assert judge(Candidate(1, "Sri Lankans", "person", {"person_at_risk": 1})) is (
        Verdict.VAGUE_GROUP
    )


@pytest.mark.parametrize(
    "text",
    [
        "We met Interior Minister Ana Lindqvist yesterday.",
        "Ruritania's Minister of the Interior, Ana Lindqvist, said so.",
        "la ministre ruritanienne de l'Intérieur, Ana Lindqvist, a dit",
        "UN Special Rapporteur Ana Lindqvist wrote.",
        "Last year the Ruritanian Attorney handling his prosecution, Ana Lindqvist, raised doubts.",
        "the judge hearing the appeal, Ana Lindqvist, adjourned it",
    ],
)
def test_a_title_before_the_name_makes_an_official(text: str) -> None:
    assert titled_in("Ana Lindqvist", [text])


@pytest.mark.parametrize(
    "text",
    [
        "former President Ana Lindqvist was arrested.",
        "The minister ordered the arrest of Ana Lindqvist.",
        "Ana Lindqvist was detained. President Doe said nothing.",
        "The prosecutor charged the activist, Ana Lindqvist, with sedition.",
        "The former judge hearing the appeal, Ana Lindqvist, was arrested.",
        "Guards were beating the prisoners, Ana Lindqvist among them.",
        "the minister is ignoring the appeals of her family and her lawyers, Ana Lindqvist said",
    ],
)
def test_a_former_title_or_a_sentence_between_is_not_an_official(text: str) -> None:
    assert not titled_in("Ana Lindqvist", [text])


@pytest.mark.parametrize(
    "text",
    [
        "Signed by the Northland Refugee Network and the Law Office of Ana Lindqvist.",
        "A grant from the Ana Lindqvist Foundation paid for the visit.",
        "Les avocats du cabinet de Ana Lindqvist ont écrit.",
    ],
)
def test_a_name_only_inside_an_organisations_name_is_no_person(text: str) -> None:
    assert within_organisation_names("Ana Lindqvist", [text])


@pytest.mark.parametrize(
    "texts",
    [
        ["Ana Lindqvist was arrested. The Law Office of Ana Lindqvist was closed."],
        ["The Law Office of Ana Lindqvist wrote.", "Ana Lindqvist is held in Kelmar."],
        ["Ana Lindqvist fundraising for her lawyers began."],  # "fund" is a word, not a prefix
        ["Nobody named here."],
    ],
)
def test_a_name_also_mentioned_alone_is_a_person(texts: list[str]) -> None:
    assert not within_organisation_names("Ana Lindqvist", texts)
