"""Languages sitrep extracts, how an article is routed to its pipeline, and the French parse's shape.

    Article.language -> `route` -> English | French | not extracted ("language xx")

Each language has a spaCy model and a lexicon directory (`sitrep/data/lang/<code>/`). The routing
itself (`route`, `LANGUAGES`, `not_extracted_reason`) lives in `sitrep.extract.routing`, which
imports no spaCy, and is re-exported here. An article whose language is not known (None, never
detected) goes to English, as before languages were routed; one in a language with no pipeline is
not extracted and says so (`not_extracted_reason`).

The event rules read ClearNLP dependency labels (`dobj`, `prep` over `pobj`, `nsubjpass`, `agent`),
which the English model produces. The French model produces Universal Dependencies, where a
preposition hangs below its noun (`case`) instead of above it. `UD_TO_CLEARNLP` (a pipeline
component added to the French model) rewrites the French parse into the English shape, so the same
rule machinery reads both; words stay in each language's YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Token

from sitrep.errors import ConfigError
from sitrep.extract.lexicon import language_directory as language_directory  # kept importable from here
from sitrep.extract.routing import (
    ENGLISH,
    FRENCH,
    LANGUAGES,
    NOT_EXTRACTED,
    UD_TO_CLEARNLP,
    LanguageSpec,
    not_extracted_reason,
    route,
)

__all__ = [  # the routing is re-exported: it was defined here before it moved to `routing`
    "ENGLISH", "FRENCH", "LANGUAGES", "NOT_EXTRACTED", "UD_TO_CLEARNLP", "LanguageSpec",
    "convert_to_clearnlp", "killing_lemmas", "language_directory", "language_words", "naming_words",
    "not_extracted_reason", "number_word", "route",
]

# Universal Dependencies labels renamed to the English model's (ClearNLP) ones.
RENAMED = {
    "obj": "dobj",
    "nsubj:pass": "nsubjpass",
    "aux:pass": "auxpass",
    "aux:tense": "aux",
    "aux:caus": "aux",
    "iobj": "dative",
    "acl:relcl": "relcl",
    "flat:name": "compound",
    "flat:foreign": "compound",
    "expl:comp": "expl",
    "expl:pass": "expl",
    "expl:subj": "expl",
    "obl:mod": "npadvmod",
    "obl:arg": "npadvmod",
    "obl": "npadvmod",
    "nmod": "compound",
}
# Dependents that carry a preposition (`case`): the preposition becomes their head, as in English.
PREPOSITIONAL = frozenset({"obl", "obl:mod", "obl:arg", "obl:agent", "nmod"})


@Language.component(UD_TO_CLEARNLP)
def convert_to_clearnlp(doc: Doc) -> Doc:
    """Rewrite a Universal Dependencies parse into the ClearNLP shape the event rules read.

    "prise par l'armée": `armée` (obl:agent) <- `par` (case) becomes `par` (agent) <- `armée` (pobj);
    "dans la ville": `ville` (obl) <- `dans` (case) becomes `dans` (prep) <- `ville` (pobj);
    "la ville de Kidal" (a place noun of the language's `words.yaml`, "de", a name) becomes "Kidal"
    with "la ville de" before it, as English writes "the Kidal district": the name is the argument;
    "pourrait attaquer" (a modal verb of `words.yaml` over an infinitive) becomes "could attack".
    """
    if not doc.has_annotation("DEP"):
        return doc
    tree = _Tree([t.head.i for t in doc], [t.dep_ for t in doc])
    naming = naming_words(doc.lang_)
    for token in doc:
        # The small model tags some names as nouns ("Andéramboukane"): a capital letter will do.
        is_name = token.pos_ == "PROPN" or token.is_title
        if token.dep_ == "nmod" and is_name and token.head.lemma_.lower() in naming["nouns"]:
            case = _preposition_of(doc, tree, token.i)
            if case is not None and case.lower_ in naming["prepositions"]:
                tree.raise_name(token.i, case)
    modals = frozenset(str(w) for w in language_words(doc.lang_, "modal_verbs") or [])
    for token in doc:
        if token.lemma_.lower() in modals:
            verb = next((c for c in token.children if c.dep_ == "xcomp" and _is_infinitive(c)), None)
            if verb is not None:
                tree.lower_modal(token.i, verb.i)
    for token in doc:
        case = _preposition_of(doc, tree, token.i) if tree.deps[token.i] in PREPOSITIONAL else None
        if case is None:
            tree.deps[token.i] = RENAMED.get(tree.deps[token.i], tree.deps[token.i])
            continue
        tree.heads[case.i], tree.heads[token.i] = tree.heads[token.i], case.i
        tree.deps[case.i] = "agent" if tree.deps[token.i] == "obl:agent" else "prep"
        tree.deps[token.i] = "pobj"
    _apply(doc, tree)
    return doc


@dataclass(slots=True)
class _Tree:
    """Heads and labels being rewritten (spaCy recomputes a doc's tree on every single change)."""

    heads: list[int]
    deps: list[str]

    def children(self, i: int) -> list[int]:
        return [j for j, head in enumerate(self.heads) if head == i and j != i]

    def raise_name(self, name: int, inner: Token) -> None:
        """"la ville de Kidal": Kidal takes the noun's place, the noun and "de" hang before it."""
        noun = self.heads[name]
        self.heads[name] = name if self.heads[noun] == noun else self.heads[noun]
        self.deps[name], self.deps[noun] = self.deps[noun], "compound"
        self.heads[noun] = name
        for child in self.children(noun):
            if self.deps[child] == "case" and child < noun:
                self.heads[child] = name  # "de la ville de Léré": the outer "de" now governs the name
        inner.pos_ = "PART"  # a naming "de", not a preposition that qualifies the name


    def lower_modal(self, modal: int, verb: int) -> None:
        """"pourrait attaquer": the infinitive heads the clause and the modal is its auxiliary,
        as in English "could attack" (the modal's subject and auxiliaries move to the infinitive)."""
        self.heads[verb] = verb if self.heads[modal] == modal else self.heads[modal]
        self.deps[verb], self.deps[modal] = self.deps[modal], "aux"
        for child in self.children(modal):
            self.heads[child] = verb
        self.heads[modal] = verb


def _is_infinitive(token: Token) -> bool:
    return "Inf" in token.morph.get("VerbForm", [])


def _preposition_of(doc: Doc, tree: _Tree, i: int) -> Token | None:
    """The first preposition (`case` ADP) among the children of token `i`, if any."""
    cases = [doc[j] for j in tree.children(i) if tree.deps[j] == "case" and doc[j].pos_ == "ADP" and j < i]
    return cases[0] if cases else None


def _apply(doc: Doc, tree: _Tree) -> None:
    """Write new heads and labels into `doc` (sentence starts follow the tree, as the parser set them)."""
    starts = [token.is_sent_start for token in doc]
    strings = doc.vocab.strings
    pairs = enumerate(zip(tree.heads, tree.deps, strict=True))
    rows = [[(head - i) % 2**64, strings.add(dep)] for i, (head, dep) in pairs]
    array = numpy.array(rows, dtype="uint64")
    doc.from_array(["HEAD", "DEP"], array)  # type: ignore[arg-type]  # typed as thinc Ints2d
    for token, start in zip(doc, starts, strict=True):
        if start and not token.is_sent_start:
            token.is_sent_start = True


@lru_cache(maxsize=16)
def language_words(code: str, kind: str) -> Any:
    """The entry `kind` of language `code`'s `words.yaml` ("numbers", "months"): a mapping or a list."""
    path = language_directory(code) / "words.yaml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        found = (yaml.safe_load(handle) or {}).get(kind) or {}
    if not isinstance(found, dict | list):
        raise ConfigError(f"{path}: {kind} must be a mapping or a list",
                          fix=f"write {kind} as 'name: value' lines or '- item' lines")
    return found


def naming_words(code: str) -> dict[str, frozenset[str]]:
    """The place nouns and the prepositions that name a place after them ("la ville de X")."""
    found = language_words(code, "naming")
    return {key: frozenset(str(w).lower() for w in found.get(key) or []) for key in ("nouns", "prepositions")}


def killing_lemmas() -> frozenset[str]:
    """The killing words of every language besides English ("tuer"): a lemma of one language is
    not a word of another, so one set serves all."""
    return frozenset(str(w).lower() for code in LANGUAGES for w in language_words(code, "killing") or [])


def number_word(code: str, word: str) -> int | None:
    """The number a written-out number word of language `code` says ("douze" -> 12), or None."""
    value = language_words(code, "numbers").get(word.lower()) if code != ENGLISH else None
    return int(value) if value is not None else None
