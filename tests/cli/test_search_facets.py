"""`vigil search --facets`: the total, facet counts, parties, cases and added spellings;
`vigil parties list --name` finds a party by any spelling joined to it."""

from __future__ import annotations

import json

from vigil.store import Store

from ..search_archive import build_archive
from .helpers import vigil


def test_search_facets_json_counts_everything_and_expands_a_name(
    store: Store, cli_env: dict[str, str]
) -> None:
    archive = build_archive(store)
    store.close()  # the command opens the store itself
    found = json.loads(vigil(cli_env, "search", "Nadia Ghorbani", "--facets", "--json").out)
    assert found["counts"]["total"] == 3
    assert sorted(h["document_id"] for h in found["hits"]) == sorted(archive.ids[:3])
    assert set(found["also_searched"]) == {"Nadia Qorbani", "N. Qorbani"}
    assert [p["id"] for p in found["parties"]] == [archive.nadia]
    assert [c["id"] for c in found["cases"]] == [archive.case_id]
    by_country = json.loads(
        vigil(cli_env, "search", "detention", "--facets", "--json", "--country", "fr").out
    )
    assert by_country["counts"]["total"] == 2
    assert {c["value"]: c["count"] for c in by_country["counts"]["facets"]["country"]} == {
        "FR": 2, "DE": 1,
    }  # fmt: skip
    plain = json.loads(vigil(cli_env, "search", "detention", "--json").out)
    assert isinstance(plain, list) and len(plain) == 5  # without --facets: the list as before
    text = vigil(cli_env, "search", "detention", "--facets").out
    assert "5 documents" in text and "France 2" in text


def test_search_facets_over_the_cap_prints_more_than_and_lower_bounds(
    store: Store, cli_env: dict[str, str]
) -> None:
    build_archive(store)
    store.close()
    env = {**cli_env, "VIGIL_SEARCH_COUNT_CAP": "2"}
    found = json.loads(vigil(env, "search", "detention", "--facets", "--json").out)
    assert found["counts"]["capped"] is True and found["counts"]["total"] == 2
    text = vigil(env, "search", "detention", "--facets").out
    assert "more than 2 documents" in text and "en 2+, fr 1+" in text
    exact = json.loads(vigil(cli_env, "search", "detention", "--facets", "--json").out)
    assert exact["counts"]["capped"] is False and exact["counts"]["total"] == 5
    # Ranking is capped too: the hits are the exact ones among the 2 newest matches.
    newest = sorted(h["document_id"] for h in exact["hits"])[-2:]
    assert [h["document_id"] for h in found["hits"]] == [
        h["document_id"] for h in exact["hits"] if h["document_id"] in newest
    ]


def test_parties_list_name_finds_a_merged_spelling(store: Store, cli_env: dict[str, str]) -> None:
    archive = build_archive(store)
    store.close()
    listed = json.loads(vigil(cli_env, "parties", "list", "--name", "N. Qorbani", "--json").out)
    assert [p["id"] for p in listed] == [archive.nadia]
