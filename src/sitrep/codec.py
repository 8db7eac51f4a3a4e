"""Records to JSON-ready values and back, driven by the records' own type hints.

Storage packs records tighter than the API shows them, in this one place: `omit_defaults`
leaves out every field equal to its default (decoding fills it back in), and a field whose
metadata sets `REFERENCE` (a place's candidate gazetteer entries) is written as ids wherever
`reference` knows the record, and read back through `dereference`.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")
# Field metadata key: the field holds records that storage may replace by their ids.
REFERENCE = "reference"
# A record to its id, or None to keep it whole.
Reference = Callable[[Any], Any]
# A record type and an id to the record, or None when the id is no longer known.
Dereference = Callable[[type, Any], Any]
_MISSING = dataclasses.MISSING


@dataclasses.dataclass(frozen=True, slots=True)
class _Field:
    name: str
    default: Any
    reference: bool


def to_jsonable(value: Any, *, omit_defaults: bool = False, reference: Reference | None = None) -> Any:
    """A structure of dicts, lists, strings and numbers for a record (dates as ISO 8601).

    With `omit_defaults`, fields equal to their default are left out; with `reference`, the
    records of `REFERENCE` fields that it gives an id for are written as that id.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_record(value, omit_defaults, reference)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetime included
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_jsonable(item, omit_defaults=omit_defaults, reference=reference) for item in value]
    return value


def _encode_record(value: Any, omit_defaults: bool, reference: Reference | None) -> dict[str, Any]:
    document: dict[str, Any] = {}
    kind: type = value.__class__
    for field in _fields(kind):
        item = getattr(value, field.name)
        if omit_defaults and type(item) is type(field.default) and item == field.default:
            continue
        if field.reference and reference is not None:
            document[field.name] = [_referenced(element, omit_defaults, reference) for element in item]
        else:
            document[field.name] = to_jsonable(item, omit_defaults=omit_defaults, reference=reference)
    return document


def _referenced(record: Any, omit_defaults: bool, reference: Reference) -> Any:
    known = reference(record)
    return known if known is not None else to_jsonable(record, omit_defaults=omit_defaults)


@lru_cache(maxsize=64)
def _fields(kind: type) -> tuple[_Field, ...]:
    """A record type's fields with their plain defaults (MISSING when none, or a factory)."""
    return tuple(_Field(field.name, field.default, bool(field.metadata.get(REFERENCE)))
                 for field in dataclasses.fields(kind))


def from_jsonable(kind: type[T], data: Any, *, dereference: Dereference | None = None) -> T:
    """The record of type `kind` that `to_jsonable` turned into `data`.

    Ids written in place of records are read back through `dereference`; an id it does not
    know (or any id when it is None) is left out.
    """
    return typing.cast(T, _decode(kind, data, dereference))


@lru_cache(maxsize=64)
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


@lru_cache(maxsize=64)
def _references(kind: type) -> frozenset[str]:
    return frozenset(field.name for field in _fields(kind) if field.reference)


def _decode(kind: Any, data: Any, dereference: Dereference | None) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _decode(options[0], data, dereference) if len(options) == 1 else _decode_union(options, data)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_decode(item, element, dereference) for element in data)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _decode_record(kind, data, dereference)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is date:
        return _decode_date(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    return data


def _decode_record(kind: type, data: dict[str, Any], dereference: Dereference | None) -> Any:
    hints, references = _hints(kind), _references(kind)
    values = {}
    for name, value in data.items():
        if name in references:
            values[name] = _decode_references(hints[name], value, dereference)
        elif name in hints:
            values[name] = _decode(hints[name], value, dereference)
    return kind(**values)


def _decode_references(kind: Any, data: list[Any], dereference: Dereference | None) -> tuple[Any, ...]:
    """A tuple of records written whole (dicts) or as ids (anything else)."""
    item = typing.get_args(kind)[0]
    found = []
    for element in data:
        if isinstance(element, dict):
            found.append(_decode(item, element, dereference))
        elif dereference is not None and (record := dereference(item, element)) is not None:
            found.append(record)
    return tuple(found)


def _decode_union(options: list[Any], data: Any) -> Any:
    if date in options and isinstance(data, str):
        return _decode_date(data)
    for option in options:
        if isinstance(option, type) and isinstance(data, option):
            return data
    return data


def _decode_date(text: str) -> date:
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
