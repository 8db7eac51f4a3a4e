"""POST /api/articles: ingest articles sent as JSON (the fields of a JSON Lines file), with the token."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from pydantic import BaseModel, ConfigDict, Field

from sitrep.api.auth import check_write
from sitrep.api.contract import INVALID, UNAVAILABLE, errors
from sitrep.api.errors import ApiError
from sitrep.config import IngestOptions, default_value, parse_languages, parse_size
from sitrep.ingest import read_records
from sitrep.pipeline import ingest_items
from sitrep.records import IngestSummary

router = APIRouter(prefix="/api")

# Articles one request may carry, and its largest body (`limits.WriteGate` enforces it before the body
# is read): bigger batches belong in `sitrep ingest`.
MAX_ARTICLES = 1000
MAX_BODY_BYTES = 50_000_000
INPUT_NAME = "POST /api/articles"


class ArticleIn(BaseModel):
    """One article, with the fields of a JSON Lines line (other fields are ignored)."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1, description="The article's text (required).")
    title: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="ISO 8601 date or date-time.")
    source: str | None = Field(None, description="The outlet.")
    outlet: str | None = Field(None, description="Same as `source` (either is read).")
    language: str | None = Field(None, description="ISO 639-1 code; detected when absent.")


class Ingester:
    """Stores, extracts and fuses posted articles one request at a time (spaCy loads on first use)."""

    def __init__(self, make_extractor: Callable[[], Any] | None = None) -> None:
        self._make_extractor = make_extractor
        self._extractor: Any = None
        self._lock = threading.Lock()

    def __call__(self, request: Request, records: list[dict[str, Any]]) -> IngestSummary:
        """Ingest `records` into the server's store; extraction and fusion included."""
        with self._lock:
            if self._extractor is None and self._make_extractor is not None:
                self._extractor = self._make_extractor()
            options = settings_options()
            items = read_records(records, options, input_name=INPUT_NAME)
            return ingest_items(items, request.app.state.store, options, extractor=self._extractor,
                                fuse=self._extractor is not None)


def settings_options() -> IngestOptions:
    """What `sitrep ingest` would use with no options: the settings' environment values or defaults."""
    return IngestOptions(max_text_bytes=parse_size(default_value("max-bytes")),
                         batch_size=int(default_value("batch-size")),
                         languages=parse_languages(default_value("languages")))


WRITE_ERRORS = errors(
    e401="No token, a wrong token, or no session.", e403="The server takes no writes (no `--token`).",
    e413=f"The body is over {MAX_BODY_BYTES:,} bytes or holds over {MAX_ARTICLES:,} articles.",
    e422=INVALID, e429="Other large bodies are being handled; try again after `Retry-After` seconds.",
    e503=UNAVAILABLE)
ArticleList = Annotated[list[ArticleIn], Field(min_length=1)]


@router.post("/articles", status_code=201, dependencies=[Depends(check_write)], responses=WRITE_ERRORS,
             summary="Ingest articles (needs the server's token)")
def post_articles(
    request: Request,
    body: Annotated[ArticleIn | ArticleList, Body(description="One article or a list of them.")],
) -> dict[str, Any]:
    """Store, extract and fuse the articles; says which were new, duplicates, or skipped and why."""
    articles = body if isinstance(body, list) else [body]
    if len(articles) > MAX_ARTICLES:
        raise ApiError(413, f"{len(articles):,} articles in one request, more than {MAX_ARTICLES:,}",
                       fix="split them into several requests, or use `sitrep ingest`")
    ingester: Ingester = request.app.state.ingester
    summary = ingester(request, [article.model_dump(exclude_none=True) for article in articles])
    return {
        "stored": summary.stored, "extracted": summary.extracted, "fused": summary.fused,
        "not_extracted": dict(summary.not_extracted),
        "duplicates": [{"input": item.input, "article_id": item.article_id} for item in summary.duplicates],
        "skipped": [{"input": item.input, "reason": item.reason.value, "detail": item.detail}
                    for item in summary.skipped],
    }
