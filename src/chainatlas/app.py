"""Composition root: `create_app(settings)` wires the store, the API, the pages and the middleware."""

from __future__ import annotations

import inspect
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chainatlas import __version__
from chainatlas.api.data_version import DataVersionHeaders
from chainatlas.api.deps import SESSION_COOKIE
from chainatlas.api.docs_pages import install_docs_pages
from chainatlas.api.errors import install_error_handlers
from chainatlas.api.openapi import install_problem_docs
from chainatlas.api.routes import (
    access,
    alerts,
    articles,
    chain,
    clusters,
    enterprises,
    history,
    imports,
    overview,
    projects,
    registry,
    reports,
    resilience,
    scorecard,
    session,
    tokens,
)
from chainatlas.api.routes import fair as fair_routes
from chainatlas.api.routes import map as map_routes
from chainatlas.api.upload_limit import UploadLimit
from chainatlas.config import Settings, cluster_clock, default_database_url, load_settings
from chainatlas.interchange.boundaries import BOUNDARIES
from chainatlas.services.jobs import HEAVY_JOBS, JobLimits
from chainatlas.services.refresh import BackgroundRefresh
from chainatlas.store.engine import make_engine
from chainatlas.store.migrate import upgrade
from chainatlas.web import mount_web
from chainatlas.web.alert_scheduler import AlertScheduler, ScheduleSettings
from chainatlas.web.errors import unknown_page
from chainatlas.web.feed_scheduler import FeedScheduler

SESSION_MAX_AGE = 12 * 3600


class SecureCookieOverHttps:
    """Mark the session cookie `Secure` on answers to requests that came over HTTPS (setting `auto`).

    The scheme is the request's own, or the one a trusted proxy forwarded: `serve` runs uvicorn with
    proxy headers read only from CHAINATLAS_FORWARDED_ALLOW_IPS, which rewrites the scheme first.
    """

    def __init__(self, app: ASGIApp, cookie: str = SESSION_COOKIE) -> None:
        self.app = app
        self.prefix = f"{cookie}=".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, adding `; secure` to the session cookie of an HTTPS answer."""
        if scope["type"] != "http" or scope.get("scheme") != "https":
            await self.app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [self._secured(name, value) for name, value in message.get("headers", [])]
            await send(message)

        await self.app(scope, receive, send_secure)

    def _secured(self, name: bytes, value: bytes) -> tuple[bytes, bytes]:
        if name.lower() == b"set-cookie" and value.startswith(self.prefix) and b"; secure" not in value.lower():
            return name, value + b"; secure"
        return name, value


def add_session_cookie(app: FastAPI, settings: Settings, key: str) -> None:
    """Add the signed session cookie (an opaque session secret and the CSRF token), `Secure` as set."""
    app.add_middleware(
        SessionMiddleware,
        secret_key=key,
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=settings.cookie_secure == "true",
    )
    if settings.cookie_secure == "auto":
        app.add_middleware(SecureCookieOverHttps)


def secret_key(settings: Settings, folder: Path) -> str:
    """Return the cookie-signing key: CHAINATLAS_SECRET_KEY, else one kept in var/secret.key (made once)."""
    if settings.secret_key:
        return settings.secret_key
    path = folder / "secret.key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


API_ROUTERS = (
    overview,
    session,
    tokens,
    access,
    chain,
    clusters,
    enterprises,
    history,
    imports,
    projects,
    alerts,
    resilience,
    articles,
    reports,
)
"""Before `registry`: /projects/status must not be read as the project with id `status`, nor /resilience/... as a kind."""


def create_app(settings: Settings, *, var_dir: Path | None = None) -> FastAPI:
    """Return the web application (pages under /, API under /api/v1, docs at /api/docs and /api/redoc)."""
    app = FastAPI(
        title="Chain Atlas API",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        description="Registry, chain and cluster data of an industry cluster. Errors are RFC 9457 problem+json.",
        lifespan=run_alert_schedule,
    )
    open_store(app, settings)
    add_session_cookie(app, settings, secret_key(settings, var_dir or Path("var")))
    BOUNDARIES.use_folder((var_dir or Path("var")) / "map-boundaries")  # the map's simplified outlines (issue 17)
    app.add_middleware(UploadLimit, limit_mb=settings.max_upload_mb)
    app.add_middleware(DataVersionHeaders)
    install_error_handlers(app)
    install_page_errors(app)
    install_problem_docs(app)
    install_docs_pages(app, openapi_url="/api/openapi.json", title=app.title)
    include_api(app)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    mount_web(app)
    return app


PAGE_ERRORS = (404, 405)
"""The HTTP errors a browser gets as a styled page outside /api/ (the API keeps its problem+json)."""


def install_page_errors(app: FastAPI) -> None:
    """Answer an unknown address (or a wrong method) outside /api/ with the styled error page."""
    problem = app.exception_handlers[StarletteHTTPException]

    async def http_error(request: Request, error: Exception) -> Response:
        status = error.status_code if isinstance(error, StarletteHTTPException) else 500
        if status in PAGE_ERRORS and not request.url.path.startswith("/api/"):
            return await unknown_page(request, status)
        answer = problem(request, error)
        return await answer if inspect.isawaitable(answer) else answer

    app.add_exception_handler(StarletteHTTPException, http_error)


def open_store(app: FastAPI, settings: Settings) -> None:
    """Keep the settings and the cluster's clock, limit heavy jobs, open the database at the newest schema."""
    app.state.settings = settings
    app.state.clock = cluster_clock(settings)
    HEAVY_JOBS.configure(JobLimits(timeout_seconds=settings.job_timeout_seconds, per_user=settings.jobs_per_user))
    default = settings.database_url == default_database_url(Path.cwd())
    app.state.engine = make_engine(settings.database_url, create_folder=default)
    upgrade(app.state.engine)


def include_api(app: FastAPI) -> None:
    """Add the API's routers under /api/v1, in an order where fixed paths come before a kind's record."""
    for module in (*API_ROUTERS, registry, scorecard):
        app.include_router(module.router, prefix="/api/v1")
    app.include_router(fair_routes.router, prefix="/api/v1")
    app.include_router(map_routes.router, prefix="/api/v1")  # the industry map (issue 17)


@asynccontextmanager
async def run_alert_schedule(app: FastAPI) -> AsyncIterator[None]:
    """Run the background work while the application serves: the alert scheduler (unless CHAINATLAS_ALERTS_AT is
    off), the refresh of the default analyses after a write, the news feed scheduler (when a poll is set)."""
    settings: Settings = app.state.settings
    scheduler = None
    if settings.alerts_at is not None:
        schedule = ScheduleSettings(settings.alerts_at, app.state.clock, settings.alerts_poll_seconds)
        scheduler = AlertScheduler(app.state.engine, schedule)
        scheduler.start()
    app.state.alert_scheduler = scheduler
    refresh = BackgroundRefresh(app.state.engine) if settings.background_refresh else None
    if refresh is not None:
        refresh.start()
    app.state.background_refresh = refresh
    feeds = None
    if settings.feeds_poll_seconds is not None:
        feeds = FeedScheduler(app.state.engine, app.state.clock, settings.feeds_poll_seconds)
        feeds.start()
    app.state.feed_scheduler = feeds
    try:
        yield
    finally:
        if scheduler is not None:
            scheduler.stop()
        if refresh is not None:
            refresh.stop()
        if feeds is not None:
            feeds.stop()


def app_from_environment() -> FastAPI:
    """Return the application configured from the environment (what `chainatlas serve` runs)."""
    return create_app(load_settings())
