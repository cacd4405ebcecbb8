# Sentences in each language are written as the language writes them (dotless i,
# Cyrillic and Arabic letters are intended).
# ruff: noqa: RUF001
"""The language files (`vocab/languages/<code>.json`): their checks at start-up
and the cue classes each language's patterns are meant to catch, on invented
sentences."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from vigil.errors import VocabularyError
from vigil.vocab import ids, languages
from vigil.vocab.languages import (
    GROUPED_SECTIONS,
    MAY_BE_EMPTY,
    PATTERN_SECTIONS,
    parse_language,
)

CODES = ("en", "fr", "es", "de", "it", "fa", "ar", "tr", "ru")


def _raw(code: str) -> dict[str, object]:
    text = resources.files("vigil.vocab").joinpath(f"languages/{code}.json").read_text("utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def test_every_language_has_a_file_that_validates() -> None:
    languages.validate_all()
    assert set(CODES) <= set(languages.codes())


@pytest.mark.parametrize("code", CODES)
def test_every_language_fills_the_pattern_sections(code: str) -> None:
    cues = languages.cues(code)
    assert cues is not None
    for section in (*PATTERN_SECTIONS, "kind_cues", "prior"):
        if section in MAY_BE_EMPTY:
            continue
        assert any(key.split(".")[0] == section for key in cues.rules if cues.rules[key]), section
    assert {key for key in cues.rules if key.startswith("demands.")} == {
        f"demands.{d}" for d in ids("demand_types")
    }
    assert {key for key in cues.rules if key.startswith("events.")} == {
        f"events.{e}" for e in ids("event_types")
    }
    assert {"to", "from", "date", "subject", "cc"} <= set(cues.memo_fields)


@pytest.mark.parametrize("code", CODES)
def test_rule_ids_are_names_not_positions(code: str) -> None:
    cues = languages.cues(code)
    assert cues is not None
    for rules in cues.rules.values():
        for rule in rules:
            assert rule.id.startswith(f"{code}.")
            assert re.fullmatch(r"[a-z]{2}\.[a-z_]+(?:\.[a-z_]+)?\.[a-z][a-z0-9_]*", rule.id), (
                rule.id
            )
            assert not re.search(r"\.\d+$|:\d+$", rule.id)


def _broken(**change: object) -> str:
    data = _raw("es")
    data.update(change)
    return json.dumps(data, ensure_ascii=False)


def test_a_pattern_that_does_not_compile_is_named() -> None:
    with pytest.raises(
        VocabularyError, match=r"languages/es\.json.*es\.ask_cues.*'pedimos'.*compile"
    ):
        parse_language("es", _broken(ask_cues={"pedimos": r"\b(?:pedimos"}))


def test_an_unknown_event_id_is_named() -> None:
    with pytest.raises(VocabularyError, match=r"languages/es\.json.*events.*'paseo'"):
        parse_language("es", _broken(events={"paseo": {"fue_de_paseo": r"\bpaseo\b"}}))


def test_an_unknown_demand_id_is_named() -> None:
    with pytest.raises(VocabularyError, match=r"languages/es\.json.*demands.*'vacaciones'"):
        parse_language("es", _broken(demands={"vacaciones": {"x": r"\bvacaciones\b"}}))


def test_a_recipient_pattern_without_its_group_is_named() -> None:
    with pytest.raises(VocabularyError, match=r"es\.json: appealed_to.*acudio.*\(\?P<to>"):
        parse_language("es", _broken(appealed_to={"acudio": r"\bacudió a\b"}))


def test_a_title_salutation_without_its_title_group_is_named() -> None:
    with pytest.raises(VocabularyError, match=r"es\.json: title_salutations.*senora.*\(\?P<title>"):
        parse_language("es", _broken(title_salutations={"senora": r"^Señora Ministra,$"}))


def test_a_missing_section_is_named() -> None:
    data = _raw("es")
    del data["prior"]
    with pytest.raises(VocabularyError, match=r"languages/es\.json: missing section\(s\) prior"):
        parse_language("es", json.dumps(data))


def test_a_file_for_another_code_is_refused() -> None:
    with pytest.raises(VocabularyError, match=r"languages/de\.json: 'code' must be 'de'"):
        parse_language("de", _broken())


def test_grouped_sections_are_objects() -> None:
    assert "prior" in GROUPED_SECTIONS
    with pytest.raises(VocabularyError, match=r"prior must be an object"):
        parse_language("es", _broken(prior=["sin respuesta"]))


def _rule_ids(section: str, key: str | None, code: str, sentence: str) -> set[str]:
    return {r.id for r in languages.rules(section, key, [code]) if r.pattern.search(sentence)}


ASKING = {
    "es": "Por ello, pedimos a las autoridades que actúen sin demora.",
    "de": "Wir fordern die Behörden auf, unverzüglich zu handeln.",
    "it": "Chiediamo pertanto alle autorità di agire senza indugio.",
    "fa": "ما از مقامات خواستار اقدام فوری هستیم.",
    "ar": "نطالب السلطات بالتحرك دون تأخير.",
    "tr": "Yetkililerden gecikmeden harekete geçmelerini talep ediyoruz.",
    "ru": "Мы просим власти действовать без промедления.",
    "fr": "Nous demandons aux autorités d'agir sans délai.",
    "en": "We urge the authorities to act without delay.",
}


@pytest.mark.parametrize("code", sorted(ASKING))
def test_each_language_recognises_a_request(code: str) -> None:
    assert _rule_ids("ask_cues", None, code, ASKING[code])


RELEASE_ASKED = {
    "es": "Exigimos la liberación inmediata de la defensora.",
    "de": "Wir fordern die sofortige Freilassung des Journalisten.",
    "it": "Chiediamo l'immediata liberazione dell'attivista.",
    "fa": "ما خواستار آزادی فوری این فعال هستیم.",
    "ar": "نطالب بالإفراج الفوري عن الناشط.",
    "tr": "Gazetecinin derhal serbest bırakılmasını talep ediyoruz.",
    "ru": "Мы требуем немедленно освободить журналиста.",
}


@pytest.mark.parametrize("code", sorted(RELEASE_ASKED))
def test_a_call_for_release_is_a_release_demand(code: str) -> None:
    assert _rule_ids("demands", "release", code, RELEASE_ASKED[code])
    # a demanded release is a demand, never a release event
    assert not _rule_ids("events", "release", code, RELEASE_ASKED[code])


STOP_REMOVAL = {
    "es": "Instamos a suspender la deportación de la familia.",
    "de": "Wir bitten Sie, die Abschiebung der Familie zu stoppen.",
    "it": "Chiediamo di sospendere l'espulsione della famiglia.",
    "fa": "خواستار توقف اخراج این خانواده هستیم.",
    "ar": "نطالب بوقف ترحيل العائلة.",
    "tr": "Ailenin sınır dışı edilmesinin durdurulmasını talep ediyoruz.",
    "ru": "Просим не допустить выдачи активиста.",
}


@pytest.mark.parametrize("code", sorted(STOP_REMOVAL))
def test_a_call_to_stop_a_removal_is_halt_deportation(code: str) -> None:
    assert _rule_ids("demands", "halt_deportation", code, STOP_REMOVAL[code])


ARRESTED = {
    "es": "El periodista fue detenido por la policía el 3 de mayo.",
    "de": "Der Journalist wurde am 3. Mai von der Polizei festgenommen.",
    "it": "Il giornalista è stato arrestato dalla polizia il 3 maggio.",
    "fa": "این روزنامه‌نگار روز ۳ مه توسط پلیس بازداشت شد.",
    "ar": "اعتقل الصحفي على يد الشرطة في 3 مايو.",
    "tr": "Gazeteci 3 Mayıs'ta polis tarafından gözaltına alındı.",
    "ru": "Журналист был задержан полицией 3 мая.",
}


@pytest.mark.parametrize("code", sorted(ARRESTED))
def test_a_reported_arrest_is_an_arrest_event(code: str) -> None:
    assert _rule_ids("events", "arrest", code, ARRESTED[code])


UNANSWERED = {
    "en": "Our letter of 3 May remained unanswered.",
    "fr": "Notre lettre du 3 mai est restée sans réponse.",
    "es": "Nuestra carta del 3 de mayo sigue sin respuesta.",
    "de": "Unser Schreiben vom 3. Mai blieb unbeantwortet.",
    "it": "La nostra lettera del 3 maggio è rimasta senza risposta.",
    "fa": "نامه قبلی ما بی‌پاسخ ماند.",
    "ar": "رسالتنا السابقة بقيت دون رد.",
    "tr": "Daha önce gönderdiğimiz dilekçe yanıtsız kaldı.",
    "ru": "Наше письмо от 3 мая осталось без ответа.",
}


@pytest.mark.parametrize("code", sorted(UNANSWERED))
def test_an_earlier_letter_left_unanswered(code: str) -> None:
    sentence = UNANSWERED[code]
    assert _rule_ids("prior", "sent", code, sentence)
    assert _rule_ids("prior", "no_response", code, sentence)


REFUSED = {
    "es": "La solicitud de asilo fue rechazada en marzo.",
    "de": "Der Asylantrag wurde im März abgelehnt.",
    "it": "La domanda di asilo è stata respinta a marzo.",
    "fa": "درخواست پناهندگی او در ماه مارس رد شد.",
    "ar": "تم رفض طلب اللجوء في مارس.",
    "tr": "Sığınma başvurusu mart ayında reddedildi.",
    "ru": "В марте ему было отказано в убежище.",
}


@pytest.mark.parametrize("code", sorted(REFUSED))
def test_a_refusal_is_the_refused_status(code: str) -> None:
    assert _rule_ids("prior", "refused", code, REFUSED[code])


SUBJECT_LABEL = {
    "es": "Asunto",
    "de": "Betreff",
    "it": "Oggetto",
    "fa": "موضوع",
    "ar": "الموضوع",
    "tr": "Konu",
    "ru": "Тема",
    "fr": "Objet",
}


def test_memo_subject_labels_cover_each_language() -> None:
    labels = languages.memo_labels("subject")
    assert all(label in labels for label in SUBJECT_LABEL.values())


FAMILY_CUT_OFF = (
    "Since March her weekly phone calls to us have been cut off.",
    "He protested at the cancellation of all social visits.",
    "The administration has withheld all mail.",
    "Cutting prisoners off from their families is unlawful.",
)


@pytest.mark.parametrize("sentence", FAMILY_CUT_OFF)
def test_family_contact_cut_off_is_a_denial_of_family_contact(sentence: str) -> None:
    assert _rule_ids("events", "denial_of_family_contact", "en", sentence)


VISITS_REFUSED = {
    "en.events.denial_of_family_contact.not_allowed_to_visit":
        ("en", "His mother has not been allowed to visit him since September."),
    "en.events.denial_of_family_contact.could_not_visit":
        ("en", "For two months the family could not see him."),
    "en.events.denial_of_family_contact.ban_on_visits":
        ("en", "He protested against a ban on family visits imposed in February."),
    "en.events.denial_of_family_contact.refused_a_visit":
        ("en", "His sister was refused a visit at the colony on 4 December."),
    "en.events.denial_of_family_contact.received_no_letters":
        ("en", "Since then his family has received no letters from him."),
    "en.events.denial_of_family_contact.no_visits_permitted":
        ("en", "No visits, parcels or letters have been permitted for years."),
    "en.events.denial_of_family_contact.held_incommunicado":
        ("en", "He was held incommunicado for seven weeks."),
    "en.events.denial_of_family_contact.visit_request_refused":
        ("en", "She asked the governor for permission to visit him; the request was refused."),
    "en.events.denial_of_family_contact.no_relative_allowed":
        ("en", "No member of our family has been allowed to see him since May."),
    "en.events.denial_of_family_contact.not_received_from_him":
        ("en", "His brother has not received a letter from him since June."),
    "en.events.denial_of_family_contact.never_let_family_near":
        ("en", "The group has never let any family member come near her."),
    "en.events.denial_of_family_contact.without_access_to_family":
        ("en", "He was questioned for weeks without access to a lawyer or his family."),
    "en.events.denial_of_family_contact.visits_only_rarely":
        ("en", "His wife has been allowed to visit him only twice this year."),
    "en.events.denial_of_family_contact.refused_a_visit_adverb":
        ("en", "Her husband has twice been refused a long visit."),
    "en.events.denial_of_family_contact.contact_reduced":
        ("en", "His phone calls have been cut to five minutes a month."),
    "fr.events.denial_of_family_contact.na_pas_pu_voir":
        ("fr", "Sa femme n'a pas pu le voir depuis le mois de mars."),
    "es.events.denial_of_family_contact.no_han_podido_visitar":
        ("es", "Desde marzo no nos han permitido visitarlo."),
    "de.events.denial_of_family_contact.besuche_verweigert":
        ("de", "Seit März werden ihr Besuche verweigert."),
    "ar.events.denial_of_family_contact.awqafat_ziyarat":
        ("ar", "وقالت عائلته إن إدارة السجن أوقفت زياراتهم منذ مارس."),
    "ru.events.denial_of_family_contact.svidaniya_otmeneny":
        ("ru", "С тех пор длительные свидания отменены."),
    "tr.events.denial_of_family_contact.gorusme_kisitlandi":
        ("tr", "Ailesiyle telefon görüşmesi bir hafta süreyle kısıtlanmıştır."),
    "fa.events.denial_of_family_contact.ejaze_molaghat_nayafte":
        ("fa", "خانواده‌اش تاکنون اجازه‌ی ملاقات با او را نیافته است."),
}


@pytest.mark.parametrize("rule", sorted(VISITS_REFUSED))
def test_visits_refused_are_a_denial_of_family_contact(rule: str) -> None:
    code, sentence = VISITS_REFUSED[rule]
    assert rule in _rule_ids("events", "denial_of_family_contact", code, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "We ask that his family be allowed to visit him.",
        "His family visited him on Sunday.",
        "His wife has been allowed to visit him every week.",
        "Her letters have been delivered to him.",
    ],
)
def test_a_visit_asked_for_or_made_is_no_refusal(sentence: str) -> None:
    assert not _rule_ids("events", "denial_of_family_contact", "en", sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "He has been placed in the punishment cell five times since May.",
        "She spent twelve days in a disciplinary cell.",
    ],
)
def test_a_punishment_cell_is_psychological_abuse(sentence: str) -> None:
    assert "en.events.psychological_abuse.punishment_cell" in _rule_ids(
        "events", "psychological_abuse", "en", sentence
    )


PHRASED_EVENTS = {
    "en.events.restriction_of_movement.stopped_from_leaving":
        "Since the raid, checkpoints stop residents from leaving the camp.",
    "en.events.restriction_of_movement.not_allowed_to_leave":
        "He was released in May but is not allowed to leave the city.",
    "en.events.restriction_of_movement.passport_confiscated":
        "At the airport officers confiscated his passport and phone.",
    "en.events.restriction_of_movement.stopped_at_departure":
        "The police twice stopped her at the railway station.",
    "en.events.enforced_disappearance.refused_to_say_where":
        "Since that day the ministry has refused to say where they are.",
    "en.events.enforced_disappearance.not_seen_since":
        "The lawyer, who has not been seen since March, was taken from his office.",
    "en.events.enforced_disappearance.fate_unknown":
        "The fate of the three men taken away by the soldiers remains unknown.",
    "en.events.enforced_disappearance.designated_location":
        "He was placed under residential surveillance at a designated location.",
    "en.events.trial.appeared_before":
        "On 3 May she appeared before the State Security Prosecution.",
    "en.events.trial.tried_him":
        "I do not know which court tried him.",
    "en.events.trial.serving_a_sentence":
        "The ministry says he is serving a sentence for incitement.",
    "en.events.arrest.took_from_home":
        "In March officers took my uncle from his home in the old town.",
    "en.events.arrest.was_taken":
        "She was three years old when her father was taken.",
    "en.events.arrest.began_arresting":
        "That week the security forces began arresting the editors of the papers.",
    "en.events.hunger_strike.refused_food":
        "He has refused food since 17 January in protest at his isolation.",
    "en.events.forced_transfer.was_moved_from_to":
        "In May he was moved without warning from the colony to a prison in the north.",
    "en.events.death_in_custody_or_suicide.died_in_a_prison":
        "Another political prisoner died in Prison No. 4 last October.",
    "en.events.death_in_custody_or_suicide.prisoner_died":
        "Another prisoner at the same jail, a teacher, died after weeks without care.",
}


PHRASED_EVENTS_ELSEWHERE = {
    "de.events.trial.verurteilte_vorgefuehrt": "Das Gebietsgericht verurteilte ihn im Mai.",
    "es.events.trial.condeno_presentado": "En marzo el tribunal los condenó por sedición.",
}


@pytest.mark.parametrize("rule", sorted(PHRASED_EVENTS_ELSEWHERE))
def test_trials_as_german_and_spanish_phrase_them(rule: str) -> None:
    code = rule.split(".")[0]
    assert rule in _rule_ids("events", "trial", code, PHRASED_EVENTS_ELSEWHERE[rule])


@pytest.mark.parametrize("rule", sorted(PHRASED_EVENTS))
def test_events_as_english_phrases_them(rule: str) -> None:
    type_ = rule.split(".")[2]
    assert rule in _rule_ids("events", type_, "en", PHRASED_EVENTS[rule])


@pytest.mark.parametrize(
    ("type_", "sentence"),
    [
        ("restriction_of_movement", "She is allowed to leave the country."),
        ("enforced_disappearance", "His whereabouts are known to his lawyer."),
        ("trial", "We tried to reach him by phone."),
        ("arrest", "The decision was taken."),
        ("forced_transfer", "The family moved to Sweden in 2015."),
        ("death_in_custody_or_suicide", "Her grandfather died in 1990."),
    ],
)
def test_near_misses_are_no_event(type_: str, sentence: str) -> None:
    assert not _rule_ids("events", type_, "en", sentence)


def test_torture_alleged_or_used_for_a_confession() -> None:
    for sentence in (
        "The confession was obtained under torture.",
        "He described his torture to us.",
    ):
        assert _rule_ids("events", "torture_ill_treatment", "en", sentence)


def test_words_of_one_language_do_not_fire_on_english_torture_words() -> None:
    sentence = "The Special Rapporteur on torture wrote to the government."
    assert not _rule_ids("events", "torture_ill_treatment", "it", sentence)


FRENCH_EVENTS = {
    "arrest": "Arrêtée le 4 mars par des agents en civil, elle a été conduite au commissariat.",
    "detention": "Il est retenu au centre de rétention administrative depuis le 2 mai.",
    "deportation_threat": "Un arrêté ministériel d'expulsion a été pris contre lui.",
    "escape": "Elle a fui son pays en 2019.",
    "enforced_disappearance": "Il a été transféré vers un lieu inconnu.",
    "psychological_abuse": "Elle a été placée en cellule disciplinaire pendant dix jours.",
}


@pytest.mark.parametrize("event", sorted(FRENCH_EVENTS))
def test_french_event_phrasings(event: str) -> None:
    assert _rule_ids("events", event, "fr", FRENCH_EVENTS[event])


def test_a_french_decree_is_no_arrest() -> None:
    assert not _rule_ids(
        "events", "arrest", "fr", "Un arrêté d'expulsion a été pris le 19 octobre."
    )


ENGLISH_DISAPPEARANCES = (
    "Others vanished after leaving the protest site.",
    "His family has had no news of him since.",
    "We are concerned about her incommunicado detention.",
    "For nine days we did not know where he was.",
    "The authorities have not disclosed his whereabouts to his family.",
    "His family was not informed of his whereabouts.",
    "Since then there has been no news at all.",
)


@pytest.mark.parametrize("sentence", ENGLISH_DISAPPEARANCES)
def test_english_disappearance_phrasings(sentence: str) -> None:
    assert _rule_ids("events", "enforced_disappearance", "en", sentence)


def test_taken_from_home_by_officers_is_an_arrest() -> None:
    sentence = "In April he was taken from his home by officers of the city police."
    assert _rule_ids("events", "arrest", "en", sentence)


def test_a_legal_pattern_that_does_not_compile_is_named() -> None:
    from vigil.vocab import load
    from vigil.vocab.languages import check_legal_references

    check_legal_references(load("legal_references"))
    broken = {"CAT": {"patterns": {"es_convencion_tortura": r"\bConvención (?:contra"}}}
    with pytest.raises(
        VocabularyError, match=r"legal_references\.json: CAT\.es_convencion_tortura"
    ):
        check_legal_references(broken)


def test_a_request_to_disclose_whereabouts_is_no_disappearance() -> None:
    sentence = "Please disclose the fate and whereabouts of Mr Veller."
    assert not _rule_ids("events", "enforced_disappearance", "en", sentence)


@pytest.mark.parametrize(
    ("rule", "sentence"),
    [
        ("taken_from_a_place", "Our son was taken from our home by officers at dawn."),
        ("taken_from_a_place", "He was taken from his law office on 22 November."),
        ("detained_by_agents", "He was detained by FSB officers during a search of his home."),
        ("detained_by_agents", "On 7 May police detained him at his workplace."),
        ("detained_on_arrival", "Two men were detained on arrival at the airport."),
    ],
)
def test_taken_or_detained_by_agents_is_an_arrest(rule: str, sentence: str) -> None:
    assert f"en.events.arrest.{rule}" in _rule_ids("events", "arrest", "en", sentence)


def test_held_in_a_camp_run_by_police_is_no_arrest() -> None:
    sentence = "He has been held for two years in a camp run by the police."
    assert not _rule_ids("events", "arrest", "en", sentence)


# phrasings each language's writers use for an event, beyond the passive of a verb:
# German separable verbs ('nahm ... fest'), active past tenses ('capturaron',
# "l'ont arrêté"), a family that does not know where someone is held
PHRASED = {
    "de.events.arrest.nahm_fest": ("de", "Die Polizei nahm den Lehrer am 3. Mai in Eastgate fest."),
    "de.events.arrest.festgenommen": (
        "de", "Im Mai wurde sie bei einer Kundgebung in Eastgate von Polizisten in Zivil "
        "festgenommen.",
    ),
    "de.events.release.kam_frei": ("de", "Nach drei Wochen kam er gegen Kaution frei."),
    "de.events.death_in_custody_or_suicide.starb_in_haft": (
        "de", "Er starb im Juli in der Strafkolonie Nr. 3, nachdem ihm Hilfe verweigert wurde.",
    ),
    "fr.events.enforced_disappearance.sort_ou_il_se_trouve": (
        "fr", "Depuis un mois, sa famille ignore où il se trouve.",
    ),
    "fr.events.denial_of_family_contact.visite_une_seule_fois": (
        "fr", "Sa mère n'a été autorisée à le voir qu'une fois, derrière une vitre.",
    ),
    "fr.events.arrest.lont_arrete": ("fr", "Des policiers en civil l'ont arrêté à son domicile."),
    "es.events.arrest.capturaron": (
        "es", "El 3 de mayo, agentes de la policía capturaron en su casa al dirigente.",
    ),
    "es.events.enforced_disappearance.no_sabemos_donde": (
        "es", "Desde ese día no sabemos dónde está.",
    ),
    "it.events.arrest.lo_hanno_arrestato": (
        "it", "Il 3 maggio la polizia li ha fermati al confine.",
    ),
    "it.events.enforced_disappearance.non_sappiamo_dove": (
        "it", "Da allora non sappiamo dove si trova.",
    ),
}


@pytest.mark.parametrize("rule", sorted(PHRASED))
def test_an_event_phrased_as_the_language_writes_it(rule: str) -> None:
    code, sentence = PHRASED[rule]
    type_ = rule.split(".")[2]
    assert rule in _rule_ids("events", type_, code, sentence)


@pytest.mark.parametrize(
    ("code", "type_", "sentence"),
    [
        ("de", "arrest", "Er nahm an der Demo teil und stellte fest, dass sie friedlich war."),
        ("de", "release", "Wir fordern, dass er freikommt."),
        ("es", "enforced_disappearance", "Sabemos dónde está detenido."),
    ],
)
def test_a_phrase_near_an_event_is_no_event(code: str, type_: str, sentence: str) -> None:
    assert not [r for r in _rule_ids("events", type_, code, sentence) if r in PHRASED]
