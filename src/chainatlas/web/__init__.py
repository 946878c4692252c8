"""Server-rendered pages (Jinja2, vendored ECharts): a thin adapter over services."""

from __future__ import annotations

from fastapi import FastAPI


def mount_web(app: FastAPI) -> None:
    """Add the pages and static files to the application."""
