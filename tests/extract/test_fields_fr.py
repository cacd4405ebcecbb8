"""Every contract field on a synthetic French letter, and batch extraction."""

from __future__ import annotations

from vigil.extract import ExtractInput, extract, extract_many
from vigil.settings import Settings

LETTRE = """Appel pour Lina Forêt

Monsieur Henri Valmont
Ministre de l'Intérieur de la République de Nordland
12 rue du Port
Port-Ellis, Nordland

Paris, le 14 mars 2022

Monsieur le Ministre,

Nous vous écrivons au sujet de Lina Forêt, journaliste, qui a été arrêtée par la police
le 2 mars 2022 et qui est détenue à la prison d'Eastgate. Nous avons déjà écrit au
Premier ministre, sans réponse.

Nous demandons sa libération immédiate, conformément à l'article 9 du Pacte international
relatif aux droits civils et politiques.

Veuillez agréer, Monsieur le Ministre, l'expression de notre haute considération.

Claire Dubois
Présidente, Association Liberté de la Presse
Tél. : +33 1 45 67 89 10
Courriel : contact@liberte.example.org

Copie à : Premier ministre de Nordland
"""


def test_french_letter_fields(settings: Settings) -> None:
    out = extract(ExtractInput(text=LETTRE), settings).to_contract("fr")
    assert out["language"] == "fr"
    assert out["kind"] == "letter"
    assert out["date"] == "2022-03-14"
    assert out["title"] == "Appel pour Lina Forêt"
    assert [p["name"] for p in out["senders"]] == ["Claire Dubois"]
    assert out["addressees"][0]["name"] == "Henri Valmont"
    assert out["addressees"][0]["title"].startswith("Ministre")
    assert out["copies_to"]
    assert "Lina Forêt" in out["persons"]
    assert "Lina Forêt" in out["persons_at_risk"]
    assert {"arrest", "detention"} <= {e["type"] for e in out["events"]}
    assert "ICCPR" in out["legal_references"]
    assert "release" in out["demands"]
    assert out["contacts"]["emails"] == ["contact@liberte.example.org"]
    assert out["contacts"]["phones"]
    assert out["prior_interventions"] and out["prior_interventions"][0]["status"] == "no_response"


def test_extract_many_matches_extract(settings: Settings) -> None:
    texts = [
        LETTRE,
        "Dear Sir,\n\nMira Sand was arrested.\n\nSincerely,\nIvo Tamm",
        "",
        "  \n",
        "ok",
    ]
    docs = [ExtractInput(text=t) for t in texts]
    batch = [r.to_contract("x") for r in extract_many(docs, settings, batch_size=2)]
    single = [extract(d, settings).to_contract("x") for d in docs]
    assert batch == single


def test_press_release_reports_a_letter_and_a_repeated_call(settings: Settings) -> None:
    text = (
        "Lawmakers Urge Release of Mira Sand\n\n"
        "WASHINGTON - Today, Representatives Ann Holt (ZZ-04) and Tom Reyes (ZZ-07) "
        "sent a letter to Secretary of State Jane Porter about Mira Sand. "
        "We again call on Carpania to release her.\n"
    )
    out = extract(ExtractInput(text=text), settings).to_contract("p")
    assert {p["name"] for p in out["senders"]} >= {"Ann Holt", "Tom Reyes"}
    recipients = {p["to"] for p in out["prior_interventions"]}
    assert any("Jane Porter" in r for r in recipients)
    assert "Carpania" in recipients
