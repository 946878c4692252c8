"""Where the shared real data for tests lives: `../shared/data` beside the checkout (as on the CI machine).

`CHAINATLAS_SHARED_DATA` overrides; a worktree one level deeper is also looked at. Tests that need a folder that is not there are skipped with the folder named.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _candidates() -> list[Path]:
    found = [Path(os.environ["CHAINATLAS_SHARED_DATA"])] if os.environ.get("CHAINATLAS_SHARED_DATA") else []
    return [*found, ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data"]


def shared(name: str) -> Path:
    """Return the shared data folder or file `name` (the first place it exists; else where it should be)."""
    for base in _candidates():
        if (base / name).exists():
            return base / name
    return ROOT.parent / "shared" / "data" / name
