"""Renders results for people: chart option data, money and other presenters the pages and the briefing
share. Renders, never queries: what it shows is handed in, labels too (`reports.labels.Labels`).

May import `domain` and `analytics` (constants, result types).
Never imports `services`, `store`, `sqlalchemy`, `alembic`, `config`, `fastapi`, `starlette`, `jinja2`,
`typer`, `rich` or `uvicorn`.
"""
