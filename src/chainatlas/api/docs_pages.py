"""The API's documentation pages, Swagger UI at /api/docs and ReDoc at /api/redoc, from vendored files only.

The scripts and styles are the copies under /static/vendor/ (see its README.md): the pages load nothing from
another host, so they work on a network without internet access.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

VENDOR = "/static/vendor"
FAVICON = "/static/favicon.svg"
SWAGGER_PARAMETERS = {"validatorUrl": None, "persistAuthorization": True}
"""No online validator badge (it would call an outside host); a token set with "Authorize" survives a reload."""
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
"""Only this server: the browser never asks another host, not even for ReDoc's attribution logo (which it
otherwise fetches from the vendor's CDN and hides when that fails). Inline scripts: the pages' start-up code."""


def kept_home(page: HTMLResponse) -> HTMLResponse:
    """Return a docs page with the content security policy that keeps it on this server."""
    page.headers["Content-Security-Policy"] = DOCS_POLICY
    return page


def install_docs_pages(app: FastAPI, *, openapi_url: str, title: str) -> None:
    """Add /api/docs (Swagger UI) and /api/redoc (ReDoc), both served from the vendored assets."""

    @app.get("/api/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return kept_home(
            get_swagger_ui_html(
                openapi_url=openapi_url,
                title=f"{title} — Swagger UI",
                swagger_js_url=f"{VENDOR}/swagger-ui-bundle.js",
                swagger_css_url=f"{VENDOR}/swagger-ui.css",
                swagger_favicon_url=FAVICON,
                swagger_ui_parameters=SWAGGER_PARAMETERS,
            )
        )

    @app.get("/api/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return kept_home(
            get_redoc_html(
                openapi_url=openapi_url,
                title=f"{title} — ReDoc",
                redoc_js_url=f"{VENDOR}/redoc.standalone.js",
                redoc_favicon_url=FAVICON,
                with_google_fonts=False,
            )
        )
