"""`/api/changes.atom`: a country's changes of control and corroborated events as an Atom feed."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from sitrep.api import dashboard
from sitrep.api.auth import check_read
from sitrep.api.contract import COUNTRY_ERRORS, READ_ERRORS, as_json_errors
from sitrep.watch.changes import Change, recent_changes

router = APIRouter(prefix="/api", dependencies=[Depends(check_read)], responses=as_json_errors(READ_ERRORS))

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 200


class AtomResponse(Response):
    """An Atom document (so the schema documents the media type)."""

    media_type = "application/atom+xml"


@router.get("/changes.atom", responses=as_json_errors(COUNTRY_ERRORS), response_class=AtomResponse,
            summary="Changes of control and corroborated events of a country (Atom)")
def changes_feed(
    request: Request,
    country: Annotated[str, Query(description="Country name or ISO 3166 code, e.g. AF.", max_length=120)],
    limit: Annotated[int, Query(ge=1, le=MAX_ENTRIES, description="Most entries.")] = 50,
) -> AtomResponse:
    """New control periods with reported evidence and events with 2+ independent sources, newest first."""
    store = request.app.state.store
    place = dashboard.resolve_country(store, country)
    changes = recent_changes(store, place.code, limit=limit)
    base = str(request.base_url).rstrip("/")
    return AtomResponse(atom_document(changes, title=f"sitrep: changes in {place.name}", base=base,
                                      self_url=str(request.url)))


def atom_document(changes: list[Change], *, title: str, base: str, self_url: str) -> bytes:
    """An Atom 1.0 document of `changes`, each entry linking to its page under `base`."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", self_url)
    _text(feed, "title", title)
    _text(feed, "updated", _timestamp(changes[0].day) if changes else _now())
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_url)
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "sitrep")
    for change in changes:
        _entry(feed, change, base)
    document: bytes = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document


def _entry(feed: ElementTree.Element, change: Change, base: str) -> None:
    entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
    _text(entry, "id", f"urn:sitrep:{change.change_id}")
    _text(entry, "title", change.title)
    _text(entry, "updated", _timestamp(change.day))
    ElementTree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=base + change.path)
    ElementTree.SubElement(entry, f"{{{ATOM}}}category", term=change.kind)
    _text(entry, "summary", change.summary)


def _text(parent: ElementTree.Element, tag: str, value: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = value


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
