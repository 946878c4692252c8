"""Which keys exist (in the registry or earlier in the same import), to check references."""

from __future__ import annotations

from sqlalchemy.orm import Session

from chainatlas.domain.common import Problem, Record
from chainatlas.domain.indicator import scope_reference
from chainatlas.domain.kinds import KIND_BY_NAME, KindSpec
from chainatlas.store.registry import RegistryRepository

NOUNS = {"chain_nodes": "chain node", "enterprises": "enterprise", "projects": "project", "brands": "brand"}


class KnownKeys:
    """The single-field keys of referenced kinds, loaded once and grown as records are added."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._keys: dict[str, set[str]] = {}

    def of(self, kind: str) -> set[str]:
        """Return the known keys of a kind (loading the registry's on first use)."""
        if kind not in self._keys:
            repo = RegistryRepository(self.session, KIND_BY_NAME[kind])
            self._keys[kind] = {key[0] for key in repo.all_keys()}
        return self._keys[kind]

    def add(self, kind: str, key: str) -> None:
        """Remember a key added by the current unit of work."""
        if kind in self._keys or kind in NOUNS:
            self.of(kind).add(key)

    def reference_problems(self, spec: KindSpec, record: Record, *, skip_self: bool = False) -> list[Problem]:
        """Return a problem for every reference of a record to a key that does not exist."""
        problems: list[Problem] = []
        for field, target in spec.references.items():
            if skip_self and target == spec.name:
                continue
            value = getattr(record, field)
            if value is not None and value not in self.of(target):
                problems.append(unknown_reference(field, target, value))
        scope: str | None = getattr(record, "scope", None) if spec.scoped else None
        reference = scope_reference(scope) if scope else None
        if scope and reference is not None and reference[1] not in self.of(reference[0]):
            problems.append(unknown_reference("scope", reference[0], scope))
        return problems


def unknown_reference(field: str, target: str, value: str) -> Problem:
    """Return the problem of a reference to a record that does not exist."""
    noun = NOUNS.get(target, target)
    return Problem(field=field, message=f"unknown {noun} {value} (not in this import nor in the registry)", value=value)
