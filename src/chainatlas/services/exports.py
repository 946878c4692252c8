"""Export the whole registry as interchange files, one per kind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from chainatlas.domain.kinds import KINDS
from chainatlas.interchange.write import EXPORT_FORMATS, write_table
from chainatlas.store.registry import RegistryRepository


def export_registry(
    session: Session, out_dir: Path, *, fmt: str = "csv", on_kind: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Write every kind to `out_dir/<kind>.<fmt>` (rows sorted by key); return rows written per file."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for spec in KINDS:
        path = out_dir / f"{spec.name}.{fmt}"
        written[path.name] = write_table(path, spec.name, RegistryRepository(session, spec).all(), fmt)
        if on_kind:
            on_kind(spec.name, written[path.name])
    return written
