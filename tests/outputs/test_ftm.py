from __future__ import annotations

import json
from pathlib import Path

import pyrage
from followthemoney import model

from vigil.outputs import ftm
from vigil.outputs.sealing import Protection
from vigil.store import Store

from .conftest import PERSIAN


def test_entities_validate_and_round_trip_through_the_library(case_store: Store) -> None:
    entities = list(ftm.entities(case_store))
    schemata = {e["schema"] for e in entities}
    assert {"Person", "Event", "Document", "Documentation", "Project",
            "ProjectParticipant", "UnknownLink"} <= schemata  # fmt: skip
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        assert proxy.to_dict() == data
        for prop in proxy.schema.required:
            assert proxy.has(prop), (data["schema"], prop)
    names = {n for e in entities for n in e["properties"].get("name", [])}
    assert {"Omar Benali", PERSIAN, "Clara Jensen"} <= names
    ids = {e["id"] for e in entities}
    for e in entities:
        for prop, values in e["properties"].items():
            if model[e["schema"]].properties[prop].type.name == "entity":
                assert set(values) <= ids, (e["schema"], prop)


def test_event_says_who_alleges_it_and_where(case_store: Store) -> None:
    events = [e for e in ftm.entities(case_store) if e["schema"] == "Event"
              and "arrest" in e["properties"].get("keywords", [])]  # fmt: skip
    assert len(events) == 1
    props = events[0]["properties"]
    assert props["date"] == ["2024-04-02"]
    assert props["location"] == ["Malmo"]
    assert props["summary"][0].startswith("Alleged by Clara Jensen")


def test_ids_are_stable_across_exports(case_store: Store) -> None:
    first = sorted(e["id"] for e in ftm.entities(case_store))
    assert first == sorted(e["id"] for e in ftm.entities(case_store))


def test_export_is_sealed_json_lines(case_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "case.ftm.json.age"
    summary = ftm.export_ftm(case_store, target, Protection(passphrase="pass"))
    assert summary.encrypted
    text = pyrage.passphrase.decrypt(target.read_bytes(), "pass").decode("utf-8")
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) == summary.entities
    plain = tmp_path / "plain.json"
    ftm.export_ftm(case_store, plain, Protection(plaintext=True))
    assert PERSIAN in plain.read_text("utf-8")
