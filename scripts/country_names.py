"""Add each country's name in Vigil's reading languages to `vocab/countries.json`.

    python scripts/country_names.py

The names come from the CLDR territory names that Babel ships (installed with
trafilatura's courlan); the result is committed as data, so Vigil itself does
not need Babel at run time. Re-running it is idempotent.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale

LANGUAGES = ("en", "fr", "es", "de", "it", "tr", "ru", "ar", "fa")
PATH = Path(__file__).resolve().parents[1] / "src" / "vigil" / "vocab" / "countries.json"


def main() -> int:
    data = json.loads(PATH.read_text("utf-8"))
    tables = {code: Locale(code).territories for code in LANGUAGES}
    for country in data["countries"]:
        names: dict[str, list[str]] = {}
        for code in LANGUAGES:
            name = tables[code].get(country["iso2"])
            known = {country["name"], *country["aliases"]}
            if name and name not in known:
                names[code] = [name.replace("\u2019", "'")]
        country["names"] = names
    data["source"] = (
        "ISO 3166-1 short names in English, with common aliases and French names; "
        "'names': CLDR territory names per language (scripts/country_names.py)"
    )
    PATH.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
