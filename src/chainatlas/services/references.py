"""Which keys exist (in the registry or earlier in the same import), to check references."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.domain.common import Problem, Record
from chainatlas.domain.fair import Fair, FairParticipant, FairPreference, preference_pair_problems, window_problems
from chainatlas.domain.indicator import scope_reference
from chainatlas.domain.kinds import KIND_BY_NAME, KindSpec
from chainatlas.domain.messages_registry import REFERENCE_NOUNS
from chainatlas.store.registry import RegistryRepository

NOUNS = {
    "chain_nodes": "chain node",
    "enterprises": "enterprise",
    "projects": "project",
    "brands": "brand",
    "fairs": "fair",
    "fair_participants": "fair participant",
    "clusters": "cluster",
}
LOOKED_UP = ("fairs", "fair_participants")
"""Kinds whose whole records cross-record rules read (a participant's fair, a preference's two participants)."""


class KnownKeys:
    """The single-field keys of referenced kinds, loaded once and grown as records are added."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._keys: dict[str, set[str]] = {}
        self._records: dict[str, dict[str, Record]] = {}

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

    def remember(self, kind: str, key: str, record: Record) -> None:
        """Remember a valid record of the current unit of work for the cross-record rules."""
        if kind in LOOKED_UP:
            self._records_of(kind)[key] = record

    def _records_of(self, kind: str) -> dict[str, Record]:
        if kind not in self._records:
            spec = KIND_BY_NAME[kind]
            repo = RegistryRepository(self.session, spec)
            self._records[kind] = {str(spec.key_of(r)[0]): r for r in repo.all()}
        return self._records[kind]

    def context_problems(self, spec: KindSpec, record: Record) -> list[Problem]:
        """Return the rules a record breaks given the records it refers to (absent ones are reference problems)."""
        if isinstance(record, FairParticipant):
            fair = self._records_of("fairs").get(record.fair_id)
            return window_problems(record, fair) if isinstance(fair, Fair) else []
        if isinstance(record, FairPreference):
            people = self._records_of("fair_participants")
            source, target = people.get(record.from_id), people.get(record.to_id)
            if isinstance(source, FairParticipant) and isinstance(target, FairParticipant) and source is not target:
                return preference_pair_problems(record, source, target)
        return []

    def reference_problems(self, spec: KindSpec, record: Record, *, skip_self: bool = False) -> list[Problem]:
        """Return a problem for every reference of a record to a key that does not exist."""
        problems: list[Problem] = []
        for field, target in spec.references.items():
            if skip_self and target == spec.name:
                continue
            value = getattr(record, field)
            values = value if isinstance(value, tuple) else (value,)  # a list field names one key per item
            problems += [
                unknown_reference(field, target, v) for v in values if v is not None and v not in self.of(target)
            ]
        scope: str | None = getattr(record, "scope", None) if spec.scoped else None
        reference = scope_reference(scope) if scope else None
        if scope and reference is not None and reference[1] not in self.of(reference[0]):
            problems.append(unknown_reference("scope", reference[0], scope))
        return problems


def unknown_reference(field: str, target: str, value: str) -> Problem:
    """Return the problem of a reference to a record that does not exist."""
    if target in REFERENCE_NOUNS:
        return Problem.coded(field, f"reference.unknown_{target}", value=value, ref=value)
    return Problem.coded(field, "reference.unknown", value=value, ref=value, noun=NOUNS.get(target, target))


def raw_reference_problems(known: KnownKeys, spec: KindSpec, data: Mapping[str, Any], skip: set[str]) -> list[Problem]:
    """Return a problem for every reference in unvalidated data (a record that breaks its field rules) that names
    a key that does not exist, skipping fields already in error: so one answer lists every problem."""
    problems: list[Problem] = []
    for field, target in spec.references.items():
        value = data.get(field)
        values = value if isinstance(value, list | tuple) else (value,)
        if field in skip:
            continue
        texts = [v for v in values if isinstance(v, str) and v.strip()]
        problems += [unknown_reference(field, target, v) for v in texts if v.strip() not in known.of(target)]
    return problems
