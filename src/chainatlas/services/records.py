"""Create, read, update and delete single registry records, each write recorded in the history."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, overload

from sqlalchemy.orm import Session

from chainatlas.domain.common import Problem, Record
from chainatlas.domain.kinds import CLUSTER_MEMBERS, ENTERPRISES, KIND_BY_NAME, Key, KindSpec
from chainatlas.domain.messages_registry import kind_code
from chainatlas.services.audit import change_entry, key_text
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, InvalidInput, NotFound
from chainatlas.services.references import KnownKeys, raw_reference_problems
from chainatlas.services.validation import validate_record
from chainatlas.store.history import HistoryRepository
from chainatlas.store.queries import ListQuery, list_page
from chainatlas.store.references import referring_counts
from chainatlas.store.registry import RegistryRepository

R = TypeVar("R", bound=Record)
MEMBERSHIPS_AT_MOST = 100_000
"""More explicit memberships than this for one enterprise would mean as many clusters: none has that many."""


def spec_of(kind: str | KindSpec) -> KindSpec:
    """Return the spec of a kind (by name, or its typed constant as it is), or raise NotFound naming the known kinds."""
    if not isinstance(kind, str):
        return kind
    if kind not in KIND_BY_NAME:
        raise NotFound(code="kind.unknown", params={"kind": kind, "known": ", ".join(KIND_BY_NAME)})
    return KIND_BY_NAME[kind]


@overload
def get_record(session: Session, *, kind: KindSpec[R], key: Key) -> R: ...
@overload
def get_record(session: Session, *, kind: str, key: Key) -> Record: ...
def get_record(session: Session, *, kind: str | KindSpec, key: Key) -> Any:
    """Return one record by its natural key (typed as the kind's record when given its constant)."""
    spec = spec_of(kind)
    record = RegistryRepository(session, spec).get(key)
    if record is None:
        raise NotFound(code=kind_code("record.not_found", spec.name), params={"kind": spec.name, "key": key_text(key)})
    return record


def _checked(session: Session, spec: KindSpec, data: Mapping[str, Any]) -> Record:
    record, problems = validate_record(spec, data)
    known = KnownKeys(session)
    if record is not None:
        problems += known.reference_problems(spec, record) + known.context_problems(spec, record)
    else:
        problems += raw_reference_problems(known, spec, data, {p.field for p in problems})
    if problems or record is None:
        raise InvalidInput(problems)
    return record


def checked_record(session: Session, *, kind: str | KindSpec, data: Mapping[str, Any]) -> Record:
    """Return the record data makes after every check a write makes (fields, rules, references); write nothing."""
    return _checked(session, spec_of(kind), data)


@overload
def create_record(session: Session, ctx: WriteContext, *, kind: KindSpec[R], data: Mapping[str, Any]) -> R: ...
@overload
def create_record(session: Session, ctx: WriteContext, *, kind: str, data: Mapping[str, Any]) -> Record: ...
def create_record(session: Session, ctx: WriteContext, *, kind: str | KindSpec, data: Mapping[str, Any]) -> Any:
    """Validate and add a new record; record the change."""
    spec = spec_of(kind)
    record = _checked(session, spec, data)
    repo = RegistryRepository(session, spec)
    if repo.get(spec.key_of(record)) is not None:
        key = key_text(spec.key_of(record))
        raise Conflict(code=kind_code("record.exists", spec.name), params={"kind": spec.name, "key": key})
    repo.insert_many([record])
    HistoryRepository(session).add_changes([change_entry(ctx, spec, "create", None, record)])
    return record


@overload
def update_record(
    session: Session, ctx: WriteContext, *, kind: KindSpec[R], key: Key, changes: Mapping[str, Any]
) -> R: ...
@overload
def update_record(
    session: Session, ctx: WriteContext, *, kind: str, key: Key, changes: Mapping[str, Any]
) -> Record: ...
def update_record(
    session: Session, ctx: WriteContext, *, kind: str | KindSpec, key: Key, changes: Mapping[str, Any]
) -> Any:
    """Apply field changes to an existing record (its key cannot change); record the change."""
    spec = spec_of(kind)
    before = get_record(session, kind=spec, key=key)
    moved = [name for name in spec.key if name in changes and changes[name] != getattr(before, name)]
    if moved:
        problems = [Problem.coded(name, "field.key_fixed", value=str(changes[name])) for name in moved]
        raise InvalidInput(problems)
    after = spec.with_derived_kept(_checked(session, spec, {**before.model_dump(), **changes}), before)
    if after != before:
        RegistryRepository(session, spec).update_many([after])
        HistoryRepository(session).add_changes([change_entry(ctx, spec, "update", before, after)])
    return after


def delete_record(session: Session, ctx: WriteContext, *, kind: str, key: Key) -> None:
    """Delete a record that nothing refers to; record the change."""
    spec = spec_of(kind)
    before = get_record(session, kind=kind, key=key)
    users = blocking_references(session, spec, key)
    if users:
        listed = ", ".join(f"{count} {name}" for name, count in users.items())
        params = {"kind": kind, "key": key_text(key), "users": listed}
        raise Conflict(code=kind_code("record.still_referred", kind), params=params)
    if spec is ENTERPRISES:
        _delete_memberships(session, ctx, str(key[0]))
    RegistryRepository(session, spec).delete(key)
    HistoryRepository(session).add_changes([change_entry(ctx, spec, "delete", before, None)])


def _delete_memberships(session: Session, ctx: WriteContext, enterprise_id: str) -> None:
    """Delete an enterprise's explicit cluster memberships (they go with it), each a recorded change."""
    repo = RegistryRepository(session, CLUSTER_MEMBERS)
    members = list_page(
        session, CLUSTER_MEMBERS, ListQuery(equals={"enterprise_id": enterprise_id}, limit=MEMBERSHIPS_AT_MOST)
    )
    for member in members.items:
        repo.delete(CLUSTER_MEMBERS.key_of(member))
    changes = [change_entry(ctx, CLUSTER_MEMBERS, "delete", member, None) for member in members.items]
    HistoryRepository(session).add_changes(changes)


GO_WITH: dict[str, tuple[str, ...]] = {ENTERPRISES.name: (f"{CLUSTER_MEMBERS.name}.enterprise_id",)}
"""References deleted together with the record they name: an enterprise's explicit cluster memberships."""


def blocking_references(session: Session, spec: KindSpec, key: Key) -> dict[str, int]:
    """Return, per `kind.field`, how many records keep a record from being deleted (all that refer to it but
    those deleted with it)."""
    found = referring_counts(session, spec, key)
    return {name: count for name, count in found.items() if name not in GO_WITH.get(spec.name, ())}


def references_to(session: Session, *, kind: str, key: Key) -> dict[str, int]:
    """Return, per `kind.field`, how many records refer to a record (a deletion is refused while any do)."""
    return blocking_references(session, spec_of(kind), key)
