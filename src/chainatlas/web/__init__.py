"""Server-rendered pages (Jinja2, vendored ECharts, zh-CN with an English switch): a thin adapter over services.
Views live in `views/`, templates in `templates/`, static files in `static/`.

May import `services`, `reports` and `domain`.
Never imports `analytics`, `interchange`, `store`, `demo`, `api`, `cli` or `config`.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from chainatlas.web.page_cache import PageCache
from chainatlas.web.views import (
    account,
    account_tokens,
    admin_users,
    alerts,
    chain,
    clusters,
    enterprises,
    fair,
    fair_participants,
    gaps,
    history,
    imports,
    map,
    news,
    overview,
    projects,
    record_pages,
    records,
    reports,
    resilience,
    scenarios,
    scorecard,
)

STATIC = Path(__file__).parent / "static"


def mount_web(app: FastAPI) -> None:
    """Add the pages and static files to the application."""
    app.state.page_cache = PageCache()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (
        overview,
        enterprises,
        chain,
        clusters,
        gaps,
        scenarios,
        imports,
        account,
        scorecard,
        resilience,
        projects,
        alerts,
        history,
        news,
    ):
        app.include_router(module.router)
    for module in (fair, fair_participants):  # the fair (issue 7)
        app.include_router(module.router)
    for module in (records, record_pages):  # record forms (issue 13); a form's path before a record's page
        app.include_router(module.router)
    for module in (admin_users, account_tokens):  # users and access in the browser (issue 13)
        app.include_router(module.router)
    app.include_router(map.router)  # the industry map (issue 17)
    app.include_router(reports.router)  # the chain chief's briefing (issue 18)
