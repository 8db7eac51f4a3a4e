"""The means of a strike: a strike by jets, drones, guns, missiles or ships is coded by that means.

"Turkish artillery struck the bridge", "missile boats struck the ports", "the navy hit the harbour":
whatever the verb ("struck", "hit", "attacked", "targeted"), the weapon or its carrier named in the
trigger's own subject, agent or modifiers says the sub-event type. The words live in the ontology's
`strike_means` section (sub-event type -> lemmas); this module only reads where they stand.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from sitrep.extract.events.arguments import argument_tokens
from sitrep.extract.events.triggers import Trigger

# Event types whose mentions a named means may re-code: fighting and strikes, never a territory
# change, a protest or a strategic development.
STRIKE_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# Dependents of a noun that describe it ("missile boats", "Turkish-operated drone", "naval vessels").
DESCRIBING_DEPS = frozenset({"compound", "amod", "nmod"})
AGENT_SOURCES = ("subject", "prep:by", "possessor")


def strike_means(trigger: Trigger, means: Mapping[str, frozenset[str]]) -> str | None:
    """The sub-event type the means of `trigger` names, or None when it names none.

    Looked for in the trigger's agent (its subject, "by ..." phrase or possessor) and in the
    trigger's own describing words ("an artillery attack"); the agent comes first.
    """
    for token in [t for source in AGENT_SOURCES for t in argument_tokens(trigger, source)]:
        found = _means_of(_describing(token), means)
        if found is not None:
            return found
    return _means_of(_describing(trigger.head)[1:], means)


def _describing(token: Token) -> list[Token]:
    """The noun and the words that describe it, the noun first."""
    return [token, *(c for c in token.children if c.dep_ in DESCRIBING_DEPS)]


def _means_of(tokens: list[Token], means: Mapping[str, frozenset[str]]) -> str | None:
    for token in tokens:
        words = {token.lemma_.lower(), token.lower_}
        found = next((sub for sub, lemmas in means.items() if words & lemmas), None)
        if found is not None:
            return found
    return None
