"""Blocking keys: names that share a key are compared; others never are.

Keys are cheap and loose (consonant skeletons, acronyms), so that spelling
variants share one, while two names with no key in common are never
compared — resolution grows with the mentions, not with their pairs.

- people and families: the skeletons of the first and last words, as one key
  (order-free, so 'Karimi, Hossein' meets 'Hossein Karimi'), and once more with
  the last word's final consonant dropped (so 'Haddadin' meets 'Haddadi'); a
  one-word name keys on its skeleton;
- organisations: the skeleton of each distinctive word, every acronym a name
  is or may go by, and its known-alias group;
- places: the skeleton of each word.

Keys carry the kind, so different kinds never share a block. Over many
names, `rarest` keeps only the rarest word key of each name and those that
few names share: a word as
common as 'committee' or a country pairs names that differ elsewhere, and
would make blocks grow with the square of the mentions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from vigil.resolve.aliases import alias_group
from vigil.resolve.normalise import GENERIC, NormalName, skeleton

_NOT_CONSONANT = re.compile(r"[Ayw]")


def _word_skeletons(name: NormalName) -> list[str]:
    if name.abjad is not None:
        return [re.sub(r"(.)\1+", r"\1", _NOT_CONSONANT.sub("", w)) or w[:1] for w in name.abjad]
    return [
        token if token.startswith("cc") and len(token) == 4 else skeleton(token)
        for token, word in zip(name.tokens, name.words, strict=True)
        if word not in GENERIC
    ]


DROPPED_KEY = 3
"""Consonants a last word needs for a key without its final one ('hdd' of 'Haddadin')."""


def bucket(kind: str | None) -> str:
    """The block family of a kind: people, families, organisations, places, or unknown."""
    return {
        "person": "p",
        "family": "f",
        "organization": "o",
        "group": "o",
        "office": "o",
        "location": "l",
    }.get(kind or "", "u")


def blocking_keys(name: NormalName, kind: str | None = None) -> set[str]:
    """The keys of one normalised name (and of its parenthesised alternatives)."""
    group = bucket(kind or name.kind)
    keys: set[str] = set()
    for form in (name, *name.alternatives):
        skeletons = [s for s in _word_skeletons(form) if s]
        if group in ("p", "f", "u") and not form.acronym and len(skeletons) >= 2:
            keys.add(f"{group}|n|{'|'.join(sorted((skeletons[0], skeletons[-1])))}")
            if len(skeletons[-1]) >= DROPPED_KEY:
                keys.add(f"{group}|n|{'|'.join(sorted((skeletons[0], skeletons[-1][:-1])))}")
        elif group in ("p", "f") and skeletons:
            keys.add(f"{group}|1|{skeletons[0]}")
        else:
            keys.update(f"{group}|w|{s}" for s in skeletons)
        if form.acronym:
            keys.add(f"{group}|acr|{form.acronym}")
        keys.update(f"{group}|acr|{initials}" for initials in form.initials if len(initials) >= 3)
        known = alias_group(form)
        if known is not None:
            keys.add(f"{group}|alias|{known}")
    return keys


RARE_ENOUGH = 25


def rarest(keys: Sequence[set[str]], rare_enough: int = RARE_ENOUGH) -> list[set[str]]:
    """Each name's keys, with only its rarest word key and any others shared by few names.

    Keys that are not word keys (people's names, acronyms, aliases) are kept whole.
    """
    counts = Counter(key for name_keys in keys for key in name_keys if "|w|" in key)
    kept: list[set[str]] = []
    for name_keys in keys:
        words = sorted((k for k in name_keys if "|w|" in k), key=lambda k: (counts[k], k))
        chosen = {k for k in words[1:] if counts[k] <= rare_enough} | set(words[:1])
        kept.append({k for k in name_keys if "|w|" not in k} | chosen)
    return kept
