"""`chainatlas serve`: the dashboard and API, in N worker processes (default: one per core).

The workers share one listening socket (uvicorn's supervisor forks them) and one database: the analysis results
are shared through it (`services.cache`), and a background recomputation or a scheduled alert evaluation claims
its work in it, so none runs twice.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from typing import Annotated

import typer

from chainatlas.cli.output import out, print_json, state
from chainatlas.services.uow import make_engine, upgrade
from chainatlas.services.users import ensure_admin

APP_FACTORY = "chainatlas.app:app_from_environment"
MAX_WORKERS = 64


def announce_admin(ctx: typer.Context, *, quiet: bool = False) -> str | None:
    """Create `admin` on a database without users; print (unless quiet) and return its one-time password."""
    cli = state(ctx)
    with cli.unit_of_work() as uow:
        password = ensure_admin(uow.session, cli.context())
        uow.commit()
    if password and not quiet:
        note = "one-time password (shown once, change it at first sign-in)"
        out.print(f"[bold]Created user admin[/] — {note}: [bold]{password}[/]")
    return password


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option("--host", help="Address to listen on (env CHAINATLAS_HOST).")] = None,
    port: Annotated[int | None, typer.Option("--port", min=1, max=65535, help="Port (env CHAINATLAS_PORT).")] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the address (and a new admin password) as one JSON line.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", min=1, max=64, help="Worker processes (env CHAINATLAS_WORKERS; default: the number of cores)."
        ),
    ] = None,
) -> None:
    """Serve the dashboard and the REST API (docs at /api/docs)."""
    import uvicorn

    cli = state(ctx)
    settings = replace(cli.settings, host=host or cli.settings.host, port=port or cli.settings.port)
    migrated = make_engine(settings.database_url)
    upgrade(migrated)  # once, here: N workers starting at once must not each migrate the schema
    migrated.dispose()
    password = announce_admin(ctx, quiet=json_out)
    url = f"http://{settings.host}:{settings.port}/"
    count = workers or worker_count(os.environ)
    if json_out:
        print_json({"url": url, "api_docs": f"{url}api/docs", "admin_one_time_password": password, "workers": count})
    else:
        out.print(f"Chain Atlas on {url}  (API docs: {url}api/docs; {count} worker processes)", highlight=False)
    # The app is named by import string (the composition root sits above the CLI) and reads the
    # same settings back from the environment, the documented channel for settings.
    os.environ["CHAINATLAS_DATABASE_URL"] = settings.database_url
    # Forwarded headers (X-Forwarded-Proto/-For) are believed only from CHAINATLAS_FORWARDED_ALLOW_IPS: they
    # decide the HTTPS-only cookie under CHAINATLAS_COOKIE_SECURE=auto and the address a session records.
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=settings.host,
        port=settings.port,
        log_level="warning",
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        workers=count,
    )


def worker_count(env: Mapping[str, str]) -> int:
    """Return the worker processes to start: CHAINATLAS_WORKERS, else one per core this process may run on."""
    given = env.get("CHAINATLAS_WORKERS", "").strip()
    if given:
        if not given.isdigit() or not 1 <= int(given) <= MAX_WORKERS:
            raise typer.BadParameter(
                f"CHAINATLAS_WORKERS must be a whole number from 1 to {MAX_WORKERS}, not {given!r}"
            )
        return int(given)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, cores or 1)
