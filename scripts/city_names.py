"""Write `vocab/cities.json`: the cities CLDR names in each reading language.

    python scripts/city_names.py

CLDR (shipped with Babel) names one exemplar city per time zone, in every
locale: the capitals and large cities letters mention most ('Tehran',
'Teheran', 'طهران', 'تهران', 'Тегеран'). The result is committed as data.
"""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import available_timezones

from babel.dates import get_timezone_location

LANGUAGES = ("en", "fr", "es", "de", "it", "tr", "ru", "ar", "fa")
# seats of international bodies that CLDR names no time zone after
EXTRA = {
    "en": ["Geneva", "Strasbourg", "The Hague", "New York", "Washington"],
    "fr": ["Genève", "Strasbourg", "La Haye", "New York", "Washington"],
    "es": ["Ginebra", "Estrasburgo", "La Haya", "Nueva York", "Washington"],
    "de": ["Genf", "Straßburg", "Den Haag", "New York", "Washington"],
    "it": ["Ginevra", "Strasburgo", "L'Aia", "New York", "Washington"],
    "tr": ["Cenevre", "Strazburg", "Lahey", "New York", "Washington"],
    "ru": ["Женева", "Страсбург", "Гаага", "Нью-Йорк", "Вашингтон"],
    "ar": ["جنيف", "ستراسبورغ", "لاهاي", "نيويورك", "واشنطن"],
    "fa": ["ژنو", "استراسبورگ", "لاهه", "نیویورک", "واشنگتن"],
}
PATH = Path(__file__).resolve().parents[1] / "src" / "vigil" / "vocab" / "cities.json"


def main() -> int:
    skip = ("Etc/", "SystemV/", "US/")
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith(skip))
    cities: dict[str, list[str]] = {}
    for code in LANGUAGES:
        found: set[str] = set()
        for zone in zones:
            try:
                city = get_timezone_location(zone, locale=code, return_city=True)
            except (LookupError, ValueError):
                continue
            if city and len(city) >= 3 and not any(ch.isdigit() or ch == "," for ch in city):
                found.add(city.replace("\u2019", "'"))
        cities[code] = sorted(found | set(EXTRA[code]))
    source = "CLDR exemplar cities of the time zones, per language (scripts/city_names.py)"
    data = {"source": source, **cities}
    PATH.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
