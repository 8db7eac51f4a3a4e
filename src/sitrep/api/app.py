"""The server: the REST API, the dashboard pages, their static files and the API's docs, in one app."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib import metadata
from typing import Any

from fastapi import FastAPI, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from sitrep.api import changes, review, routes, writes
from sitrep.api.caching import HeadAsGet, Validators
from sitrep.api.config import ServeConfig
from sitrep.api.errors import install_error_handlers
from sitrep.api.headers import SecurityHeaders
from sitrep.api.limits import WriteGate
from sitrep.api.sessions import Sessions
from sitrep.store import open_store
from sitrep.web import login, pages, provinces
from sitrep.web.assets import VENDOR, missing_packages

log = logging.getLogger("sitrep.api")

GZIP_MIN_BYTES = 2000
GZIP_LEVEL = 5

def create_app(config: ServeConfig, *, make_extractor: Callable[[], Any] | None = None) -> FastAPI:
    """The app serving `config.db_url`; `make_extractor` builds the extractor posted articles go through."""
    store = open_store(config.db_url, create=False)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="sitrep", version=metadata.version("sitrep"), lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Events, stories, claims, quotes and territorial control fused from news articles, "
                    "each traced to the sentences that say it. Errors always have the shape "
                    '`{"error": {"status", "code", "message", "fix", "details"}}`.',
    )
    app.state.config = config
    app.state.store = store
    app.state.ingester = writes.Ingester(make_extractor)
    app.state.sessions = Sessions()
    app.include_router(routes.router)
    app.include_router(changes.router)
    app.include_router(writes.router)
    app.include_router(review.router)
    app.include_router(pages.router)
    app.include_router(login.router)
    app.include_router(provinces.router)
    install_error_handlers(app, pages.render_error)
    _mount_files(app, config)
    _add_middleware(app, config)
    return app


def _add_middleware(app: FastAPI, config: ServeConfig) -> None:
    """From the innermost: validators (ETag), the write gate, security headers, gzip, HEAD."""
    app.add_middleware(Validators, private=config.private)
    app.add_middleware(WriteGate, max_bytes=writes.MAX_BODY_BYTES)
    app.add_middleware(SecurityHeaders)
    # A dense day's map is ~760 KB of JSON, ~10% of that compressed; level 5 costs a few ms.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)
    app.add_middleware(HeadAsGet)


def _mount_files(app: FastAPI, config: ServeConfig) -> None:
    app.mount("/static", StaticFiles(packages=[("sitrep.web", "static")]), name="static")
    available = set(VENDOR)
    if config.assets is None:
        available = set()
    else:
        missing = missing_packages(config.assets)
        if missing:
            log.warning("front-end packages missing from %s: %s (run `make install`); the map is off",
                        config.assets, ", ".join(missing))
        available -= set(missing)
        for name in sorted(available):
            app.mount(f"/vendor/{name}", StaticFiles(directory=config.assets / VENDOR[name]), name=name)
    app.state.vendor = frozenset(available)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        if "swagger-ui" not in available:
            return HTMLResponse("<p>The API's docs page needs the npm package swagger-ui-dist "
                                "(`make install`); the schema is at "
                                '<a href="/openapi.json">/openapi.json</a>.</p>')
        return get_swagger_ui_html(openapi_url="/openapi.json", title="sitrep API",
                                   swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/vendor/swagger-ui/favicon-32x32.png")
