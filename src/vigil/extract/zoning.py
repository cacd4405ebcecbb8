"""Stage: the role of every line (its zone), from the shipped CRF model.

Sets `ctx.zones`, which the letter stage reads senders, addressees, copies
and signatories from. See `vigil.extract.zones` for the model, its features
and its training.
"""

from __future__ import annotations

from vigil.extract.context import Context
from vigil.extract.zones import tagger
from vigil.extract.zones.read import Zoned

NAME = "zones"


def run(ctx: Context) -> None:
    ctx.zones = [Zoned(line, zone, sure, title) for line, zone, sure, title in tagger.tag(ctx.text)]
