# Turkish and Russian cue words are written as the languages spell them (dotless i).
# ruff: noqa: RUF001
"""Who an earlier appeal went to, as the text names it (invented letters)."""

from __future__ import annotations

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings


def _earlier(text: str, settings: Settings, language: str = "en") -> set[tuple[str, str]]:
    found = extract(ExtractInput(text=text, language=language), settings)
    return {(p.to, p.status) for p in found.prior_interventions}


_LETTER = (
    "12 March 2024\n\nTo: The Minister of Coastal Affairs of Nordavia\n12 Harbour Road\n\n"
    "Dear Minister,\n\n{body}\n\nYours sincerely,\n\nAnna Brightwater\nDirector, Tidewatch\n"
)


def test_a_date_after_the_cue_is_no_recipient(settings: Settings) -> None:
    text = (
        "The Harbour Workers' Union wrote to the Office of the Port Authority on 2 May and "
        "again on September 18. Neither letter received any reply."
    )
    found = _earlier(text, settings)
    assert not any(to.startswith("September") for to, _ in found)
    assert ("Office of the Port Authority", "no_response") in found


def test_the_addressee_spoken_to_is_the_letters_addressee(settings: Settings) -> None:
    body = (
        "We are concerned about the detention of the fisherman Tomas Quillon. We wrote to Your "
        "Excellency on 3 May 2023. Neither letter received any reply."
    )
    found = extract(ExtractInput(text=_LETTER.format(body=body), language="en"), settings)
    names = {p.to for p in found.prior_interventions}
    assert "Your Excellency" not in names
    assert names and names <= {a.name for a in found.addressees}


def test_a_bare_head_stands_for_the_one_body_it_opens(settings: Settings) -> None:
    text = (
        "The Embassy of the Republic of Nordavia did not reply. Our letters to the Embassy "
        "remained unanswered."
    )
    names = {to for to, _ in _earlier(text, settings)}
    assert "Embassy" not in names


def test_an_office_in_lower_case_before_an_elided_article(settings: Settings) -> None:
    text = (
        "Le 2 février, nos élus avaient déjà écrit au ministre de l'Agriculture au sujet "
        "des pêcheurs détenus. Ce courrier n'a reçu aucune réponse à ce jour."
    )
    assert ("ministre de l'Agriculture", "no_response") in _earlier(text, settings, "fr")


def test_an_office_after_an_elided_preposition(settings: Settings) -> None:
    text = "Abbiamo anche scritto all'Ambasciatore di Norvegia a Roma, che non ha mai risposto."
    names = {to for to, _ in _earlier(text, settings, "it")}
    assert any(to.startswith("Ambasciatore di Norvegia") for to in names)


def test_a_turkish_body_in_the_dative_before_an_application(settings: Settings) -> None:
    text = (
        "Liman İşleri Başkanlığı'na 01.03.2024 tarihinde yaptığımız yazılı başvuru ise "
        "bugüne kadar cevapsız kalmıştır."
    )
    assert ("Liman İşleri Başkanlığı", "no_response") in _earlier(text, settings, "tr")


def test_a_russian_complaint_sent_into_a_body(settings: Settings) -> None:
    text = (
        "Мы направляли жалобы в Департамент портовых дел Северной области — ответа не "
        "получили ни на одну."
    )
    found = _earlier(text, settings, "ru")
    assert ("Департамент портовых дел Северной области", "no_response") in found


def test_an_arabic_letter_sent_to_an_office_after_a_long_subject(settings: Settings) -> None:
    text = (
        "وجّهت عائلة الصياد المعتقل سليم نوري من مدينة الميناء، اليوم الجمعة، رسالة إلى "
        "وزير الشؤون البحرية، طالبت فيها بالكشف عن مصيره."
    )
    assert any(to.startswith("وزير الشؤون البحرية") for to, _ in _earlier(text, settings, "ar"))


def test_a_person_the_text_speaks_for_is_not_written_to(settings: Settings) -> None:
    text = (
        "The fisherman Tomas Quillon has been detained without charge since 3 May 2024 in "
        "Port Vell prison. We ask for his release. Letters sent to Tomas Quillon by his family "
        "were never answered."
    )
    found = extract(ExtractInput(text=text, language="en"), settings)
    at_risk = {v.value for v in found.persons_at_risk}
    assert not at_risk & {p.to for p in found.prior_interventions}
