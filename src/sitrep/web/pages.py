"""The dashboard's pages: each builds one JSON document, sent as JSON (its twin) or drawn as HTML.

A page answers JSON for `?format=json` or an Accept header asking for JSON without HTML, and HTML
otherwise. Every string from an article goes through Jinja's autoescaping (and `tojson` for the
page's data block); links taken from input are kept only when they are http(s).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape

from sitrep.api import dashboard, present, review
from sitrep.api.auth import check_read
from sitrep.api.contract import Day
from sitrep.api.errors import ApiError, wants_json
from sitrep.api.routes import Id, search_everything, store_of
from sitrep.report.links import linkable
from sitrep.store.base import FACTUAL_MODALITIES

router = APIRouter(dependencies=[Depends(check_read)], include_in_schema=False)

# Rows of the home page's events table drawn by the server (the script draws the rest on demand).
TABLE_ROWS = 300
# What the events table and the map show: events said to have happened, or every modality.
FACTUAL = "factual"
ALL = "all"
FACTUAL_NAMES = [modality.value for modality in FACTUAL_MODALITIES]
Format = Annotated[str | None, Query(alias="format", pattern="^(json|html)$")]


ENVIRONMENT = Environment(loader=PackageLoader("sitrep.web", "templates"), autoescape=select_autoescape(),
                          trim_blocks=True, lstrip_blocks=True)
ENVIRONMENT.filters["safe_url"] = linkable


def render(request: Request, template: str, data: dict[str, Any], **context: Any) -> Response:
    """The page's JSON twin or its HTML."""
    if wants_json(request):
        return JSONResponse(data)
    vendor: frozenset[str] = getattr(request.app.state, "vendor", frozenset())
    query = request.query_params.get("q", "")
    html = ENVIRONMENT.get_template(template).render(data=data, vendor=vendor, query=query,
                                                     private=request.app.state.config.private, **context)
    return HTMLResponse(html)


def render_error(request: Request, body: dict[str, Any]) -> str:
    """An error as a page (the handlers call this for browsers)."""
    return ENVIRONMENT.get_template("error.html").render(error=body["error"], vendor=frozenset(), query="",
                                                         private=request.app.state.config.private,
                                                         page_data={"page": "error"})


@router.get("/")
def home(request: Request, format: Format = None,
         country: Annotated[str | None, Query(max_length=120)] = None, day: Day | None = None,
         window: Annotated[int, Query(ge=1, le=dashboard.MAX_WINDOW)] = dashboard.DEFAULT_WINDOW,
         modalities: Annotated[str, Query(pattern="^(factual|all)$")] = FACTUAL,
         text_filter: Annotated[str, Query(alias="filter", max_length=200)] = "") -> Response:
    """The map of one country on one day, the day slider, the places-held chart, the events table.

    The view lives in the query so that a shared address reopens it: country, day, window (days of
    events), modalities (`factual`: only events said to have happened; `all`: threats, plans, denials
    and hypotheticals too) and the events table's filter text.
    """
    store = store_of(request)
    known = dashboard.countries(store)
    place = dashboard.resolve_country(store, country or (known[0]["country_code"] if known else None))
    control = store.list_control(country=place.code)  # read once for the timeline and the map
    line = dashboard.timeline(store, place, control=control)
    days = dashboard.timeline_days(line)
    chosen = day.isoformat() if day else days[-1]
    chosen = min(max(chosen, days[0]), days[-1])
    view = dashboard.map_day(store, place, date.fromisoformat(chosen), window, control=control)
    shown = {"window": view["window"], "modalities": modalities, "filter": text_filter.strip()}
    data = {"country": place.name, "country_code": place.code, "day": chosen, "days": days,
            "countries": known, "map": view, "timeline": line, "view": shown}
    page_data = {"page": "home", "country": place.name, "country_code": place.code,
                 "iso_numeric": place.numeric, "day": chosen, "days": days, **shown,
                 "factual_modalities": FACTUAL_NAMES,
                 "api": {"map": "/api/map", "timeline": "/api/timeline"}}
    listed = [event for event in view["events"] if modalities == ALL or event["modality"] in FACTUAL_NAMES]
    rows = sorted(listed, key=lambda event: (event["event_date"] or "", event["event_id"]), reverse=True)
    return render(request, "home.html", data, page_data=page_data, day_index=days.index(chosen),
                  rows=rows[:TABLE_ROWS], more_rows=max(0, len(rows) - TABLE_ROWS), factual=FACTUAL_NAMES,
                  max_window=dashboard.MAX_WINDOW)


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: Id, format: Format = None) -> Response:
    """One event: its fields, the disagreements, and each source's sentence."""
    data = present.event_detail(store_of(request), event_id)
    return render(request, "event.html", data, page_data={"page": "event"})


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: Id, format: Format = None,
                 highlight: Annotated[str | None, Query(pattern=r"^\d{1,9}-\d{1,9}$")] = None) -> Response:
    """One article's text with every span extraction used marked, and one range highlighted."""
    data = present.article_detail(store_of(request), article_id)
    evidence = None
    if highlight:
        start, end = (int(part) for part in highlight.split("-"))
        if end < start:
            raise ApiError(422, f"the highlight {highlight!r} ends before it starts", fix="give START-END")
        evidence = (start, end)
    segments = present.highlight_segments(data["text"], data["spans"], evidence)
    return render(request, "article.html", data, page_data={"page": "article"}, segments=segments)


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: Id, format: Format = None) -> Response:
    """One story: its outlets side by side, its events, claims with each source's value, quotes."""
    data = present.story_detail(store_of(request), story_id)
    return render(request, "story.html", data, page_data={"page": "story"})


@router.get("/search")
def search_page(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)],
                format: Format = None) -> Response:
    """Articles, events and stories matching the words of the search box."""
    data = search_everything(store_of(request), q)
    return render(request, "search.html", data, page_data={"page": "search"})


@router.get("/places/{place_id}")
def place_page(request: Request, place_id: Annotated[int, Path(ge=1, le=2**40)], format: Format = None
               ) -> Response:
    """One place: who held it when (corrections say by whom), a form to set it, its events."""
    data = review.place_detail(store_of(request), place_id)
    return render(request, "place.html", data, page_data={"page": "place"})


@router.get("/review")
def review_page(request: Request, format: Format = None,
                country: Annotated[str | None, Query(max_length=120)] = None) -> Response:
    """The review queue: what most needs a human, best first."""
    data = {"items": review.queue_items(store_of(request), country, review.QUEUE_LIMIT)}
    return render(request, "review.html", data, page_data={"page": "review"})
