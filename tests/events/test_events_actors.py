"""The actor dictionary: longest matches, acronyms, text-only names and the user's own file."""

from __future__ import annotations

from pathlib import Path

import pytest
from events_helpers import ARTICLE, parse

from sitrep.errors import ConfigError
from sitrep.extract.actors import ActorTagger, load_actors


def actors_of(text: str, tagger: ActorTagger | None = None) -> list[tuple[str, str | None, str | None]]:
    mentions = (tagger or ActorTagger())(parse(text), ARTICLE)
    return [(m.text, m.actor, m.actor_type) for m in mentions]


def test_dictionary_matches_are_longest_and_typed() -> None:
    found = actors_of("Taliban fighters and Afghan security forces clashed near the NATO base.")
    assert ("Taliban fighters", "Taliban", "Rebel group") in found
    assert ("Afghan security forces", "Military Forces of Afghanistan", "State forces") in found
    assert ("NATO", "NATO", "External/Other forces") in found


def test_aliases_from_other_conflicts() -> None:
    found = {
        actor
        for _, actor, _ in actors_of(
            "Tigrayan forces, the ENDF, al-Shabaab, ISWAP, the Houthis, Hezbollah, Hamas, the Wagner Group, "
            "the SDF, HTS and M23 rebels were all named in the report."
        )
    }
    assert {
        "Tigray Defense Forces",
        "Military Forces of Ethiopia",
        "Al-Shabaab",
        "Islamic State West Africa Province",
        "Houthis",
        "Hezbollah",
        "Hamas",
        "Wagner Group",
        "Syrian Democratic Forces",
        "Hayat Tahrir al-Sham",
        "M23",
    } <= found


def test_acronyms_match_only_in_capitals() -> None:
    assert ("ISIS-K", "Islamic State Khorasan Province", "Rebel group") in actors_of(
        "ISIS-K claimed the attack."
    )
    assert all(
        actor != "Military Forces of Afghanistan" for _, actor, _ in actors_of("Ana Gomez met ana officials.")
    )


def test_names_the_dictionary_does_not_know_are_kept_as_text() -> None:
    found = actors_of("President Ashraf Ghani met the Taliban negotiators in Doha.")
    unknown = [(text, actor) for text, actor, _ in found if actor is None]
    assert ("Ashraf Ghani", None) in unknown
    assert any(actor == "Taliban" for _, actor, _ in found)


def test_generic_descriptions_are_typed_without_a_country() -> None:
    actors = {actor.name: actor for actor in load_actors()}
    assert actors["Government forces"].generic and actors["Government forces"].country is None
    assert ("gunmen", "Unidentified armed group", "Political militia") in actors_of("Two gunmen fled.")
    assert ("Unidentified gunmen", "Unidentified armed group", "Political militia") in actors_of(
        "Unidentified gunmen fled."
    )


def test_a_user_file_adds_actors_and_overrides_aliases(tmp_path: Path) -> None:
    extra = tmp_path / "my-actors.yaml"
    extra.write_text(
        "actors:\n"
        "  - name: Valley Defence Brigade\n    type: 3\n    country: AF\n"
        "    aliases: [Valley Defence Brigade, VDB]\n"
        "  - name: Local police\n    type: State forces\n    aliases: [police]\n",
        encoding="utf-8",
    )
    tagger = ActorTagger(load_actors([extra]))
    found = actors_of("The VDB and the police held the bridge.", tagger)
    assert ("VDB", "Valley Defence Brigade", "Political militia") in found
    assert ("police", "Local police", "State forces") in found


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("actors:\n  - name: A\n    type: Pirates\n    aliases: [a]\n", "unknown actor type 'Pirates'"),
        ("actors:\n  - name: B\n    type: 2\n", "missing field 'aliases'"),
        ("actors:\n  - name: C\n    type: 2\n    aliases: [c]\n    colour: red\n", "unknown key 'colour'"),
        (
            "actors:\n  - name: D\n    type: 2\n    aliases: [dd]\n"
            "  - name: E\n    type: 2\n    aliases: [DD]\n",
            "alias 'DD' is given to both 'D' and 'E'",
        ),
        (
            "actors:\n  - name: F\n    type: 2\n    country: Afghanistan\n    aliases: [f]\n",
            "not a two-letter code",
        ),
    ],
)
def test_mistakes_in_an_actor_file_are_reported(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / f"actors-{abs(hash(body))}.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_actors([path])
    assert message in caught.value.message
    assert str(path) in caught.value.message
    assert caught.value.fix
