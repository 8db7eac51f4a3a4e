"""The options of every command that extracts, read once into the run's `ExtractionConfig`.

`--model`, `--extract-budget`, `--outlet-homes` and `--gazetteer` (each defaulting to its
`SITREP_<NAME>`, then to the settings table) become one `ExtractionConfig`, which the command hands
to the extractor, its workers and the ingest job: nothing below the CLI reads these settings again.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

import click

from sitrep.cli.options import setting_option
from sitrep.config import ExtractionConfig, get_setting

F = TypeVar("F", bound=Callable[..., Any])

_GAZETTEER = get_setting("gazetteer")
OPTIONS: tuple[Callable[[F], F], ...] = (
    setting_option("model", "--model", "model", metavar="PACKAGE"),
    setting_option("extract-budget", "--extract-budget", "extract_budget", metavar="SECONDS"),
    setting_option("outlet-homes", "--outlet-homes", "outlet_homes", metavar="on|off"),
    click.option("--gazetteer", "gazetteer", metavar="PATH", default=None, show_default=_GAZETTEER.default,
                 help=f"{_GAZETTEER.help} [env: {_GAZETTEER.env}]"),
)


def extraction_options(function: F) -> F:
    """Add the extraction options to a command, which receives them as one `config` (`ExtractionConfig`)."""

    @functools.wraps(function)
    def command(*args: Any, model: str, extract_budget: str, outlet_homes: str, gazetteer: str | None,
                **kwargs: Any) -> Any:
        config = ExtractionConfig.from_environment(model=model, budget=extract_budget,
                                                   outlet_homes=outlet_homes, gazetteer=gazetteer)
        return function(*args, config=config, **kwargs)

    decorated: Callable[..., Any] = command
    for option in reversed(OPTIONS):
        decorated = option(decorated)
    return cast(F, decorated)
