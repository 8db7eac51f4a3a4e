"""The list of feeds and pages to follow, read from a YAML or an OPML file."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import ConfigError

DEFAULT_INTERVAL = 900.0
# Polling more often than this is impolite to any server, whatever the list asks for.
MIN_INTERVAL = 1.0


@dataclass(frozen=True, slots=True)
class Source:
    """One feed or page to poll: its address, a name, seconds between polls, its language."""

    url: str
    name: str
    interval: float = DEFAULT_INTERVAL
    language: str | None = None


def load_sources(path: Path) -> list[Source]:
    """The sources listed in `path` (`.opml`/`.xml`: OPML outlines; anything else: YAML)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"cannot read the source list {path}: {error.strerror or error}",
                          fix="give the path of a YAML or OPML file listing feeds") from None
    if path.suffix.lower() in {".opml", ".xml"} or raw.lstrip().startswith(b"<"):
        sources = _opml_sources(raw, path)
    else:
        sources = _yaml_sources(raw, path)
    if not sources:
        raise ConfigError(f"{path} lists no feed", fix="add entries with at least a `url`")
    _check_unique(sources, path)
    return sources


def _yaml_sources(raw: bytes, path: Path) -> list[Source]:
    try:
        document = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise ConfigError(f"{path} is not valid YAML: {error}", fix="fix the YAML syntax") from None
    if isinstance(document, dict):
        document = document.get("feeds", document.get("sources"))
    if not isinstance(document, list):
        raise ConfigError(f"{path} must hold a list of feeds (or `feeds:` with a list)",
                          fix="write e.g. `- url: https://example.org/rss` per feed")
    return [_yaml_source(entry, path, number) for number, entry in enumerate(document, start=1)]


def _yaml_source(entry: Any, path: Path, number: int) -> Source:
    if isinstance(entry, str):
        entry = {"url": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
        raise ConfigError(f"{path}: feed {number} has no `url`", fix="give each feed a `url: http(s)://...`")
    return make_source(entry["url"], name=entry.get("name"), interval=entry.get("interval"),
                       language=entry.get("language"), where=f"{path}: feed {number}")


def _opml_sources(raw: bytes, path: Path) -> list[Source]:
    try:
        root = ElementTree.fromstring(raw)
    except ElementTree.ParseError as error:
        raise ConfigError(f"{path} is not valid OPML: {error}", fix="fix the XML syntax") from None
    outlines = [node for node in root.iter("outline") if node.get("xmlUrl")]
    return [make_source(node.get("xmlUrl", ""), name=node.get("title") or node.get("text"),
                        interval=node.get("interval"), language=node.get("language"),
                        where=f"{path}: outline {number}")
            for number, node in enumerate(outlines, start=1)]


def make_source(url: str, *, name: Any = None, interval: Any = None, language: Any = None,
                where: str) -> Source:
    """A checked `Source`; `where` names the entry in error messages."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise ConfigError(f"{where}: {url!r} is not an http(s) URL",
                          fix="give a full http:// or https:// URL")
    try:
        seconds = DEFAULT_INTERVAL if interval in (None, "") else float(interval)
    except (TypeError, ValueError):
        raise ConfigError(f"{where}: interval {interval!r} is not a number of seconds",
                          fix="write e.g. `interval: 900`") from None
    if seconds < MIN_INTERVAL:
        raise ConfigError(f"{where}: interval {seconds:g} s is below {MIN_INTERVAL:g} s",
                          fix=f"poll at most every {MIN_INTERVAL:g} s")
    return Source(url=url, name=str(name or url), interval=seconds,
                  language=str(language).lower() if language else None)


def _check_unique(sources: list[Source], path: Path) -> None:
    seen: set[str] = set()
    for source in sources:
        if source.url in seen:
            raise ConfigError(f"{path} lists {source.url} twice", fix="keep one entry per URL")
        seen.add(source.url)
