"""The ontology file: ACLED's types, sitrep's extensions, user files merged, mistakes reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from events_helpers import events_in

from sitrep.errors import ConfigError
from sitrep.extract.events import EventExtractor
from sitrep.extract.ontology import load_ontology

ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
MINIMAL_SUB_TYPE = """
  - name: {name}
    event_type: Strategic developments
    description: test entry
    territory: false
    examples: [An example written for the test.]
    patterns:
      - pattern: X did it
        verbs: [{verb}]
        roles: {{actor1: subject}}
"""


def write(tmp_path: Path, body: str, name: str = "extra.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_acled_types_and_sub_types_are_exact() -> None:
    ontology = load_ontology()
    acled = {sub.name: sub.event_type for sub in ontology.sub_event_types if not sub.extension}
    assert len(acled) == 25
    for event_type, names in ACLED.items():
        assert {name for name, kind in acled.items() if kind == event_type} == names
    assert [t.name for t in ontology.event_types] == list(ACLED)


def test_territory_sub_types_and_extensions_are_marked() -> None:
    ontology = load_ontology()
    assert ontology.territory_names() == {
        "Non-state actor overtakes territory",
        "Government regains territory",
        "Non-violent transfer of territory",
    }
    extensions = {sub.name: sub for sub in ontology.sub_event_types if sub.extension}
    assert {
        "Statement",
        "Negotiations",
        "Visit",
        "Troop withdrawal",
        "Aid pledge",
        "Displacement",
        "Surrender",
        "Evacuation",
    } <= set(extensions)
    assert all(sub.acled_sub_event_type == "Other" and not sub.territory for sub in extensions.values())


def test_every_sub_type_has_examples_and_triggers() -> None:
    for sub in load_ontology().sub_event_types:
        assert sub.examples, sub.name
        assert sub.name in ("Other", "Control statement") or sub.patterns, sub.name  # found by state phrases


def test_an_extra_file_adds_a_sub_type_and_extends_an_existing_one(tmp_path: Path) -> None:
    extra = write(
        tmp_path,
        "sub_event_types:"
        + MINIMAL_SUB_TYPE.format(name="Curfew", verb="impose")
        + """
  - name: Looting/property destruction
    patterns:
      - pattern: X pillaged Y
        verbs: [pillage]
        requires: [actor1]
        roles: {actor1: subject, location: [prep:in]}
""",
    )
    ontology = load_ontology([extra])
    assert ontology.sub_event_type("Curfew").event_type == "Strategic developments"
    shipped = len(load_ontology().sub_event_type("Looting/property destruction").patterns)
    assert len(ontology.sub_event_type("Looting/property destruction").patterns) == shipped + 1
    assert str(extra) in ontology.sources
    found = events_in("Militiamen pillaged shops in Goma on Friday.", EventExtractor(ontology=ontology))
    assert [e.sub_event_type for e in found] == ["Looting/property destruction"]


@pytest.mark.parametrize(
    ("body", "message", "fix"),
    [
        (
            "sub_event_types:"
            + MINIMAL_SUB_TYPE.format(name="X", verb="go").replace("patterns:", "paterns:"),
            "unknown key 'paterns'",
            "check the spelling",
        ),
        (
            "sub_event_types:\n  - name: Y\n    event_type: Battles\n    territory: false\n"
            "    examples: [a]\n"
            "    patterns: []\n",
            "missing field 'description'",
            "add 'description: ...'",
        ),
        (
            "sub_event_types:" + MINIMAL_SUB_TYPE.format(name="Z", verb="no"),
            "expected a word, found False",
            "YAML reads yes, no",
        ),
        (
            "sub_event_types:"
            + MINIMAL_SUB_TYPE.format(name="W", verb="go").replace("actor1: subject", "actor1: sujet"),
            "unknown source 'sujet'",
            "prep:WORD",
        ),
        (
            "sub_event_types:" + MINIMAL_SUB_TYPE.format(name="V", verb="go") + "    variants:\n"
            "      - when: {actor1_type: [Pirates]}\n        becomes: Armed clash\n",
            "unknown actor type 'Pirates'",
            "State forces",
        ),
        (
            "sub_event_types:" + MINIMAL_SUB_TYPE.format(name="U", verb="go") + "    variants:\n"
            "      - when: {non_violent: true}\n        becomes: Armed clashes\n",
            "'Armed clashes', which is not defined",
            "spelled exactly",
        ),
        ("- just a list\n", "does not hold a YAML mapping", "top-level keys"),
        ("sub_event_types: [\n", "is not valid YAML", "indentation"),
    ],
)
def test_mistakes_in_a_file_name_the_file_the_entry_and_the_fix(
    tmp_path: Path, body: str, message: str, fix: str
) -> None:
    path = write(tmp_path, body, name=f"broken-{abs(hash(body))}.yaml")
    with pytest.raises(ConfigError) as caught:
        load_ontology([path])
    assert str(path) in str(caught.value)
    assert message in caught.value.message
    assert fix in caught.value.fix


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_ontology([tmp_path / "nowhere.yaml"])
