"""Files in and out: column specs, CSV/XLSX/JSON readers and writers, uploads, downloads, solver and
agenda formats. No sessions: what is read goes to services, what is written comes from them.

May import `domain` and `analytics` (file formats of analytics' inputs and results).
Never imports `store`, `sqlalchemy`, `alembic`, `config`, `fastapi`, `starlette`, `jinja2`, `typer`, `rich` or
`uvicorn`.
"""
