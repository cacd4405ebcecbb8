"""Synthetic letters for the benchmarks: random names and places, no real people."""

from __future__ import annotations

import random

FIRST = ["Hossein", "Maryam", "Ali", "Zahra", "Hélène", "José", "Şahin", "Łukasz", "Ióannis",
         "Amira", "Jürgen", "Renée", "Ömer", "Dmitri", "Fatemeh", "Nuño", "Björn", "Zoë",
         "Mehdi", "Leïla", "Ana", "Kofi", "Ngozi", "Tomás", "Ewa", "Sándor", "Ayşe", "Reza"]
LAST = ["Rahimi", "Müller", "Gómez", "Karimi", "Dubois", "Öztürk", "Nowak", "Papadopoulos",
        "Haddad", "Schröder", "Fernández", "Moradi", "Kovačević", "Lefèvre", "Ahmadi", "Çelik",
        "Søndergaard", "Nakamura", "Mensah", "Okafor", "Horváth", "Rossi", "Ivanova", "Sadeghi"]
PLACES = ["Tirana", "Durrës", "Tehran", "Mashhad", "Genève", "Zürich", "İstanbul", "Kraków",
          "Thessaloníki", "Erbil", "Montréal", "Bogotá", "Lagos", "Accra", "Kyiv", "Baku",
          "São Paulo", "Málaga", "Würzburg", "Brno", "Tbilisi", "Ashraf", "Manëz", "Shkodër"]
TITLES = ["Minister of the Interior", "President of the Republic", "Prime Minister",
          "Ambassador", "Special Rapporteur on Torture", "High Commissioner for Refugees"]
EVENTS = ["arbitrary detention", "threat of extradition", "forced return", "enforced disappearance",
          "incommunicado detention", "unfair trial", "harassment of relatives", "hunger strike"]
WORDS = (  # noqa: SIM905 - a sentence reads better than a list
    "we write to you about the situation of our relative who was arrested without warrant "
    "and has been held since then without access to a lawyer or to the family the "
    "authorities have given no reason and earlier letters received no reply we urge you "
    "to guarantee his safety to allow visits by the family and by independent doctors and "
    "to release him unless he is charged with a recognisable offence under international "
    "law in line with the convention against torture and the covenant on civil and "
    "political rights").split()
LANGUAGES = ["en", "en", "en", "fr", "de", "sq", "fa"]
KINDS = ["letter", "letter", "letter", "open_letter", "petition", "report", "news_article"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def letter(rng: random.Random, min_bytes: int = 500, max_bytes: int = 5000) -> tuple[str, str]:
    """(title, body) of a letter between min_bytes and max_bytes of UTF-8."""
    target = rng.randint(min_bytes, max_bytes)
    subject, place = person(rng), rng.choice(PLACES)
    title = f"Appeal on behalf of {subject}"
    lines = [
        f"{rng.choice(PLACES)}, {rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])} "
        f"{rng.randint(2015, 2024)}",
        f"To the {rng.choice(TITLES)}",
        f"Re: {rng.choice(EVENTS)} of {subject} in {place}",
        "Excellency,",
    ]
    body = "\n".join(lines)
    while len(body.encode()) < target - 200:
        words = rng.sample(WORDS, 12)
        words.insert(rng.randint(0, 12), person(rng))
        words.insert(rng.randint(0, 13), rng.choice(PLACES))
        if rng.random() < 0.3:
            words.insert(rng.randint(0, 14), rng.choice(EVENTS))
        body += "\n" + " ".join(words).capitalize() + "."
    body += f"\nCc: {rng.choice(TITLES)}, {rng.choice(TITLES)}\nYours faithfully,\n{person(rng)}"
    return title, body
