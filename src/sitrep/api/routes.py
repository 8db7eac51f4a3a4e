"""The read endpoints under /api: events, stories, articles, claims, quotes, control, map, skipped."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from sitrep.api import dashboard, present
from sitrep.api import paging as pages
from sitrep.api.auth import check_read
from sitrep.api.contract import COUNTRY_ERRORS, LOOKUP_ERRORS, MAX_SOURCES, READ_ERRORS, Day
from sitrep.api.control_cache import country_control
from sitrep.api.paging import Paging, cursor_of, cursor_paging, page, paging
from sitrep.codec import to_jsonable
from sitrep.fuse.tally import LOOKBACK_DAYS, tallies_as_of
from sitrep.records import ClaimVerdict, SkipReason
from sitrep.store.base import ArticleQuery, FusedQuery, FusedRow, Store
from sitrep.store.fused_read import PlaceKind, count_fused_page, country_claim_groups, list_fused_page
from sitrep.watch.status import watched_feeds

router = APIRouter(prefix="/api", dependencies=[Depends(check_read)], responses=READ_ERRORS)

Page = Annotated[Paging, Depends(paging)]
CursorPage = Annotated[Paging, Depends(cursor_paging)]
Since = Annotated[Day | None, Query(description="First day (YYYY-MM-DD), inclusive.")]
Until = Annotated[Day | None, Query(description="Last day (YYYY-MM-DD), inclusive.")]
Text = Annotated[str | None, Query(description="Case-insensitive words to look for.", max_length=200)]
Country = Annotated[str | None, Query(description="Country name or ISO 3166 code, e.g. AF.", max_length=120)]
Id = Annotated[str, Path(max_length=200)]
# Records per kind a search returns.
SEARCH_LIMIT = 20


def store_of(request: Request) -> Store:
    """The server's store."""
    store: Store = request.app.state.store
    return store


@router.get("/health", summary="Whether the server and its database answer")
def health(request: Request) -> JSONResponse:
    """`ok`, how many articles are stored, and each watched feed's state when `watch-state` is set."""
    body: dict[str, Any] = {"status": "ok", "articles": store_of(request).count_articles()}
    feeds = watched_feeds()
    if feeds is not None:
        body["feeds"] = feeds
    return JSONResponse(body)


@router.get("/countries", summary="Countries with events, most events first")
def list_countries(request: Request) -> JSONResponse:
    """Each country's name, ISO code and number of fused events."""
    return JSONResponse(dashboard.countries(store_of(request)))


@router.get("/events", summary="Fused events, newest first")
def list_events(
    request: Request, paged: CursorPage, country: Country = None,
    admin1: Annotated[str | None, Query(description="Admin-1 name, e.g. Badakhshan.")] = None,
    since: Since = None, until: Until = None,
    event_type: Annotated[str | None, Query(alias="type", description="ACLED event type.")] = None,
    sub_event_type: Annotated[str | None, Query(description="ACLED sub-event type.")] = None,
    actor: Annotated[str | None, Query(description="Part of an actor's name.")] = None,
    min_sources: Annotated[int, Query(ge=0, le=MAX_SOURCES, description="Fewest independent sources.")] = 0,
    q: Text = None,
) -> JSONResponse:
    """Events with their reconciled fields, source counts and article ids (no mention bodies)."""
    store = store_of(request)
    query = FusedQuery("event", country=dashboard.country_code(country), admin1=admin1, since=since,
                       until=until, undated=False, category=event_type, label=sub_event_type, actor=actor,
                       min_weight=min_sources, text=q, **query_paging(paged))
    rows = list_fused_page(store, query)
    return fused_page(request, rows, [present.event_summary(row) for row in rows], query, paged)


@router.get("/events/{event_id}", responses=LOOKUP_ERRORS, summary="One event with every source's evidence")
def get_event(request: Request, event_id: Id) -> JSONResponse:
    """The event, its disagreements, and each mention's outlet, article and highlighted sentence."""
    return JSONResponse(present.event_detail(store_of(request), event_id))


@router.get("/stories", summary="Stories, newest first")
def list_stories(request: Request, paged: CursorPage, since: Since = None, until: Until = None,
                 q: Text = None) -> JSONResponse:
    """Stories (articles about the same thing across outlets)."""
    store = store_of(request)
    query = FusedQuery("story", since=since, until=until, text=q, undated=False, **query_paging(paged))
    rows = list_fused_page(store, query)
    return fused_page(request, rows, [present.story_summary(row) for row in rows], query, paged)


@router.get("/stories/{story_id}", responses=LOOKUP_ERRORS, summary="One story with its outlets side by side")
def get_story(request: Request, story_id: Id) -> JSONResponse:
    """The story, its articles by outlet, its events, claims and quotes."""
    return JSONResponse(present.story_detail(store_of(request), story_id))


@router.get("/articles", summary="Articles, newest first")
def list_articles(
    request: Request, paged: Page,
    source: Annotated[str | None, Query(description="Outlet name, any case.")] = None,
    language: Annotated[str | None, Query(description="ISO 639-1 code.")] = None,
    since: Since = None, until: Until = None, q: Text = None,
) -> JSONResponse:
    """Articles' metadata and leads."""
    store = store_of(request)
    query = ArticleQuery(source=source, language=language, since=since, until=until, text=q,
                         limit=paged.limit, offset=paged.offset)
    items = [present.article_summary(article) for article in store.list_articles(query)]
    return page(request, items, store.count_articles(query), paged)


@router.get("/articles/{article_id}", responses=LOOKUP_ERRORS,
            summary="One article with its text and the spans used")
def get_article(request: Request, article_id: Id) -> JSONResponse:
    """The article, its full text, every span extraction used, its events and stories."""
    return JSONResponse(present.article_detail(store_of(request), article_id))


@router.get("/claims", summary="Claim groups: figures and what each source says")
def list_claims(
    request: Request, paged: CursorPage, since: Since = None, until: Until = None,
    verdict: Annotated[ClaimVerdict | None, Query(description="How the sources' values compare.")] = None,
) -> JSONResponse:
    """Claim groups with each source's value and the verdict (conflicts included)."""
    label = verdict.value if verdict else None
    return _groups(request, paged, FusedQuery("claim", since=since, until=until, label=label))


@router.get("/quotes", summary="Quotes grouped across outlets and wordings")
def list_quotes(
    request: Request, paged: CursorPage, since: Since = None, until: Until = None,
    speaker: Annotated[str | None, Query(description="The speaker as resolved, any case.")] = None,
) -> JSONResponse:
    """Quote groups with each outlet's wording."""
    return _groups(request, paged, FusedQuery("quote", since=since, until=until, label=speaker))


def _groups(request: Request, paged: Paging, query: FusedQuery) -> JSONResponse:
    """A page of claim or quote groups as stored."""
    store = store_of(request)
    query = replace(query, undated=False, **query_paging(paged))
    rows = list_fused_page(store, query)
    return fused_page(request, rows, [present.group_document(row) for row in rows], query, paged)


def query_paging(paged: Paging) -> dict[str, Any]:
    """The limit, offset and cursor of a fused list's query: after a cursor, no offset is skipped."""
    return {"limit": paged.limit, "offset": 0 if paged.after else paged.offset, "after": paged.after}


def fused_page(request: Request, rows: list[FusedRow], items: list[Any], query: FusedQuery,
               paged: Paging) -> JSONResponse:
    """A page of fused records with its total and a next link that continues after its last row.

    The total is counted exactly up to `paging.COUNT_BEYOND` records past the page's start ("more than"
    after); past a cursor, the records before it are the `offset` the link carried.
    """
    before = paged.offset if paged.after else 0
    bound = paged.offset - before + pages.COUNT_BEYOND  # read at each request (tests lower it)
    counted = count_fused_page(store_of(request), query, most=bound)
    cursor = cursor_of(rows[-1]) if rows else None
    return page(request, items, before + min(counted, bound), paged, exact=counted <= bound, cursor=cursor)


@router.get("/control", responses=COUNTRY_ERRORS, summary="Who controls which place on a day")
def get_control(
    request: Request,
    country: Annotated[str, Query(description="Country name or ISO 3166 code.", max_length=120)],
    as_of: Annotated[Day, Query(description="The day (YYYY-MM-DD).")],
    kind: Annotated[PlaceKind, Query(description="Every place, or provincial capitals only.")]
    = PlaceKind.ALL,
) -> JSONResponse:
    """Control periods in force on `as_of`, and the reported tallies checked against them."""
    store = store_of(request)
    place = dashboard.resolve_country(store, country)
    held = country_control(store, place.code)  # decoded once per change of control
    periods = [held.published(index) for index in held.in_force(as_of)
               if kind is PlaceKind.ALL or held.rows[index].admin1_seat]
    periods.sort(key=lambda period: (period["place"], period["geonameid"]))  # as `control_table` does
    groups = country_claim_groups(store, country=place.code, since=as_of - timedelta(days=LOOKBACK_DAYS),
                                  until=as_of)
    tallies = tallies_as_of(groups, held.periods(), as_of) if groups else []
    return JSONResponse({"country": place.name, "country_code": place.code, "as_of": as_of.isoformat(),
                         "kind": kind.value, "periods": periods,
                         "tallies": [to_jsonable(tally) for tally in tallies]})


@router.get("/map", responses=COUNTRY_ERRORS,
            summary="One day on the map: control of places and recent events")
def get_map(
    request: Request, country: Country = None,
    day: Annotated[Day | None, Query(description="The day (YYYY-MM-DD); the last day known by default.")]
    = None,
    window: Annotated[int, Query(ge=1, le=dashboard.MAX_WINDOW, description="Days of events shown.")]
    = dashboard.DEFAULT_WINDOW,
) -> JSONResponse:
    """Places coloured by controlling actor on `day`, events of the `window` days to `day`."""
    store = store_of(request)
    place = dashboard.resolve_country(store, country)
    if day is None:
        day = dashboard.last_day(store, place)
    return JSONResponse(dashboard.map_day(store, place, day, window))


@router.get("/timeline", responses=COUNTRY_ERRORS,
            summary="Places held per actor on every day, and events per day")
def get_timeline(request: Request, country: Country = None) -> JSONResponse:
    """The days the slider steps through, with the chart's data."""
    store = store_of(request)
    return JSONResponse(dashboard.timeline(store, dashboard.resolve_country(store, country)))


@router.get("/skipped", summary="Inputs that were not stored, with the reason")
def list_skipped(
    request: Request, paged: Page,
    reason: Annotated[SkipReason | None, Query(description="Only this reason, e.g. too-large.")] = None,
) -> JSONResponse:
    """Skipped inputs, most recently seen first."""
    entries = store_of(request).list_skipped(reason.value if reason else None)
    items = [present.skipped_document(entry) for entry in entries[paged.offset:paged.offset + paged.limit]]
    return page(request, items, len(entries), paged)


@router.get("/search", summary="Articles, events and stories matching some words")
def search(request: Request, q: Annotated[str, Query(min_length=1, max_length=200)]) -> JSONResponse:
    """Up to 20 of each: articles (title or text), events (type, place, admin-1, actors), stories (title)."""
    return JSONResponse(search_everything(store_of(request), q))


def search_everything(store: Store, q: str) -> dict[str, Any]:
    """What the search box finds (shared with the search page)."""
    articles = store.list_articles(ArticleQuery(text=q, limit=SEARCH_LIMIT))
    events = store.list_fused(FusedQuery("event", text=q, limit=SEARCH_LIMIT))
    stories = store.list_fused(FusedQuery("story", text=q, limit=SEARCH_LIMIT))
    return {"q": q, "articles": [present.article_summary(article) for article in articles],
            "events": [present.event_summary(row) for row in events],
            "stories": [present.story_summary(row) for row in stories]}

