"""`chainatlas serve`: the dashboard and API in one process."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from chainatlas.cli.output import out, state
from chainatlas.services.users import ensure_admin


def announce_admin(ctx: typer.Context) -> None:
    """Create the `admin` account on a database without users and print its one-time password once."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        password = ensure_admin(uow.session, cli.context())
        uow.commit()
    if password:
        out.print(
            f"[bold]Created user admin[/] — one-time password (shown once, change it at first sign-in): [bold]{password}[/]"
        )


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option("--host", help="Address to listen on (env CHAINATLAS_HOST).")] = None,
    port: Annotated[int | None, typer.Option("--port", min=1, max=65535, help="Port (env CHAINATLAS_PORT).")] = None,
) -> None:
    """Serve the dashboard and the REST API (docs at /api/docs)."""
    import uvicorn

    from chainatlas.app import create_app

    cli = state(ctx)
    settings = replace(cli.settings, host=host or cli.settings.host, port=port or cli.settings.port)
    announce_admin(ctx)
    out.print(f"Chain Atlas on http://{settings.host}:{settings.port}/  (API docs: /api/docs)", highlight=False)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")
