"""Options shared by several commands, with defaults and help taken from the settings table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from sitrep.config import default_value, get_setting

F = TypeVar("F", bound=Callable[..., Any])


def setting_option(name: str, *flags: str, **kwargs: Any) -> Callable[[F], F]:
    """A `--NAME` option whose default (`SITREP_NAME` or the table's) and help come from SETTINGS."""
    setting = get_setting(name)
    return click.option(
        *(flags or (f"--{name}",)),
        default=lambda: default_value(name),
        show_default=setting.default,
        help=f"{setting.help} [env: {setting.env}]",
        **kwargs,
    )


def db_option(function: F) -> F:
    """The `--db URL` option."""
    return setting_option("db", "--db", metavar="URL")(function)


def json_option(function: F) -> F:
    """The `--json` flag: machine-readable output on stdout."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")(function)
