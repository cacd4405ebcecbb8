# Cyrillic letters that look like Latin ones are the point of the Russian and Ukrainian texts.
# ruff: noqa: RUF001
"""Language detection over the configured languages only."""

from __future__ import annotations

import pytest

from vigil.errors import ConfigError
from vigil.ingest import language
from vigil.ingest.language import detect_language
from vigil.settings import DEFAULT_LANGUAGES

EN = "The families have written to the minister many times and have never received a reply."
FR = "Les familles ont écrit au ministre à de nombreuses reprises sans jamais recevoir de réponse."


def test_english_and_french_are_told_apart() -> None:
    assert detect_language(EN, DEFAULT_LANGUAGES) == "en"
    assert detect_language(FR, DEFAULT_LANGUAGES) == "fr"


def test_short_or_empty_text_has_no_language() -> None:
    assert detect_language("", DEFAULT_LANGUAGES) is None
    assert detect_language("ok 12", DEFAULT_LANGUAGES) is None


def test_only_configured_languages_are_answered() -> None:
    assert detect_language(FR, ("en", "de")) in ("en", "de")


def test_detector_is_built_once_per_language_set() -> None:
    first = language._detector(("en", "fr"))
    assert language._detector(("en", "fr")) is first


def test_unknown_language_code_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="VIGIL_LANGUAGES"):
        detect_language(EN, ("en", "zz"))


EN_LETTER = (
    "We are writing to you about the situation of the families who have been waiting for news"
    " of their relatives since they were taken from their homes. They have not been told where"
    " the men are held, and letters to the ministry have received no reply. We ask that you"
    " make their whereabouts known and that they should be allowed visits by a lawyer."
)
FR_LETTER = (
    "Nous vous écrivons au sujet de la situation des familles qui attendent des nouvelles de"
    " leurs proches depuis leur arrestation. Elles ne savent pas où ils sont détenus et les"
    " lettres adressées au ministère sont restées sans réponse. Nous vous demandons de faire"
    " connaître le lieu de leur détention et de leur permettre de voir un avocat."
)
DE_LETTER = (
    "Wir schreiben Ihnen wegen der Lage der Familien, die seit der Festnahme ihrer Angehörigen"
    " auf Nachricht warten. Sie wissen nicht, wo die Männer festgehalten werden, und die Briefe"
    " an das Ministerium sind ohne Antwort geblieben. Wir bitten Sie, den Ort der Haft bekannt"
    " zu geben und ihnen den Besuch eines Anwalts zu erlauben."
)
FA_LETTER = (
    "ما از شما می‌خواهیم که فوراً برای آزادی این زندانیان اقدام کنید. خانواده‌های آنها هیچ خبری"
    " از وضعیت آنها ندارند و نامه‌های ما به وزارتخانه بی‌پاسخ مانده است. از شما می‌خواهیم که"
    " محل نگهداری آنها را اعلام کنید و اجازه دهید با وکیل خود دیدار کنند."
)
AR_LETTER = (
    "نكتب إليكم بشأن وضع العائلات التي تنتظر أخبار ذويها منذ اعتقالهم. لا تعرف العائلات مكان"
    " احتجازهم، وبقيت الرسائل الموجهة إلى الوزارة دون رد. نطالبكم بالكشف عن مكان احتجازهم"
    " والسماح لهم بزيارة محامٍ وبالإفراج الفوري عن جميع المعتقلين."
)
RU_LETTER = (
    "Мы пишем вам о положении семей, которые ждут вестей о своих близких с момента их ареста."
    " Семьи не знают, где их держат, и письма в министерство остались без ответа. Мы просим"
    " вас сообщить, где находятся задержанные, и разрешить им встречи с адвокатом и близкими."
)
UK_LETTER = (
    "Ми пишемо вам про становище родин, які чекають звісток про своїх рідних від моменту їхнього"
    " арешту. Родини не знають, де їх тримають, і листи до міністерства залишилися без відповіді."
    " Ми просимо вас повідомити, де перебувають затримані, і дозволити їм зустрічі з адвокатом."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (EN_LETTER, "en"),
        (FR_LETTER, "fr"),
        (DE_LETTER, "de"),
        (FA_LETTER, "fa"),
        (AR_LETTER, "ar"),
        (RU_LETTER, "ru"),
        (UK_LETTER, "uk"),
    ],
)
def test_cues_decide_a_text_of_one_script_and_agree_with_lingua(text: str, code: str) -> None:
    assert language.language_by_cues(text, DEFAULT_LANGUAGES) == code
    found = language._detector(DEFAULT_LANGUAGES).detect_language_of(text)
    assert found is not None and found.iso_code_639_1.name.lower() == code
    assert detect_language(text, DEFAULT_LANGUAGES) == code


def test_cues_leave_a_short_text_to_lingua() -> None:
    assert language.language_by_cues(EN, DEFAULT_LANGUAGES) is None
    assert detect_language(EN, DEFAULT_LANGUAGES) == "en"


def test_cues_leave_a_text_of_two_scripts_to_lingua() -> None:
    mixed = FA_LETTER[:200] + " " + EN_LETTER
    assert language.language_by_cues(mixed, DEFAULT_LANGUAGES) is None


def test_cues_leave_close_languages_to_lingua() -> None:
    half = EN_LETTER[:160] + " " + DE_LETTER[:160]
    assert language.language_by_cues(half, DEFAULT_LANGUAGES) is None


def test_cues_answer_only_configured_languages() -> None:
    assert language.language_by_cues(FR_LETTER, ("en", "de")) is None
    assert detect_language(FR_LETTER, ("en", "de")) in ("en", "de")


def test_cues_step_aside_for_a_language_the_cue_file_does_not_know() -> None:
    assert language.language_by_cues(EN_LETTER, ("en", "fr", "pt")) is None
    assert detect_language(EN_LETTER, ("en", "fr", "pt")) == "en"
