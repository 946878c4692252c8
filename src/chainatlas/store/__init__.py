"""Persistence: SQLAlchemy 2 rows, repositories returning domain objects, engine, unit of work,
Alembic migrations. The only package besides `services` that touches the database, and the only one that
builds SQL.

May import `domain`.
Never imports `analytics`, `config`, `fastapi`, `starlette`, `jinja2`, `typer`, `rich` or `uvicorn`.
"""
