"""Fail unless the shared store suite ran the same tests on SQLite and PostgreSQL.

Reads pytest's JUnit XML (`pytest --junitxml=FILE`). A test id ending in
`[sqlite]` or `[postgresql]` (or with that word among its parameters) belongs
to the shared suite; it counts as run when it passed (not skipped, failed or
errored). The set of tests run on each backend must be the same and not empty.

    python .ci/backend_parity.py junit.xml
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET

BACKENDS = ("sqlite", "postgresql")
PARAMS = re.compile(r"\[(.*)\]$")


def ran_by_backend(path: str) -> dict[str, set[str]]:
    ran: dict[str, set[str]] = {b: set() for b in BACKENDS}
    for case in ET.parse(path).getroot().iter("testcase"):
        name = case.get("name", "")
        match = PARAMS.search(name)
        if not match:
            continue
        params = match.group(1).split("-")
        backend = next((b for b in BACKENDS if b in params), None)
        if backend is None:
            continue
        if any(case.find(tag) is not None for tag in ("skipped", "failure", "error")):
            continue
        rest = "-".join(p for p in params if p != backend)
        base = f"{case.get('classname', '')}::{PARAMS.sub('', name)}"
        base += f"[{rest}]" if rest else ""
        ran[backend].add(base)
    return ran


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: backend_parity.py JUNIT_XML", file=sys.stderr)
        return 2
    ran = ran_by_backend(argv[1])
    sqlite, postgresql = ran["sqlite"], ran["postgresql"]
    print(f"backend parity: {len(sqlite)} ran on sqlite, {len(postgresql)} ran on postgresql")
    if not sqlite:
        print("backend parity: no shared-suite test ran", file=sys.stderr)
        return 1
    if sqlite != postgresql:
        for name in sorted(sqlite - postgresql):
            print(f"  ran on sqlite only: {name}", file=sys.stderr)
        for name in sorted(postgresql - sqlite):
            print(f"  ran on postgresql only: {name}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
