"""Use cases: access checks, rules, repositories, audit and analytics calls. Services never commit;
the adapter that opened the unit of work does. The adapters' only door to the layers below (`services.uow`,
`services.uploads`, `services.backup` re-export what they need); SQL stays in `store`.

May import `domain`, `store`, `analytics`, `interchange` and `reports`.
Never imports `api`, `web`, `cli`, `demo`, `config`, `fastapi`, `starlette`, `jinja2`, `typer`, `rich` or
`uvicorn`.
"""
