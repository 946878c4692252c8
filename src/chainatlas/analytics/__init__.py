"""Pure computation on snapshots (plain values and arrays, numpy/scipy, the HiGHS, OR-Tools and SAT solvers);
never a database session.

May import `domain`.
Never imports `store`, `sqlalchemy`, `alembic`, `config`, `fastapi`, `starlette`, `jinja2`, `typer`, `rich` or
`uvicorn`.
"""
