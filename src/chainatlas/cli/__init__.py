"""The `chainatlas` command line: one Typer sub-app per capability. A thin adapter: parse input,
open a unit of work, call one service, render. May import everything below it.
"""

from chainatlas.cli.main import main

__all__ = ["main"]
