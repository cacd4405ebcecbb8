"""Many mentions: blocks, merges joined, reviews out, no comparison of every pair."""

from __future__ import annotations

from vigil.resolve import Mention, resolve


def names(mentions: list[Mention], cluster: list[int]) -> set[str]:
    return {mentions[i].name for i in cluster}


def test_mek_is_one_party_distinct_from_the_rajavis() -> None:
    mentions = [
        Mention("Mojahedin-e Khalgh (MEK)", "organization"),
        Mention("Maryam Rajavi", "person"),
        Mention("Mujahedin-e Khalq (MEK)", "organization"),
        Mention("Massoud Rajavi", "person"),
        Mention("PMOI", "organization"),
        Mention("مریم رجوی", "person"),
        Mention("Mujahedin-e Enqelab", "organization"),
        Mention("the family of Maryam Rajavi", "family"),
    ]
    result = resolve(mentions)
    groups = [names(mentions, c) for c in result.clusters]
    assert {"Mojahedin-e Khalgh (MEK)", "Mujahedin-e Khalq (MEK)", "PMOI"} in groups
    assert {"Maryam Rajavi", "مریم رجوی"} in groups
    assert {"Massoud Rajavi"} in groups
    assert {"Mujahedin-e Enqelab"} in groups
    assert {"the family of Maryam Rajavi"} in groups
    assert sorted(i for c in result.clusters for i in c) == list(range(len(mentions)))


def test_uncertain_pairs_come_out_for_review() -> None:
    mentions = [Mention("Ministry of Interior", "organization"),
                Mention("Ministry of Interior of Albania", "organization")]  # fmt: skip
    result = resolve(mentions)
    assert len(result.clusters) == 2
    assert [(r.a, r.b) for r in result.reviews] == [(0, 1)]
    assert result.reviews[0].match.reasons


def test_blocking_compares_far_fewer_than_all_pairs() -> None:
    given = ["Hossein", "Maryam", "Ali", "Narges", "Javad", "Leila", "Saeed", "Zahra"]
    family = ["Karimi", "Rajavi", "Moradi", "Sharifi", "Tehrani", "Amini", "Nouri", "Kazemi"]
    mentions = [Mention(f"{g} {f}", "person") for g in given for f in family]
    mentions += [Mention(f"{f}, {g}", "person") for g in given for f in family]
    result = resolve(mentions)
    assert len(result.clusters) == len(given) * len(family)
    assert result.comparisons < len(mentions) * (len(mentions) - 1) // 2 // 20


def test_a_large_block_pairs_neighbours_in_two_orders_only() -> None:
    from vigil.resolve.cluster import _neighbours
    from vigil.resolve.normalise import normalise

    given = ["Ali", "Amir", "Babak", "Dariush", "Farhad", "Javad", "Kamran", "Mehdi", "Omid"]
    given += ["Nader", "Parviz", "Pouya", "Reza", "Rostam"]
    spellings = [f"{g} Karimi" for g in given] + [f"{g} Moradi" for g in given]
    spellings += ["Hossein Karimi", "Hosein Karimi", "Seyed Mehdi Karimi"]
    names = [normalise(s, "person") for s in spellings]
    members = list(range(len(names)))
    pairs = _neighbours(members, names, 4)
    assert len(pairs) <= 2 * len(members) * 3 < len(members) * (len(members) - 1) // 2
    assert (28, 29) in pairs  # Hossein / Hosein Karimi: neighbours by their words
    assert (7, 30) in pairs  # Mehdi Karimi / Seyed Mehdi Karimi: neighbours read backwards
    forward = sorted(members, key=lambda i: names[i].tokens)
    assert abs(forward.index(7) - forward.index(30)) >= 4  # ... and far apart read forwards
