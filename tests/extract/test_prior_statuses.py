"""The outcome of an earlier appeal, from its own sentence or the next one
(invented letters)."""

from __future__ import annotations

from vigil.extract import ExtractInput, extract
from vigil.settings import Settings


def _earlier(text: str, settings: Settings, language: str = "en") -> set[tuple[str, str]]:
    found = extract(ExtractInput(text=text, language=language), settings)
    return {(p.to, p.status) for p in found.prior_interventions}


def test_neither_letter_answered_is_no_response(settings: Settings) -> None:
    text = (
        "The undersigned wrote to the Ministry of Justice on 3 May and on 12 June asking "
        "for news of the prisoners. Neither letter has been answered."
    )
    assert ("Ministry of Justice", "no_response") in _earlier(text, settings)


def test_the_next_sentence_gives_the_reply(settings: Settings) -> None:
    text = (
        "On 12 February we wrote to the Office of the Ombudsman about the case. "
        "The Office replied on 4 March that the matter was closed."
    )
    assert ("Office of the Ombudsman", "answered") in _earlier(text, settings)


def test_a_concern_left_unanswered_is_not_the_letters_outcome(settings: Settings) -> None:
    text = (
        "In a letter to the Foreign Minister, the members said an inquiry is needed because "
        "the concerns of the people have not been answered by the government."
    )
    assert ("Foreign Minister", "no_response") not in _earlier(text, settings)


def test_a_body_that_was_asked_or_alerted_was_appealed_to(settings: Settings) -> None:
    text = (
        "On 4 April the family asked the Regional Directorate of Prisons for a visit; "
        "the request was refused. In May the lawyers alerted the Office of the Ombudsman. "
        "The Office acknowledged receipt."
    )
    found = _earlier(text, settings)
    assert ("Regional Directorate of Prisons", "refused") in found
    assert ("Office of the Ombudsman", "acknowledged") in found


def test_an_appeal_lodged_with_a_body_was_sent_to_it(settings: Settings) -> None:
    text = (
        "A complaint filed by his brother with the Northern District Prosecutor was returned. "
        "We have filed seven complaints with the Interior Inspectorate; none was answered."
    )
    found = _earlier(text, settings)
    assert {p for p, _ in found} >= {"Northern District Prosecutor", "Interior Inspectorate"}
    assert ("Interior Inspectorate", "no_response") in found


def test_a_charge_brought_before_a_court_is_no_appeal(settings: Settings) -> None:
    text = (
        "In May he was brought before the Northern Criminal Court on charges of sedition, "
        "under a charge filed before the Court of Appeal of the capital."
    )
    assert _earlier(text, settings) == set()


def test_an_arabic_complaint_names_the_body_after_its_preposition(settings: Settings) -> None:
    text = (
        "تقدمت عائلته بشكوى إلى النائب العام بتاريخ ٣ مايو ٢٠٢٤ بشأن اختفائه، ولم تتلقَّ أي رد. "
        "كما وجّهت العائلة رسالة إلى مكتب المفوضية في المدينة."
    )
    found = _earlier(text, settings, "ar")
    assert ("النائب العام", "no_response") in found
    assert any(to.startswith("مكتب المفوضية") for to, _ in found)


def test_a_persian_letter_names_the_body_before_its_verb(settings: Settings) -> None:
    text = (
        "ما نامه‌ای به وزارت دادگستری فرستادیم که بی‌پاسخ ماند. "
        "خانواده بارها به دادسرای عمومی شهر مراجعه کرده‌اند."
    )
    found = _earlier(text, settings, "fa")
    assert ("وزارت دادگستری", "no_response") in found
    assert any(to.startswith("دادسرای عمومی") for to, _ in found)


def test_a_persian_prisoner_sent_to_prison_is_no_appeal(settings: Settings) -> None:
    text = "او را پس از بازداشت به زندان مرکزی شهر فرستادند و به خانواده‌اش چیزی نگفتند."
    assert _earlier(text, settings, "fa") == set()


def test_a_body_that_left_a_letter_unanswered_was_written_to(settings: Settings) -> None:
    text = (
        "Dear Minister,\n\nWe turn to you because the Northland Commission for Refugees has not "
        "answered our letter of 20 February. The family is in danger.\n\n"
        "Yours sincerely,\nAnna Berg"
    )
    assert ("Northland Commission for Refugees", "no_response") in _earlier(text, settings)


def test_a_body_that_acknowledged_receipt_was_written_to(settings: Settings) -> None:
    text = (
        "Both mothers wrote to the Prime Minister. Copies went to the Ministry of Labour of "
        "Northland, which acknowledged receipt of the letters on 15 April."
    )
    assert ("Ministry of Labour of Northland", "acknowledged") in _earlier(text, settings)


def test_a_body_that_refused_a_request_in_french(settings: Settings) -> None:
    text = (
        "La famille est sans nouvelles depuis mars. Le Centre national des Prisons a refusé "
        "toutes les demandes de visite de sa mère."
    )
    assert ("Centre national des Prisons", "refused") in _earlier(text, settings, "fr")


def test_an_outcome_of_nothing_written_is_no_earlier_appeal(settings: Settings) -> None:
    text = "The Northland Ministry of Labour rejected the allegations and denied that he was held."
    assert _earlier(text, settings) == set()


def test_an_outcome_whose_object_is_not_a_request_is_no_earlier_appeal(settings: Settings) -> None:
    text = (
        "In their letter, the lawmakers wrote that the Northland Ministry of Labour has denied "
        "these workers the right to challenge their dismissal."
    )
    assert not any(to == "Northland Ministry of Labour" for to, _ in _earlier(text, settings))


def test_letters_to_a_body_that_received_no_reply(settings: Settings) -> None:
    text = (
        "The family has had no news since March. Our letters of 2 and 5 September to the Special "
        "Envoy for Northland (UNSEN) and to the Government of Southland have received no reply."
    )
    assert ("Government of Southland", "no_response") in _earlier(text, settings)


def test_an_appeal_filed_with_a_court_was_sent_to_it(settings: Settings) -> None:
    text = (
        "Mr Doe is held in the north. On 4 May I filed an appeal against the removal order "
        "with the Northern Administrative Court, under article 5 of the law."
    )
    assert ("Northern Administrative Court", "sent") in _earlier(text, settings)


def test_a_case_transmitted_to_a_government_that_replied(settings: Settings) -> None:
    text = (
        "In 2020 I submitted my brother's case to the Working Group on Disappearances. "
        "The Working Group transmitted it to the Government of Northland, which replied "
        "that he was free."
    )
    assert ("Government of Northland", "answered") in _earlier(text, settings)


def test_a_spanish_complaint_presented_before_a_prosecutor(settings: Settings) -> None:
    text = (
        "La familia vive con miedo. El 3 de mayo la familia presentó una denuncia ante la "
        "Fiscalía Regional de Nortelandia, que no ha respondido."
    )
    assert ("Fiscalía Regional de Nortelandia", "no_response") in _earlier(text, settings, "es")


def test_a_french_request_lodged_with_an_office(settings: Settings) -> None:
    text = (
        "La famille vit dans la peur. Sa demande, déposée auprès de l'Office Régional des "
        "Réfugiés le 2 mai, est toujours pendante."
    )
    assert ("Office Régional des Réfugiés", "sent") in _earlier(text, settings, "fr")


def test_a_german_application_made_at_a_body_names_it_first(settings: Settings) -> None:
    text = "Die Familie lebt in Angst. Sie hat im Mai beim Bundesamt für Asyl um Schutz ersucht."
    assert any(to.startswith("Bundesamt für Asyl") for to, _ in _earlier(text, settings, "de"))


def test_an_earlier_appeal_in_an_action_alert_s_introduction_counts(settings: Settings) -> None:
    text = (
        "URGENT ACTION\n\nMr Doe has been held without charge since March. On 4 May his wife "
        "filed a complaint with the Northern Prosecutor's Office, which has not answered.\n\n"
        "Write to the Minister of Justice using the model below.\n\n"
        "Dear Minister,\n\nI urge you to release Mr Doe.\n\nYours sincerely,\n"
    )
    found = extract(ExtractInput(text=text, language="en"), settings)
    assert found.kind is not None and found.kind.value == "other"
    earlier = {(p.to, p.status) for p in found.prior_interventions}
    assert ("Northern Prosecutor's Office", "no_response") in earlier


def test_a_ministry_named_only_as_a_subject_refused_the_request(settings: Settings) -> None:
    text = (
        "He fled to Northland in 2019. The Ministry of Internal Affairs rejected his asylum "
        "application on 19 April 2024."
    )
    assert ("Ministry of Internal Affairs", "refused") in _earlier(text, settings)


def test_a_body_described_in_lower_case_refused_the_request(settings: Settings) -> None:
    text = (
        "He is held in the northern prison. The prison administration has refused repeated "
        "requests by his wife to visit him."
    )
    assert ("prison administration", "refused") in _earlier(text, settings)


def test_a_person_who_refused_a_request_is_no_body_written_to(settings: Settings) -> None:
    text = "He is held in the north. Colonel Arno Veldt has refused repeated requests by his wife."
    assert _earlier(text, settings) == set()


def test_letters_not_answered_after_a_long_recipient_are_unanswered(settings: Settings) -> None:
    text = (
        "The camp is under siege. Our letters of 2 and 5 May to the Special Envoy of the "
        "Secretary-General for Northland (UNSEN) have not been answered."
    )
    found = _earlier(text, settings)
    assert any(status == "no_response" for _, status in found)
    assert not any(status == "answered" for _, status in found)


def test_a_body_that_registered_the_complaint_acknowledged_it(settings: Settings) -> None:
    text = (
        "He has been held since March. In February we wrote to the Northland Human Rights "
        "Council, which registered our complaint but took no step."
    )
    assert ("Northland Human Rights Council", "acknowledged") in _earlier(text, settings)


def test_a_list_of_recipients_after_written_to_is_one_appeal_a_line(settings: Settings) -> None:
    text = (
        "Dear Madam Special Rapporteur,\n\nI am writing about my brother, held since 2021.\n\n"
        "I have written to:\n"
        "- the Directorate of Penal Institutions of the Interior Ministry"
        " (3 March 2023) \u2013 no reply;\n"
        "- the Office of the Chief Prosecutor (30 April 2023) \u2013 they confirmed receipt;\n"
        "- the Northern Delegation of the Relief Council (2 June 2023)"
        " \u2013 they refused to intervene.\n\n"
        "Please help us.\n\nAnna Example\n"
    )
    found = _earlier(text, settings)
    assert ("Directorate of Penal Institutions of the Interior Ministry", "no_response") in found
    assert ("Office of the Chief Prosecutor", "acknowledged") in found
    assert ("Northern Delegation of the Relief Council", "refused") in found


def test_a_table_of_appeals_gives_each_rows_recipient_and_status(settings: Settings) -> None:
    text = (
        "Quarterly report\n\n2. Appeals and responses\n\n"
        "| Date | Addressee | Subject | Status |\n|---|---|---|---|\n"
        "| 10 Jan | Panel on Detention Conditions | two men | Acknowledged; transmitted |\n"
        "| 14 Feb | Ministry of Interior of Freedonia | all | No response |\n"
        "| 3 Mar | Regional Ombudsman | all | Sent, no reply yet |\n\n3. Observations\n"
    )
    found = _earlier(text, settings)
    assert ("Panel on Detention Conditions", "acknowledged") in found
    assert ("Ministry of Interior of Freedonia", "no_response") in found
    assert ("Regional Ombudsman", "sent") in found


def test_a_dated_list_under_a_heading_names_who_each_letter_went_to(settings: Settings) -> None:
    text = (
        "Report\n\n3. Our interventions this quarter\n\n"
        "- 9 October 2023: letter to the Prosecutor General of Freedonia requesting news."
        " No reply.\n"
        "- 2 November 2023: letter to the Inspector of Prisons asking for a visit. "
        "The Inspector acknowledged receipt on 20 November.\n\n4. Recommendations\n"
    )
    found = _earlier(text, settings)
    assert ("Prosecutor General of Freedonia", "no_response") in found
    assert {to for to, _ in found} >= {"Prosecutor General of Freedonia", "Inspector of Prisons"}
    assert "Recommendations" not in {to for to, _ in found}


def test_a_french_list_after_nous_avons_ecrit(settings: Settings) -> None:
    text = (
        "Madame la Ministre,\n\nNous avons écrit à :\n"
        "- la Préfecture du Nord (3 mars 2024) \u2013 aucune réponse ;\n"
        "- le Défenseur des droits (5 avril 2024).\n\n"
        "Veuillez agréer, Madame la Ministre, nos salutations.\n"
    )
    found = _earlier(text, settings, "fr")
    assert {to for to, _ in found} >= {"Préfecture du Nord", "Défenseur des droits"}


def test_neither_has_received_a_reply_is_no_response(settings: Settings) -> None:
    text = (
        "On 6 March the family wrote to the Regional Court asking for mercy. An earlier letter "
        "to the Rights Commission, sent in February, also asked for help. "
        "Neither has received a reply."
    )
    found = _earlier(text, settings)
    assert ("Regional Court", "no_response") in found
    assert ("Rights Commission", "no_response") in found


def test_a_spanish_body_that_also_left_a_request_unanswered(settings: Settings) -> None:
    text = (
        "El 16 de abril el Consejo solicitó medidas de protección al Mecanismo Estatal de "
        "Protección, que tampoco ha respondido."
    )
    assert ("Mecanismo Estatal de Protección", "no_response") in _earlier(text, settings, "es")


def test_a_spanish_receipt_stamp_is_an_acknowledgement(settings: Settings) -> None:
    text = (
        "El 30 de diciembre entregamos un escrito en la Defensoría Regional; solo nos "
        "devolvieron la copia con el sello de recibido."
    )
    assert ("Defensoría Regional", "acknowledged") in _earlier(text, settings, "es")


def test_never_received_a_reply_is_no_response(settings: Settings) -> None:
    text = (
        "I wrote to the Regional Embassy in October 2019 and again in March 2021. "
        "I have never received a reply."
    )
    assert ("Regional Embassy", "no_response") in _earlier(text, settings)


def test_receipt_acknowledged_without_an_answer_on_substance(settings: Settings) -> None:
    text = (
        "In March the undersigned wrote to the National Rights Council about the detainees; "
        "the Council acknowledged receipt but has not responded on substance."
    )
    assert ("National Rights Council", "acknowledged") in _earlier(text, settings)


def test_the_sentence_own_outcome_before_a_later_unanswered_letter(settings: Settings) -> None:
    text = (
        "We sent the file to the Northern Review Board, which replied in May that the case "
        "was closed. "
        "My letters to the Regional Embassy were never answered."
    )
    assert ("Northern Review Board", "answered") in _earlier(text, settings)


def test_a_later_acknowledgement_of_another_body_is_not_this_outcome(settings: Settings) -> None:
    text = (
        "Both families wrote to the Prime Minister of Freedonia asking for a meeting. "
        "Copies went to the Interior Ministry, which acknowledged receipt in April. "
        "The Prime Minister has not replied."
    )
    assert ("Prime Minister of Freedonia", "no_response") in _earlier(text, settings)


def test_an_italian_question_not_yet_answered(settings: Settings) -> None:
    text = (
        "Il 5 dicembre abbiamo depositato un'interrogazione al Ministro della Giustizia, "
        "alla quale non è ancora stata data risposta."
    )
    assert ("Ministro della Giustizia", "no_response") in _earlier(text, settings, "it")


def test_a_german_claim_dismissed_by_a_court(settings: Settings) -> None:
    text = (
        "Das Landesamt für Asyl und Rückkehr lehnte den Asylantrag der Familie ab, "
        "das Verwaltungsgericht Kassel wies die Klage im Mai ab."
    )
    found = _earlier(text, settings, "de")
    assert ("Verwaltungsgericht Kassel", "refused") in found


def test_a_spanish_body_named_with_against_or_a_neuter_article(settings: Settings) -> None:
    text = (
        "El 25 de agosto registramos una solicitud de acción urgente ante el Consejo contra "
        "la Violencia Institucional. El 31 de julio los abogados interpusieron un recurso "
        "ante la Sala de lo Penal del Tribunal Regional."
    )
    found = {to for to, _ in _earlier(text, settings, "es")}
    assert "Consejo contra la Violencia Institucional" in found
    assert "Sala de lo Penal del Tribunal Regional" in found


def test_a_letter_returned_unopened_was_refused(settings: Settings) -> None:
    text = (
        "Her letters to the Office of the Procurator General in May and June were returned "
        "unopened. A complaint filed with the Regional Prosecutor was returned \"without "
        "consideration\"."
    )
    found = _earlier(text, settings)
    assert ("Office of the Procurator General", "refused") in found
    assert ("Regional Prosecutor", "refused") in found


def test_a_spanish_letter_returned_unopened_was_refused(settings: Settings) -> None:
    text = "Nuestra carta enviada al Ministerio de Justicia fue devuelta sin abrir."
    assert ("Ministerio de Justicia", "refused") in _earlier(text, settings, "es")


def test_a_letter_to_the_addressee_takes_the_next_sentences_outcome(settings: Settings) -> None:
    text = (
        "Botschaft der Republik Nordland\nUnter den Linden 1\n10117 Berlin\n\n"
        "Sehr geehrter Herr Botschafter,\n\n"
        "wir schreiben Ihnen erneut wegen der Haft von Herrn Lars Beispiel. Bereits mit Schreiben "
        "vom 3. Mai hatten wir uns an Sie gewandt. Eine Antwort haben wir bis heute nicht "
        "erhalten. Wir bitten Sie, seine Freilassung zu unterstützen.\n\n"
        "Mit freundlichen Grüßen\n\nAnna Muster\nNordhilfe e.V.\n"
    )
    found = extract(ExtractInput(text=text, language="de"), settings)
    assert [(p.to, p.status) for p in found.prior_interventions] == [
        ("Botschaft der Republik Nordland", "no_response")
    ]


def test_an_acknowledgement_received_is_acknowledged(settings: Settings) -> None:
    text = (
        "We wrote to the Office of the Harbour Ombudsman on 14 November. We received an "
        "acknowledgement, but nothing followed."
    )
    assert ("Office of the Harbour Ombudsman", "acknowledged") in _earlier(text, settings)


def test_a_reaction_there_is_not_is_no_response(settings: Settings) -> None:
    text = (
        "Die Gemeinde hat am 20. März bei der Nationalen Schutzbehörde Schutzmaßnahmen "
        "beantragt. Eine Reaktion gibt es bislang nicht."
    )
    found = _earlier(text, settings, "de")
    assert found and all(status == "no_response" for _, status in found)
