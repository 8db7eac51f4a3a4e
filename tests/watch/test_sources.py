"""Reading the list of feeds: YAML and OPML, and errors that say how to fix the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.watch import Source, load_sources


def test_yaml_list_with_names_intervals_and_languages(tmp_path: Path) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds:\n  - url: https://a.example/rss\n    name: A\n    interval: 60\n"
                    "    language: FR\n  - https://b.example/atom\n")
    assert load_sources(path) == [
        Source("https://a.example/rss", "A", 60.0, "fr"),
        Source("https://b.example/atom", "https://b.example/atom", 900.0, None),
    ]


def test_opml_outlines_with_xml_url(tmp_path: Path) -> None:
    path = tmp_path / "feeds.opml"
    path.write_text('<opml version="2.0"><body><outline text="News">'
                    '<outline text="Valley Post" type="rss" xmlUrl="https://v.example/rss"/>'
                    '<outline text="no feed here"/></outline></body></opml>')
    assert load_sources(path) == [Source("https://v.example/rss", "Valley Post")]


@pytest.mark.parametrize(("text", "words"), [
    ("- url: ftp://a.example/x\n", "not an http(s) URL"),
    ("- url: https://a.example/x\n  interval: soon\n", "is not a number of seconds"),
    ("- url: https://a.example/x\n  interval: 0.1\n", "below"),
    ("- url: https://a.example/x\n- url: https://a.example/x\n", "twice"),
    ("- name: no url\n", "has no `url`"),
    ("[]\n", "lists no feed"),
])
def test_bad_lists_name_the_problem_and_the_fix(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_sources(path)
    assert words in caught.value.message
    assert caught.value.fix
