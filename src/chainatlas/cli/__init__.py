"""The `chainatlas` command line: one Typer sub-app per capability. A thin adapter: parse input,
open a unit of work, call one service, render.

May import `services`, `config`, `reports` and `domain`.
Never imports `analytics`, `interchange`, `store`, `demo`, `api` or `web` (it reads the demo's data as
package files).
"""

from chainatlas.cli.main import main

__all__ = ["main"]
