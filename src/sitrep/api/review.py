"""The analyst's endpoints: corrections (writes need the token or a session), the queue, places."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from sitrep.api.auth import check_read, check_write
from sitrep.api.contract import INVALID, LOOKUP_ERRORS, READ_ERRORS, UNAVAILABLE, Day, errors
from sitrep.api.routes import Id, store_of
from sitrep.codec import from_jsonable, to_jsonable
from sitrep.errors import NotFoundError
from sitrep.records import ControlPeriod, Correction
from sitrep.run import review
from sitrep.store.base import FusedQuery, Store

router = APIRouter(prefix="/api", responses=READ_ERRORS)
WRITE_ERRORS = errors(e400="A value is not one sitrep knows (a field, day, place or type).",
                      e401="No token, a wrong token, or no session.",
                      e403="The server takes no writes (no `--token`).", e404="No record has this id.",
                      e422=INVALID, e503=UNAVAILABLE)
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Author = Annotated[str, Field(min_length=1, max_length=200)]
QUEUE_LIMIT = review.QUEUE_LIMIT
# The author of a correction sent without one.
DEFAULT_AUTHOR = "analyst"


class EventCorrectionIn(BaseModel):
    """A correction of one field of an event, or its rejection (`field` "rejected")."""

    model_config = ConfigDict(extra="forbid")

    field: Annotated[str, Field(description="date, place, actor1, actor2, sub_event_type or rejected.",
                                max_length=40)]
    value: Annotated[str, Field(max_length=200, description="The new value (a geonameid for place).")] = ""
    reason: Text
    author: Author = DEFAULT_AUTHOR


class ControlIn(BaseModel):
    """Who holds a place from a day (until a day, or still)."""

    model_config = ConfigDict(extra="forbid")

    actor: Annotated[str, Field(max_length=200, description='The holder; "" for unknown.')]
    start: Day = Field(alias="from")
    end: Day | None = Field(None, alias="to", description="The day it stops being held.")
    reason: Text
    author: Author = DEFAULT_AUTHOR


class UnreliableIn(BaseModel):
    """Why an article is unreliable."""

    model_config = ConfigDict(extra="forbid")

    reason: Text
    author: Author = DEFAULT_AUTHOR


def correction_document(correction: Correction) -> dict[str, Any]:
    """A correction as JSON, with the page of what it corrects."""
    document: dict[str, Any] = to_jsonable(correction)
    document["url"] = _target_url(correction)
    return document


def _target_url(correction: Correction) -> str:
    if correction.field.value == "control":
        return f"/places/{correction.target}"
    if correction.field.value == "unreliable":
        return f"/articles/{correction.target}"
    return f"/events/{correction.target}"


@router.post("/events/{event_id}/corrections", status_code=201, dependencies=[Depends(check_write)],
             responses=WRITE_ERRORS, summary="Correct or reject an event (needs the token)")
def post_event_correction(request: Request, event_id: Id, body: EventCorrectionIn) -> JSONResponse:
    """Store the correction and re-fuse the event's articles; answers the correction and the event."""
    store = store_of(request)
    if body.field.strip().lower() == "rejected":
        saved = review.reject_event(store, event_id, author=body.author, reason=body.reason)
    else:
        saved = review.correct_event(store, event_id, body.field, body.value, author=body.author,
                                     reason=body.reason)
    return JSONResponse({"correction": correction_document(saved), "event": _event_now(store, saved)},
                        status_code=201)


def _event_now(store: Store, correction: Correction) -> dict[str, Any] | None:
    """The event a correction bears on, as fused now (None when it is gone)."""
    try:
        return to_jsonable(review.event_of(store, correction.target))  # type: ignore[no-any-return]
    except NotFoundError:
        return None


@router.post("/places/{place_id}/control", status_code=201, dependencies=[Depends(check_write)],
             responses=WRITE_ERRORS, summary="Set who holds a place over a period (needs the token)")
def post_control(request: Request, place_id: Annotated[int, Path(ge=1, le=2**40)], body: ControlIn
                 ) -> JSONResponse:
    """Store the analyst's period and rewrite the place's control at once."""
    saved = review.set_control(store_of(request), place_id, actor=body.actor, start=body.start, end=body.end,
                               author=body.author, reason=body.reason)
    return JSONResponse({"correction": correction_document(saved)}, status_code=201)


@router.post("/articles/{article_id}/unreliable", status_code=201, dependencies=[Depends(check_write)],
             responses=WRITE_ERRORS, summary="Mark an article unreliable (needs the token)")
def post_unreliable(request: Request, article_id: Id, body: UnreliableIn) -> JSONResponse:
    """Leave the article's mentions out of fusion from now on."""
    saved = review.mark_unreliable(store_of(request), article_id, author=body.author, reason=body.reason)
    return JSONResponse({"correction": correction_document(saved)}, status_code=201)


@router.delete("/corrections/{correction_id}", dependencies=[Depends(check_write)], responses=WRITE_ERRORS,
               summary="Undo a correction (needs the token)")
def delete_correction(request: Request, correction_id: Annotated[int, Path(ge=1, le=2**62)],
                      author: Annotated[str, Query(min_length=1, max_length=200)] = DEFAULT_AUTHOR
                      ) -> JSONResponse:
    """Mark the correction undone (kept for the record) and restore the machine's value."""
    undone = review.undo(store_of(request), correction_id, by=author)
    return JSONResponse({"correction": correction_document(undone)})


@router.get("/corrections", dependencies=[Depends(check_read)], summary="Corrections, oldest first")
def list_corrections(
    request: Request,
    target: Annotated[str | None, Query(max_length=200, description="An event, place or article id.")] = None,
    include_undone: Annotated[bool, Query(alias="all", description="Undone ones too.")] = False,
) -> JSONResponse:
    """Every correction in force (or all of them), with author, time, reason and values."""
    found = store_of(request).list_corrections(target=target, active=not include_undone)
    return JSONResponse({"items": [correction_document(item) for item in found]})


@router.get("/review/queue", dependencies=[Depends(check_read)], summary="What most needs a human")
def get_queue(
    request: Request,
    country: Annotated[str | None, Query(max_length=120, description="Country name or ISO code.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = review.QUEUE_LIMIT,
) -> JSONResponse:
    """Single-source changes of hands, contradicted presumptions, disagreements, low confidence."""
    return JSONResponse({"items": queue_items(store_of(request), country, limit)})


def queue_items(store: Store, country: str | None, limit: int) -> list[dict[str, Any]]:
    """The queue as JSON (shared with the review page)."""
    return [to_jsonable(item) for item in review.review_queue(store, country=country, limit=limit)]


@router.get("/places/{place_id}", dependencies=[Depends(check_read)], responses=LOOKUP_ERRORS,
            summary="One place: its control periods, events and corrections")
def get_place(request: Request, place_id: Annotated[int, Path(ge=1, le=2**40)]) -> JSONResponse:
    """Every control period of the place (corrected ones say by whom), its events and corrections."""
    return JSONResponse(place_detail(store_of(request), place_id))


def place_detail(store: Store, place_id: int) -> dict[str, Any]:
    """A place's periods, events and corrections (shared with the place page)."""
    rows = [row for row in store.list_control() if row.geonameid == place_id]
    periods = [from_jsonable(ControlPeriod, json.loads(row.data)) for row in rows]
    events = store.list_fused(FusedQuery("event", place_id=place_id, limit=None, rejected=True))
    if not periods and not events:
        raise NotFoundError(f"no control period or event at place {place_id}",
                            fix="open a place from the map or an event's page")
    name = periods[0].place if periods else events[0].place
    return {"geonameid": place_id, "place": name, "url": f"/places/{place_id}",
            "periods": [to_jsonable(period) for period in periods],
            "events": [{**json.loads(row.data), "url": f"/events/{row.record_id}"} for row in events],
            "corrections": [correction_document(item)
                            for item in store.list_corrections(target=str(place_id), active=False)]}
