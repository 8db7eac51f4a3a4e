"""The exception tree of sitrep; the type decides the CLI's exit code and message.

    SitrepError                  exit 1  sitrep could not do what was asked
    ├── ConfigError              exit 2  a setting or option is wrong (bad --db URL, bad size)
    ├── StoreError               exit 3  the database cannot be opened, migrated or written
    │   └── SchemaOutOfDate      exit 3  the database needs `sitrep db upgrade`
    └── NotFoundError            exit 4  a requested record does not exist

Bad *input* (an empty file, a broken JSON line, an unreachable URL) is never an exception that
reaches the user: it becomes a `Skipped` record and the batch goes on.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base of every error sitrep reports to its user."""

    exit_code = 1

    def __init__(self, message: str, *, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return f"{self.message} ({self.fix})" if self.fix else self.message


class ConfigError(SitrepError):
    """A setting, option or URL given by the user is not usable."""

    exit_code = 2


class StoreError(SitrepError):
    """The database cannot be opened, migrated, read or written."""

    exit_code = 3


class SchemaOutOfDate(StoreError):
    """The database was made by an older sitrep and must be upgraded first."""


class NotFoundError(SitrepError):
    """A record asked for by id does not exist."""

    exit_code = 4
