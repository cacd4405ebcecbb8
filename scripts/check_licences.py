"""Fail when an installed dependency is GPL or AGPL only (LGPL, MPL, permissive are fine).

Reads `pip-licenses --format=json` of the current environment. A licence
expression with alternatives ("MPL-1.1 OR GPL-2.0-only") passes when one
alternative does. Packages whose metadata says nothing are listed below after
a person read their licence.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

REVIEWED = {
    "axe-playwright-python": "MIT (its LICENSE file); bundles axe-core, MPL-2.0",
    "pyrage": "MIT OR Apache-2.0 (read from the project's LICENSE files)",
    "sqlcipher3": "zlib (pysqlcipher3 lineage); bundles SQLCipher community edition, BSD-3-Clause",
}
STRONG_COPYLEFT = re.compile(r"(?<!L)(?<!Lesser )\bA?GPL|GNU (Affero )?General Public", re.I)


def acceptable(expression: str) -> bool:
    alternatives = re.split(r"\s+OR\s+|;\s*", expression)
    return any(not STRONG_COPYLEFT.search(alt) for alt in alternatives if alt.strip())


def main() -> int:
    raw = subprocess.run(
        [sys.executable, "-m", "piplicenses", "--format=json", "--from=mixed"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    bad: list[str] = []
    for package in json.loads(raw):
        name, licence = package["Name"], package["License"]
        if licence in ("UNKNOWN", ""):
            if name.lower() not in REVIEWED:
                bad.append(f"{name}: no licence in its metadata; read it and add it to REVIEWED")
            continue
        if not acceptable(licence):
            bad.append(f"{name} {package['Version']}: {licence}")
    for line in bad:
        print(f"licence check: {line}", file=sys.stderr)
    print(f"licence check: {'FAILED' if bad else 'ok'} ({len(json.loads(raw))} packages)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
