"""What each event type means, read from `event_types.json`.

Every entry of the event vocabulary carries, besides its labels and trigger
patterns, flags that the extraction and case stages read instead of lists of
type ids of their own:

- `state_act`: done by state authorities; with no actor in the sentence the
  text's state actor is presumed.
- `puts_at_risk`: makes its (living) subject a person at risk.
- `fatal`: its subject is dead (a killing, an execution, a death in custody).
- `frees`: its subject is freed (a release).
- `ended_by_release`: a release ends it (detention): a freed person with only
  this harm is no longer at risk.
- `threat`: the event is itself a threat (a threatened removal): asserted
  whatever the mood of the sentence ('he may be deported' asserts the threat).
- `vague_trigger`: its trigger words are often said of a climate, not of a
  person ('surveillance is a threat'): never given the document's main person.
- `judicial`: done by a court, a judge or a prosecutor (a trial, a death
  sentence): one that names no actor takes the court of another about the
  same person.
- `custody`: the actor takes or holds the person (an arrest, a detention): a
  named police, security or intelligence body that does it is carried to the
  state acts about the same person that name no actor.
- `negative`: the harm is itself a refusal (visits denied, leaving barred): a
  negation inside its trigger ('has not been allowed to visit him') asserts it
  rather than denying it.
- `done_by_subject`: the subject does it (fleeing, a hunger strike, dying in
  custody): the active subject of its verb ('he fled') is whom it is about,
  not an actor.
- `kin_kept_away`: the relatives it names are those kept from the subject (visits
  refused): a person named as someone's relative ('his wife, X, has not been
  allowed to visit him') is not its subject; the person it is about is.
- `upheld_on_appeal`: a higher court that upholds it ('the Supreme Court upheld
  her death sentence') is one of its actors, besides the court that handed it down.
- `usual_agents`: the kinds of institution that usually act (`forces`,
  `justice`, `guards`), looked for in the sentence when no actor is parsed.

The file is checked on first read: a missing flag or one of the wrong type
raises `VocabularyError` naming the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal, get_args

from vigil.errors import VocabularyError
from vigil.vocab import load

Flag = Literal[
    "state_act",
    "puts_at_risk",
    "fatal",
    "frees",
    "ended_by_release",
    "threat",
    "vague_trigger",
    "judicial",
    "custody",
    "negative",
    "done_by_subject",
    "kin_kept_away",
    "upheld_on_appeal",
]
FLAGS: tuple[Flag, ...] = get_args(Flag)
"""Every flag, in the order above (one list: the type's)."""
AGENT_KINDS = ("forces", "justice", "guards")
"""The institutions `usual_agents` may name."""


@dataclass(frozen=True)
class EventSemantics:
    """The meaning of one event type."""

    id: str
    state_act: bool
    puts_at_risk: bool
    fatal: bool
    frees: bool
    ended_by_release: bool
    threat: bool
    vague_trigger: bool
    judicial: bool
    custody: bool
    negative: bool
    done_by_subject: bool
    kin_kept_away: bool
    upheld_on_appeal: bool
    usual_agents: tuple[str, ...]

    @property
    def defaults_to_main_person(self) -> bool:
        """Whether an event of this type with no subject in its sentence is
        about the person the document is about."""
        return (self.state_act or self.frees) and not self.vague_trigger


def parse_semantics(data: dict[str, object]) -> dict[str, EventSemantics]:
    """Validate the flags of every entry; raise `VocabularyError` naming a bad one."""
    out: dict[str, EventSemantics] = {}
    for type_id, entry in data.items():
        where = f"event_types.json: entry {type_id!r}"
        if not isinstance(entry, dict):
            raise VocabularyError(f"{where}: expected an object")
        flags: dict[str, bool] = {}
        for flag in FLAGS:
            if flag not in entry:
                raise VocabularyError(f"{where}: missing flag {flag!r} (true or false)")
            value = entry[flag]
            if not isinstance(value, bool):
                raise VocabularyError(f"{where}: flag {flag!r} must be true or false")
            flags[flag] = value
        agents = entry.get("usual_agents")
        if not isinstance(agents, list) or any(a not in AGENT_KINDS for a in agents):
            raise VocabularyError(
                f"{where}: 'usual_agents' must be a list of {', '.join(AGENT_KINDS)}"
            )
        out[type_id] = EventSemantics(id=type_id, usual_agents=tuple(agents), **flags)
    return out


@cache
def event_semantics() -> dict[str, EventSemantics]:
    """The meaning of every event type, validated on first read."""
    return parse_semantics(load("event_types"))


def semantics(type_id: str) -> EventSemantics:
    """The meaning of one event type (`VocabularyError` for an unknown id)."""
    try:
        return event_semantics()[type_id]
    except KeyError:
        raise VocabularyError(f"event_types.json: no entry {type_id!r}") from None


def types_where(flag: Flag) -> frozenset[str]:
    """The event types with `flag` set."""
    return frozenset(t for t, s in event_semantics().items() if getattr(s, flag))


__all__ = [
    "AGENT_KINDS",
    "FLAGS",
    "EventSemantics",
    "Flag",
    "event_semantics",
    "parse_semantics",
    "semantics",
    "types_where",
]
