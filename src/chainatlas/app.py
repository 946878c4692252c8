"""Composition root: `create_app(settings)` wires the store, the API, the pages and the middleware."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from starlette.middleware.sessions import SessionMiddleware

from chainatlas import __version__
from chainatlas.api.errors import install_error_handlers
from chainatlas.api.openapi import install_problem_docs
from chainatlas.api.routes import (
    alerts,
    chain,
    enterprises,
    imports,
    overview,
    projects,
    registry,
    resilience,
    scorecard,
    session,
)
from chainatlas.api.routes import fair as fair_routes
from chainatlas.config import Settings, default_database_url, load_settings
from chainatlas.store.engine import make_engine
from chainatlas.store.migrate import upgrade
from chainatlas.web import mount_web

SESSION_MAX_AGE = 12 * 3600


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


def create_app(settings: Settings, *, var_dir: Path | None = None) -> FastAPI:
    """Return the web application (pages under /, API under /api/v1, docs at /api/docs)."""
    app = FastAPI(
        title="Chain Atlas API", version=__version__, docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json",
        description="Registry, chain and cluster data of an industry cluster. Errors are RFC 9457 problem+json.",
    )  # fmt: skip
    app.state.settings = settings
    default = settings.database_url == default_database_url(Path.cwd())
    app.state.engine = make_engine(settings.database_url, create_folder=default)
    upgrade(app.state.engine)
    key = secret_key(settings, var_dir or Path("var"))
    app.add_middleware(
        SessionMiddleware, secret_key=key, session_cookie="chainatlas_session", max_age=SESSION_MAX_AGE, same_site="lax"
    )
    install_error_handlers(app)
    install_problem_docs(app)
    # before registry: /projects/status must not be read as the project with id `status`, nor /resilience/... as a kind
    for module in (overview, session, chain, enterprises, imports, projects, alerts, resilience, registry, scorecard):
        app.include_router(module.router, prefix="/api/v1")
    app.include_router(fair_routes.router, prefix="/api/v1")

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> PlainTextResponse:
        return PlainTextResponse("ok")

    mount_web(app)
    return app


def app_from_environment() -> FastAPI:
    """Return the application configured from the environment (what `chainatlas serve` runs)."""
    return create_app(load_settings())
