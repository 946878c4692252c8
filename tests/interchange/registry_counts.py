"""What an import wrote: the row count of every kind, of the change history, and the registry version."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from chainatlas.domain.kinds import KINDS
from chainatlas.store.history import registry_version
from chainatlas.store.registry import RegistryRepository
from chainatlas.store.rows import ChangeBatchRow, ChangeRow


def written(engine: Engine) -> dict[str, Any]:
    """Return the row count of every registry kind and of the change history, and the registry version."""
    with Session(engine) as session:
        counts: dict[str, Any] = {spec.name: RegistryRepository(session, spec).count() for spec in KINDS}
        counts["change_batches"] = session.scalar(select(func.count()).select_from(ChangeBatchRow))
        counts["changes"] = session.scalar(select(func.count()).select_from(ChangeRow))
        counts["version"] = registry_version(session)
    return counts
