"""Console output, exit codes and the state every command shares."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from chainatlas.cli.lang import cli_lang
from chainatlas.config import Settings, cluster_clock, default_database_url
from chainatlas.domain.as_of import ClusterClock
from chainatlas.domain.common import Problem
from chainatlas.domain.user import Role, User
from chainatlas.services.access_log import set_origin
from chainatlas.services.context import Via, WriteContext, write_context
from chainatlas.services.errors import InvalidInput, ServiceError
from chainatlas.services.uow import DatabaseFolderMissing, UnitOfWork, make_engine, upgrade
from chainatlas.services.users import user_named

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INVALID = 0, 1, 2, 3

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


@dataclass
class CliState:
    """What the global options decided."""

    settings: Settings
    actor: str
    named: bool = False
    """Whether `actor` was named (--as-user or CHAINATLAS_USER) and so must be an existing, active user."""
    checked: bool = field(default=False, repr=False)

    def engine(self) -> Engine:
        """Return an engine on a database whose schema is up to date (and check a named acting user)."""
        default = self.settings.database_url == default_database_url(Path.cwd())
        try:
            engine = make_engine(self.settings.database_url, create_folder=default)
        except DatabaseFolderMissing as error:
            fail(str(error))
        try:
            upgrade(engine)
        except OperationalError as error:
            fail(f"cannot open the database {engine.url.render_as_string(hide_password=True)}: {error.orig}")
        if self.named and not self.checked:
            self._check_actor(engine)
        return engine

    def _check_actor(self, engine: Engine) -> None:
        """Exit 2 unless the named acting user exists and is active."""
        with UnitOfWork(engine) as uow:
            found = user_named(uow.session, self.actor)
        if found is None:
            zh = f"没有名为 {self.actor} 的用户，--as-user 只能指定已有的用户（见 `chainatlas user add`），或不写 --as-user"
            en = (
                f"--as-user {self.actor}: no such user; name an existing user (see `chainatlas user add`) "
                "or leave --as-user out"
            )
            fail(zh if cli_lang() == "zh" else en, EXIT_USAGE)
        if not found.is_active:
            zh, en = f"用户 {self.actor} 已停用", f"--as-user {self.actor}: the user is disabled"
            fail(zh if cli_lang() == "zh" else en, EXIT_USAGE)
        self.checked = True

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """Open one unit of work; the command commits it."""
        with UnitOfWork(self.engine()) as uow:
            set_origin(uow.session, address=None, via=Via.CLI.value, at=dt.datetime.now(dt.UTC))
            yield uow

    def clock(self) -> ClusterClock:
        """Return the cluster's calendar (its time zone on the system clock)."""
        return cluster_clock(self.settings)

    def user(self) -> User:
        """Return the CLI's user: whoever can open the database has full access to it."""
        return User(id=0, username=self.actor if len(self.actor) >= 2 else "cli", role=Role.ADMIN)

    def context(self, via: Via = Via.CLI) -> WriteContext:
        """Return the write context of this command, stamped now."""
        return write_context(self.actor, via)


def default_actor() -> str:
    """Return who is running the command when no user is named: the login name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def state(ctx: typer.Context) -> CliState:
    """Return the shared state from a command's context."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        raise RuntimeError("the root callback did not run")
    return root.obj


def print_json(data: Any) -> None:
    """Print machine output on standard output."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


ERROR_LABEL = {"zh": "错误：", "en": "error: "}


def fail(message: str, code: int = EXIT_FAILURE) -> NoReturn:
    """Print an error on standard error and exit with a code."""
    err.print(f"[bold red]{ERROR_LABEL[cli_lang()]}[/]{message}", highlight=False)
    raise typer.Exit(code)


def say(item: ServiceError | Problem) -> str:
    """Return a service's message in the command line's language (see `cli.lang`)."""
    return item.text(cli_lang())


def problems_line(problems: Sequence[Problem]) -> str:
    """Return problems as one line in the command line's language, each naming its field (and the value given)."""
    return "; ".join(f"{p.field}: {say(p)}" + (f" ({p.value})" if p.value else "") for p in problems)


def fail_error(error: ServiceError, code: int = EXIT_INVALID) -> NoReturn:
    """Print a service error (every problem of invalid input) in the command line's language, and exit."""
    if isinstance(error, InvalidInput) and error.problems:
        fail(escape(problems_line(error.problems)), code)
    fail(escape(say(error)), code)


def progress(*, transient: bool = True) -> Progress:
    """Return a progress display on standard error (standard output stays clean for --json)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=transient,
    )
