"""Records to JSON-ready values and back, driven by the records' own type hints."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_jsonable(value: Any) -> Any:
    """A structure of dicts, lists, strings and numbers for a record (dates as ISO 8601)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetime included
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_jsonable(item) for item in value]
    return value


def from_jsonable(kind: type[T], data: Any) -> T:
    """The record of type `kind` that `to_jsonable` turned into `data`."""
    return typing.cast(T, _decode(kind, data))


@lru_cache(maxsize=64)
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _decode(kind: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _decode(options[0], data) if len(options) == 1 else _decode_union(options, data)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_decode(item, element) for element in data)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        return kind(**{name: _decode(hints[name], value) for name, value in data.items() if name in hints})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is date:
        return _decode_date(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    return data


def _decode_union(options: list[Any], data: Any) -> Any:
    if date in options and isinstance(data, str):
        return _decode_date(data)
    for option in options:
        if isinstance(option, type) and isinstance(data, option):
            return data
    return data


def _decode_date(text: str) -> date:
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
