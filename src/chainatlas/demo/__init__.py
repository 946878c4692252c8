"""The shipped demo dataset of the Changsha construction-machinery cluster; `build` regenerates `data/*.csv`
in the interchange format. The application never imports it: it reads the data as package files.

May import `domain`, `interchange`, `reports` and `analytics`.
Never imports `services`, `store`, `sqlalchemy`, `alembic`, `config`, `fastapi`, `starlette`, `jinja2`,
`typer`, `rich` or `uvicorn`.
"""
