# Synthetic letters keep their paragraphs on one line, as published; Persian and
# Arabic list numbers are written in their own digits.
# ruff: noqa: E501, RUF001
"""Demands: asking lists, pressing another government, asking cues and demand
phrasings in several languages (invented names and places)."""

from __future__ import annotations

from typing import Any

import pytest

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings
from vigil.vocab import languages


def _demands(text: str, settings: Settings, language: str | None = None) -> set[str]:
    result: dict[str, Any] = extract(ExtractInput(text=text, language=language), settings).to_contract("t")
    return set(result["demands"])


def test_an_item_of_an_asking_list_is_read_whole_even_when_it_asks_again(settings: Settings) -> None:
    text = (
        "Gentile Ministro,\n\nIl difensore Marco Vell è detenuto da marzo.\n\nVi chiediamo di:\n"
        "1. sollevare il caso di Marco Vell in ogni contatto con le autorità di Nordland e chiederne il rilascio;\n"
        "2. chiedere un'indagine indipendente.\n\nCordiali saluti,\nAda Brenn\n"
    )
    assert {"intervene", "release", "investigate"} <= _demands(text, settings, "it")


def test_lettered_items_in_parentheses_open_an_asking_list(settings: Settings) -> None:
    text = (
        "Dear Minister,\n\nTomas Brand has been held since May.\n\nWe urge you to: (a) review his detention;\n"
        "(b) ensure that his family can visit him;\n(c) release him without delay.\n\n"
        "An inquiry was opened in 2020 and closed.\n\nSincerely,\nAda Brenn\n"
    )
    found = _demands(text, settings, "en")
    assert {"allow_family_contact", "release"} <= found
    assert "investigate" not in found


def _intervene(code: str, sentence: str) -> bool:
    return any(r.pattern.search(sentence) for r in languages.rules("demands", "intervene", languages=[code]))


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        ("en", "We ask UNHCR:\n- to ask the Nordland authorities to let the families visit."),
        ("en", "We respectfully ask the committee:\n2. to urge the Government of Nordland to allow patients to go to hospital."),
        ("en", "I ask you to raise my brother's detention with the Nordland authorities."),
        ("en", "We request that you convey to the competent authorities our request that he be released."),
        ("fr", "Nous vous demandons d'exiger des autorités nordiques qu'elles libèrent M. Vell."),
        ("it", "Chiediamo al Governo di sollecitare le autorità nordiche affinché sia liberato."),
        ("es", "Pedimos que el caso se plantee directamente ante el Gobierno nórdico."),
        ("de", "Wir bitten Sie, bei den nordländischen Behörden darauf hinzuwirken, dass er freikommt."),
        ("ru", "Просим вас направить властям Нордландии срочное обращение."),
    ],
)
def test_asking_the_addressee_to_press_another_government_is_intervene(code: str, sentence: str) -> None:
    assert _intervene(code, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "We urge your Government to release him.",
        "We ask you to urge the government to release him.",
        "We wish to urge the Government of Nordland to release him.",
        "The committee calls on the Nordland authorities to release him.",
    ],
)
def test_a_direct_call_on_a_government_is_no_intervene(sentence: str) -> None:
    assert not _intervene("en", sentence)


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        ("ar", "- طالبوا بالإفراج الفوري عن الناشط."),
        ("ar", "أحثكم على الإفراج عنه فوراً."),
        ("ar", "وطالبت المنظمة بالإفراج عنه."),
        ("fa", "کانون از مقامات قضایی می‌خواهد:"),
        ("fa", "علیهذا تقاضا دارد:"),
    ],
)
def test_arabic_imperative_and_persian_formal_requests_are_asking_cues(code: str, sentence: str) -> None:
    assert any(rule.pattern.search(sentence) for rule in languages.for_text(code)[0].patterns("ask_cues"))


def test_an_arabic_word_that_merely_contains_a_cue_is_no_cue() -> None:
    sentence = "تعمل الباحثة في علم الاجتماع منذ سنوات."
    assert not any(rule.pattern.search(sentence) for rule in languages.for_text("ar")[0].patterns("ask_cues"))


def test_a_persian_list_after_a_formal_request_is_read(settings: Settings) -> None:
    text = (
        "کانون مدافعان از مقامات قضایی می‌خواهد:\n"
        "۱. محل نگهداری او را فورا به خانواده‌اش اطلاع دهند؛\n"
        "۲. امکان ملاقات خانواده را فراهم کنند.\n"
    )
    assert {"disclose_information", "allow_family_contact"} <= _demands(text, settings, "fa")


def _found(code: str, demand: str, sentence: str) -> bool:
    return any(r.pattern.search(sentence) for r in languages.rules("demands", demand, languages=[code]))


@pytest.mark.parametrize(
    ("demand", "sentence"),
    [
        ("release", "ensure that Mr Vell is released while the proceedings continue;"),
        ("release", "to end his arbitrary detention without delay;"),
        ("halt_deportation", "to guarantee that no resident will be handed over or expelled to Nordland;"),
        ("halt_deportation", "not to hand them over to Nordland;"),
        ("halt_deportation", "to suspend the return of the Vell family;"),
        ("hold_accountable", "and ensure that those responsible are brought to justice;"),
        ("hold_accountable", "that any person responsible is held to account."),
        ("protect", "that his family is protected from reprisals;"),
        ("protect", "ensure that his children are not subjected to further harassment;"),
        ("protect", "end the surveillance of his wife and son;"),
        ("disclose_information", "inform his family immediately of the place where he is held;"),
    ],
)
def test_english_passive_and_nominal_phrasings_of_a_demand(demand: str, sentence: str) -> None:
    assert _found("en", demand, sentence)


@pytest.mark.parametrize(
    ("demand", "sentence"),
    [
        ("release", "He was released in 2019 and arrested again in May."),
        ("halt_deportation", "He was returned to his cell after the hearing."),
        ("disclose_information", "We do not know what happened to the letter."),
    ],
)
def test_english_phrasings_that_report_and_do_not_ask(demand: str, sentence: str) -> None:
    assert not _found("en", demand, sentence)


@pytest.mark.parametrize(
    ("code", "demand", "sentence"),
    [
        ("fa", "release", "• رضا ولی را فورا و بدون قید و شرط آزاد کنند؛"),
        ("fa", "halt_deportation", "تضمین دهید که هیچ‌یک از ساکنان به کشور دیگری تحویل داده نخواهد شد؛"),
        ("fa", "halt_deportation", "از تحویل پسرم به کشور دیگری جلوگیری کنید؛"),
        ("fa", "halt_execution", "از مقامات بخواهید اجرای این دو حکم اعدام را متوقف کنند؛"),
        ("fa", "fair_trial", "خواستار دادرسی مجدد و عادلانه با حضور وکلای انتخابی متهمان شوید؛"),
        ("fa", "protect", "امنیت دیگر ساکنان کمپ را تضمین کنید."),
        ("fa", "investigate", "ادعاهای شکنجه را در گزارش‌های خود بررسی و مستند کنید."),
        ("fa", "medical_care", "دستور اعزام فوری او به بیمارستان صادر شود؛"),
        ("fa", "intervene", "فورا از مقامات کشور دیگر بخواهید اجرای حکم را متوقف کنند؛"),
        ("ar", "allow_family_contact", "- طالبوا بالسماح لعائلته بزيارته بانتظام."),
        ("ar", "halt_deportation", "- الوقف الفوري لترحيل طالبي اللجوء؛"),
        ("fr", "allow_family_contact", "et de garantir qu'il puisse recevoir la visite de sa famille."),
        ("fr", "fair_trial", "qu'il puisse recevoir la visite de sa famille et de ses avocats."),
        ("fr", "release", "afin qu'il soit mis fin à la rétention des enfants ;"),
        ("fr", "halt_deportation", "- recommander qu'il soit sursis à leur éloignement ;"),
        ("es", "allow_family_contact", "- que sus familias puedan visitarlas;"),
        ("es", "release", "- que se le otorgue la libertad plena;"),
        ("es", "disclose_information", "- que se nos informe dónde está;"),
        ("it", "allow_family_contact", "e possa comunicare regolarmente con la sua famiglia."),
        ("de", "allow_family_contact", "ihr Zugang zu ihrer Familie zu gewähren."),
        ("de", "disclose_information", "dass die Familie über seinen Haftort unterrichtet wird,"),
        ("de", "medical_care", "dass er bis dahin ärztlich versorgt wird."),
    ],
)
def test_verb_final_prefixed_reversed_and_inflected_phrasings_of_a_demand(code: str, demand: str, sentence: str) -> None:
    assert _found(code, demand, sentence)


@pytest.mark.parametrize(
    ("code", "text"),
    [
        ("en", "We would be grateful for your observations on the following matters."),
        ("en", "Pending a response, we urge the Government to release him."),
        ("es", "Le agradeceríamos que nos concediera una entrevista."),
        ("es", "Agradezco su pronta respuesta."),
        ("de", "Gern würden wir den Fall in einem persönlichen Gespräch erläutern."),
        ("de", "Für ein Gespräch stehe ich gern zur Verfügung und bitte um einen Termin."),
        ("de", "Wir bitten um Eingangsbestätigung bis zum 5. Oktober."),
    ],
)
def test_a_courteous_request_for_a_reply_or_a_meeting(code: str, text: str, settings: Settings) -> None:
    assert "respond_or_meet" in _demands(text, settings, code)


@pytest.mark.parametrize(
    "sentence",
    [
        "- grant him protection in Nordland.",
        "- give him full access to the international protection procedure.",
        "so that his protection needs can be assessed.",
    ],
)
def test_protection_as_a_status_is_granted_not_a_safety_demand(sentence: str) -> None:
    assert _found("en", "grant_protection_status", sentence)
    assert not _found("en", "protect", sentence)


def test_protection_from_harm_stays_a_safety_demand() -> None:
    assert _found("en", "protect", "to ensure the protection and security of the residents;")
