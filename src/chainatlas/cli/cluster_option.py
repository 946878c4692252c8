"""The `--cluster` option of the analyses that take a cluster, and how an unknown or forbidden one ends a command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from chainatlas.cli.output import EXIT_FAILURE, fail_error
from chainatlas.services.errors import NotAllowed, NotFound

ClusterOption = Annotated[
    str | None,
    typer.Option("--cluster", help="The cluster's id (chainatlas clusters); default the default cluster."),
]


@contextmanager
def cluster_errors() -> Iterator[None]:
    """End a command on an unknown cluster (exit 3, naming the known ones) or one outside the user's (exit 1)."""
    try:
        yield
    except NotFound as error:
        fail_error(error)
    except NotAllowed as error:
        fail_error(error, EXIT_FAILURE)
