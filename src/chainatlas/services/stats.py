"""Headline counts of the registry."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.domain.kinds import KINDS
from chainatlas.store.registry import RegistryRepository


def registry_counts(session: Session) -> dict[str, int]:
    """Return how many records of each kind the registry holds."""
    return {spec.name: RegistryRepository(session, spec).count() for spec in KINDS}
