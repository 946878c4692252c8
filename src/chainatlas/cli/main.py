"""The root command and its global options."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from sqlalchemy.exc import SQLAlchemyError

from chainatlas import __version__
from chainatlas.cli import (
    alerts,
    backup,
    chain,
    clusters,
    news,
    news_admin,
    projects,
    registry,
    report,
    resilience,
    serve,
    users,
)
from chainatlas.cli import fair as fair_cli
from chainatlas.cli import history as history_cli
from chainatlas.cli.access_log import access_log
from chainatlas.cli.chainkg import import_chainkg
from chainatlas.cli.output import EXIT_FAILURE, EXIT_USAGE, CliState, default_actor, err
from chainatlas.cli.scorecard import scorecard_command
from chainatlas.config import SettingError, load_settings
from chainatlas.services.jobs import HEAVY_JOBS

app = typer.Typer(
    name="chainatlas",
    help="Chain Atlas: run a manufacturing industry cluster as a system (产业集群).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
registry.register(app)
app.add_typer(users.app, name="user")
app.add_typer(chain.app, name="chain")
app.add_typer(clusters.app, name="clusters")
app.add_typer(fair_cli.app, name="fair")
app.command("serve")(serve.serve)
app.command("import-chainkg")(import_chainkg)
app.command("scorecard")(scorecard_command)
app.add_typer(resilience.app, name="resilience")
app.add_typer(projects.app, name="projects")
app.add_typer(alerts.app, name="alerts")
app.add_typer(history_cli.app, name="history")
app.add_typer(news.app, name="news")
news_admin.add_commands(news.app)
app.command("backup")(backup.backup)
app.command("restore")(backup.restore)
app.command("access-log")(access_log)
app.add_typer(report.app, name="report")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"chainatlas {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database URL (env CHAINATLAS_DATABASE_URL); default sqlite file var/chainatlas.db."),
    ] = None,
    as_user: Annotated[
        str | None,
        typer.Option(
            "--as-user",
            envvar="CHAINATLAS_USER",
            help="Who the change history records: an existing, active user (env CHAINATLAS_USER); default your login.",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Chain Atlas command line. Global options (--db, --as-user) come before the command."""
    if db is not None and "://" not in db:
        raise typer.BadParameter(f"{db!r} is not a database URL; e.g. sqlite:////path/to/file.db", param_hint="--db")
    named = bool(as_user)
    ctx.obj = CliState(settings=load_settings(database_url=db), actor=as_user or default_actor(), named=named)
    HEAVY_JOBS.configure(None)  # a person at the console: heavy work runs at once, with no time limit


def main() -> None:
    """Run the command line; a database failure ends with one readable line and exit status 1."""
    try:
        app()
    except SettingError as error:
        err.print(f"[bold red]setting error:[/] {error}", highlight=False)
        sys.exit(EXIT_USAGE)
    except SQLAlchemyError as error:
        err.print(f"[bold red]database error:[/] {error.__class__.__name__}: {getattr(error, 'orig', None) or error}")
        sys.exit(EXIT_FAILURE)
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        err.print(f"[bold red]error:[/] {error.strerror or error}{where}", highlight=False)
        sys.exit(EXIT_FAILURE)
