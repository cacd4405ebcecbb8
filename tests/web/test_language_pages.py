"""The interface in the chosen language: per user in organisation mode, per browser (with a
remembered switch) in personal mode; vocabulary labels, dates and numbers follow it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from vigil.accounts import Role, get_user
from vigil.store import Store
from vigil.web import cookies
from vigil.web.routes.language import back_to
from vigil.web.translations import Translator, from_accept_language

from .conftest import Browser, BrowserFactory, add_document
from .test_cases_pages import Casework, casework

__all__ = ["casework"]  # the fictional letter's case file, shared with test_cases_pages

Signed = Callable[[Role], Browser]


def choose(browser: Browser, locale: str, back: str = "/") -> str:
    """Use the header's switch from the dashboard; returns where it sent the browser."""
    browser.page("/")
    response = browser.post("/language", {"locale": locale, "back": back})
    assert response.status_code == 303, response.status_code
    return response.headers["location"]


def test_a_french_user_sees_the_tracker_dashboard_and_documents_in_french(
    casework: Casework, signed_in: Signed, store: Store
) -> None:
    viewer = signed_in(Role.VIEWER)
    assert choose(viewer, "fr", "/interventions") == "/interventions"
    assert get_user(store, "viewer").locale == "fr"

    tracker = viewer.page("/interventions")
    assert '<html lang="fr">' in tracker
    assert "<h1>Interventions</h1>" in tracker
    assert "Réponses par autorité" in tracker and "Échéance" in tracker
    assert "en retard" in tracker  # the letter of 2024-05-12 waits past its due date
    assert "Envoyée" in tracker  # the status, from the vocabulary's French label
    assert "1 lettre, 0 réponse" in tracker
    assert "Responses per authority" not in tracker

    dashboard = viewer.page("/")
    assert "<h1>Tableau de bord</h1>" in dashboard
    assert "en attente d'extraction" in dashboard and "Documents récents" in dashboard
    assert ">Se déconnecter<" in dashboard and ">Dashboard<" not in dashboard

    document = viewer.page(f"/documents/{casework.document}")
    assert "Télécharger l'original" in document and "Trouvé dans le texte" in document
    assert "Download the original" not in document
    assert '<span class="field">personnes à risque</span>' in document  # a field's name

    review = viewer.page("/review")
    assert "<h1>Vérification</h1>" in review
    assert '<option value="persons_at_risk">personnes à risque</option>' in review

    one = viewer.page(f"/interventions/{casework.letter}")
    assert "Historique des statuts" in one and "Libération" in one  # the demand's label

    case = viewer.page(f"/cases/{casework.case}")
    assert "Chronologie" in case and "<td>à risque, personne concernée, au nom de</td>" in case


def test_statistics_in_french_charts_and_labels_too(
    casework: Casework, signed_in: Signed
) -> None:
    viewer = signed_in(Role.VIEWER)
    choose(viewer, "fr")
    page = viewer.page("/stats")
    assert 'aria-label="Taux de réponse par autorité"' in page  # the chart's own words
    assert 'aria-label="Lettres et réponses par mois"' in page
    assert "lettres (clair) et réponses (foncé)" in page
    assert "<h2>Événements par type</h2>" in page and "<td>Arrestation</td>" in page
    assert "<td>ouvert</td>" in page  # the case's status
    assert "Response rate" not in page


def test_the_choice_is_per_user(casework: Casework, signed_in: Signed) -> None:
    french, english = signed_in(Role.VIEWER), signed_in(Role.EDITOR)
    choose(french, "fr")
    assert "Tableau de bord" in french.page("/")
    assert "<h1>Dashboard</h1>" in english.page("/")
    # The choice is the account's: a new browser of the same user is French at once.
    again = signed_in(Role.VIEWER)
    assert '<html lang="fr">' in again.page("/interventions")


def test_an_admin_sets_a_users_language_on_the_users_page(
    signed_in: Signed, store: Store
) -> None:
    admin = signed_in(Role.ADMIN)
    admin.confirm("admin password long enough")
    users = admin.page("/users")
    assert 'name="locale"' in users
    assert admin.post("/users/editor/locale", {"locale": "fr"}).status_code == 303
    assert get_user(store, "editor").locale == "fr"
    assert "Tableau de bord" in signed_in(Role.EDITOR).page("/")
    assert admin.post("/users/editor/locale", {"locale": ""}).status_code == 303
    assert get_user(store, "editor").locale is None
    refused = admin.post("/users/editor/locale", {"locale": "xx"})
    assert refused.status_code == 400 and "unknown language" in refused.text
    assert get_user(store, "editor").locale is None

    choose(admin, "fr", "/audit")
    audit = admin.page("/audit")
    assert "<h1>Journal d'audit</h1>" in audit
    assert "La chaîne est intacte" in audit and "Quand (UTC)" in audit


def test_personal_mode_follows_the_browser_until_switched(owner: Browser, store: Store) -> None:
    add_document(store)
    french = {"accept-language": "fr-CH, fr;q=0.9, en;q=0.8"}
    page = owner.get("/documents", headers=french).text
    assert '<html lang="fr">' in page and "Aucun document" not in page
    assert "<h1>Documents</h1>" in page and ">Taille<" in page
    assert "<h1>Dashboard</h1>" in owner.get("/", headers={"accept-language": "de, en"}).text

    # The switch wins over the browser's language and is remembered in a cookie.
    choose(owner, "en")
    response = owner.get("/", headers=french)
    assert "<h1>Dashboard</h1>" in response.text
    choose(owner, "fr")
    assert "<h1>Tableau de bord</h1>" in owner.get("/").text


def test_the_language_cookie_is_secure_and_same_site(owner: Browser) -> None:
    owner.page("/")
    response = owner.post("/language", {"locale": "fr", "back": "/documents"})
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{cookies.LOCALE}=fr;")
    for part in ("HttpOnly", "Path=/", "SameSite=strict", "Secure"):
        assert part in cookie


def test_the_sign_in_page_switches_before_signing_in(
    accounts: dict[Role, str], new_browser: BrowserFactory
) -> None:
    browser = new_browser()
    page = browser.page("/sign-in")
    assert 'action="/language"' in page
    response = browser.post("/language", {"locale": "fr", "back": "/sign-in"})
    assert (response.status_code, response.headers["location"]) == (303, "/sign-in")
    assert "<h1>Connexion</h1>" in browser.page("/sign-in")


def test_the_switch_returns_to_the_page_it_was_used_on(owner: Browser) -> None:
    assert 'name="back" value="/interventions?overdue=true"' in owner.page(
        "/interventions?overdue=true"
    )
    page = owner.post("/search", {"q": "a", "since": "not a date"}).text  # a POST's page
    assert 'name="back" value="/"' in page


def test_the_switch_refuses_other_sites_and_unknown_languages(owner: Browser) -> None:
    assert choose(owner, "fr", "//elsewhere.example/x") == "/"
    assert choose(owner, "fr", "https://elsewhere.example/") == "/"
    assert choose(owner, "fr", "/\\elsewhere.example") == "/"
    assert choose(owner, "fr", "/search?q=a") == "/search?q=a"
    owner.page("/")
    refused = owner.post("/language", {"locale": "xx", "back": "/"})
    assert refused.status_code == 400
    assert "choisissez l&#39;une des langues" in refused.text  # the page is French already
    forged = owner.post("/language", {"locale": "en"}, origin="null")  # not from our page
    assert forged.status_code == 403
    assert '<html lang="fr">' in owner.page("/")


def test_error_pages_and_form_errors_are_translated(owner: Browser) -> None:
    choose(owner, "fr")
    missing = owner.get("/documents/999999")
    assert missing.status_code == 404 and "Aucun document ne porte ce numéro." in missing.text
    owner.page("/cases")
    bad = owner.post("/cases/1/add", {"party": "abc"})
    assert bad.status_code == 400
    assert "indiquez le numéro (partie) en chiffres, par exemple 12" in bad.text


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("fr", "fr"),
        ("fr-CA,en;q=0.5", "fr"),
        ("en-GB,fr;q=0.9", "en"),
        ("de-DE,fr;q=0.3,en;q=0.2", "fr"),
        ("de, es", None),
        ("fr;q=0, en;q=0.1", "en"),
        ("fr;q=abc", None),
        ("", None),
    ],
)
def test_accept_language_picks_the_best_language_spoken(header: str, chosen: str | None) -> None:
    assert from_accept_language(header) == chosen


def test_dates_numbers_and_labels_follow_the_language() -> None:
    moment = datetime(2026, 3, 4, 9, 5, tzinfo=UTC)
    en, fr = Translator("en"), Translator("fr")
    assert (en.moment(moment), fr.moment(moment)) == ("Mar 4, 2026, 09:05", "4 mars 2026, 09:05")
    assert fr.moment(moment, seconds=True) == "4 mars 2026, 09:05:00"
    assert (en.day(moment.date()), fr.day(moment.date())) == ("Mar 4, 2026", "4 mars 2026")
    assert (en.number(2912), fr.number(2912)) == ("2,912", "2\u202f912")
    assert (en.size(1536), fr.size(1536)) == ("1.5 KiB", "1,5 KiB")
    assert (en.language_name("fr"), fr.language_name("en")) == ("French", "anglais")
    assert (fr.language_name("zz"), fr.language_name(None)) == ("zz", "")
    assert en.label("intervention_statuses", "sent") == "Sent"
    assert fr.label("intervention_statuses", "sent") == "Envoyée"
    assert fr.label("intervention_statuses", "not_a_status") == "not a status"
    assert (en.term("role", "person_at_risk"), fr.term("role", "person_at_risk")) == (
        "person at risk",
        "personne à risque",
    )


def test_back_to_keeps_only_local_paths() -> None:
    assert back_to("/interventions?overdue=true") == "/interventions?overdue=true"
    for hostile in ("", "x", "//a.example", "/\\a.example", "http://a.example", "/a\r\nb"):
        assert back_to(hostile) == "/"
