"""The `--cluster ID` option of the analyses' commands, and how a command says that the id names no cluster the
user may see (exit 2: a usage error, the message naming the known clusters, in the command line's language)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from chainatlas.cli.output import EXIT_USAGE, fail_error
from chainatlas.services.errors import NotAllowed, NotFound

ClusterOption = Annotated[
    str | None,
    typer.Option("--cluster", help="The cluster's id (chainatlas clusters list); default the default cluster."),
]
CLUSTER_CODES = frozenset({"cluster.unknown", "cluster.none", "cluster.not_yours"})


@contextmanager
def cluster_errors() -> Iterator[None]:
    """Exit with a usage error when the `--cluster` given names no cluster or one outside the user's scope."""
    try:
        yield
    except (NotFound, NotAllowed) as error:
        if error.code not in CLUSTER_CODES:
            raise
        fail_error(error, EXIT_USAGE)
