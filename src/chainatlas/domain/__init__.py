"""Pure types and rules of the registry (Pydantic v2); no I/O, no clock, no settings.

May import no other package of chainatlas; of third-party packages only `pydantic` (with its `pydantic_core`).
Never imports `store`, `sqlalchemy`, `alembic`, `config`, `fastapi`, `starlette`, `jinja2`, `typer`, `rich`,
`uvicorn`, `numpy`, `scipy`, `highspy`, `ortools`, `pysat`, `jieba`, `openpyxl`, `icalendar`, `argon2` or
`markupsafe`.
"""
