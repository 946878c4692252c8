"""Who refers to a record: per kind and field, how many records name its key (a deletion must find none)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from chainatlas.domain.kinds import KINDS, Key, KindSpec
from chainatlas.store.rows import ROW_BY_KIND, EnterpriseProductRow, NodeRelationRow, UserRow
from chainatlas.store.types import TagList

OUTSIDE_KINDS: dict[str, tuple[tuple[str, Any], ...]] = {
    "enterprises": (
        ("users.enterprise_id", UserRow.enterprise_id),
        ("enterprise_products.enterprise_id", EnterpriseProductRow.enterprise_id),
    ),
    "chain_nodes": (
        ("node_relations.from_code", NodeRelationRow.from_code),
        ("node_relations.to_code", NodeRelationRow.to_code),
    ),
}
"""Rows outside the registry kinds that name a registry record (a member's enterprise, free-text products,
relations between nodes): a deletion must find none of them either."""


SCOPE_PREFIX = {"enterprises": "", "chain_nodes": "node:", "clusters": "cluster:"}
"""How an indicator or target scope names a record of a kind."""


def referring_counts(session: Session, spec: KindSpec, key: Key) -> dict[str, int]:
    """Return, per `kind.field`, how many records refer to the record with a key (only fields that do)."""
    counts: dict[str, int] = {}
    for name, column in OUTSIDE_KINDS.get(spec.name, ()):
        _count(session, counts, name, column.class_.__table__, column == key[0])
    for other in KINDS:
        table = ROW_BY_KIND[other.name].__table__
        for field, target in other.references.items():
            if target == spec.name:
                _count(session, counts, f"{other.name}.{field}", table, _names(table.c[field], key[0]))
        if other.scoped and spec.name in SCOPE_PREFIX:
            scope = f"{SCOPE_PREFIX[spec.name]}{key[0]}"
            _count(session, counts, f"{other.name}.scope", table, table.c["scope"] == scope)
    return counts


def _count(session: Session, counts: dict[str, int], name: str, table: Any, condition: ColumnElement[bool]) -> None:
    """Add how many rows of a table meet a condition under a name, when there are any."""
    n = session.scalar(select(func.count()).select_from(table).where(condition)) or 0
    if n:
        counts[name] = int(n)


def _names(column: Any, key: str) -> ColumnElement[bool]:
    """Return the condition that a column names a key: equal to it, or one item of a `;`-joined list."""
    if not isinstance(column.type, TagList):
        return column == key  # type: ignore[no-any-return]
    text = type_coerce(column, String)
    return or_(
        text == key,
        text.startswith(f"{key};", autoescape=True),
        text.endswith(f";{key}", autoescape=True),
        text.contains(f";{key};", autoescape=True),
    )
