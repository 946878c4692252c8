"""One repository per registry kind, all alike: records in and out as domain objects."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar, get_args

from sqlalchemy import (
    ColumnElement,
    Connection,
    Dialect,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from chainatlas.domain.common import Record
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.kinds import CLUSTERS, ENTERPRISES, Key, KindSpec
from chainatlas.store import pg_copy
from chainatlas.store.clusters import forget_rules, in_cluster_column, mark_single_default, write_default_membership
from chainatlas.store.rows import ROW_BY_KIND, Base

LOOKUP_CHUNK = 400
R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Page(Generic[R]):
    """One page of a listing, the total number of matching records (when `counted`: a page after a cursor is
    not counted, its total is 0; when `capped`, more than `total` match: counting stopped at the listing's cap)
    and the sort key of the page's last record when more records follow."""

    items: list[R]
    total: int
    next_after: tuple[Any, ...] | None = None
    counted: bool = True
    capped: bool = False


def trusted_record(model: type[R], values: dict[str, Any]) -> R:
    """Return a record from stored values without validating them again.

    Stored values were validated on the way in; this does what `model_construct` does for a
    complete set of fields, five times faster (it matters for listings of thousands of rows).
    """
    record = model.__new__(model)
    object.__setattr__(record, "__dict__", values)
    object.__setattr__(record, "__pydantic_fields_set__", set(values))
    object.__setattr__(record, "__pydantic_extra__", None)
    object.__setattr__(record, "__pydantic_private__", None)
    return record


def _enum_of(annotation: Any) -> type[Enum] | None:
    """Return the enum class a field holds (also inside `X | None`), or None."""
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
    return None


class RegistryRepository(Generic[R]):
    """Read and write the records of one kind, keyed by its natural key (typed by the kind's record type)."""

    def __init__(self, session: Session, spec: KindSpec[R], *, cluster: str | None = None) -> None:
        self.session = session
        self.spec = spec
        self.cluster = cluster
        """The cluster whose membership an enterprise's `in_cluster` reads (None: the default cluster)."""
        self.table: Table = Base.metadata.tables[ROW_BY_KIND[spec.name].__tablename__]
        self.fields = tuple(spec.model.model_fields)
        self.stored = tuple(name for name in self.fields if name in self.table.c)
        """The fields kept in the kind's own table; the others (an enterprise's `in_cluster`) are derived."""
        self._key_columns = [self.table.c[name] for name in spec.key]
        self._enums = {
            name: enum for name, info in spec.model.model_fields.items() if (enum := _enum_of(info.annotation))
        }

    def to_record(self, row: Any, offset: int = 0) -> R:
        """Return the domain record of a result row holding this kind's fields in order from `offset`."""
        values = dict(zip(self.fields, row[offset : offset + len(self.fields)], strict=True))
        for name, enum in self._enums.items():
            if values[name] is not None:
                values[name] = enum(values[name])
        return trusted_record(self.spec.model, values)

    def column(self, name: str) -> ColumnElement[Any]:
        """Return the column (or, for a derived field, the expression) holding a field."""
        if name in self.table.c:
            return self.table.c[name]
        return in_cluster_column(self.session, self.cluster).label(name)

    def columns(self) -> list[ColumnElement[Any]]:
        """Return the columns and expressions of this kind's fields, in order."""
        return [self.column(name) for name in self.fields]

    def select_fields(self) -> Select[Any]:
        """Return a SELECT of this kind's fields."""
        return select(*self.columns())

    def _key_clause(self, key: Key) -> ColumnElement[bool]:
        return and_(*(column == value for column, value in zip(self._key_columns, key, strict=True)))

    def count(self) -> int:
        """Return how many records of this kind exist."""
        return int(self.session.scalar(select(func.count()).select_from(self.table)) or 0)

    def all_keys(self) -> set[Key]:
        """Return the keys of every record of this kind."""
        return {tuple(row) for row in self.session.execute(select(*self._key_columns))}

    def get(self, key: Key) -> R | None:
        """Return the record with a key, or None."""
        row = self.session.execute(self.select_fields().where(self._key_clause(key))).first()
        return None if row is None else self.to_record(row)

    def get_many(self, keys: Sequence[Key]) -> dict[Key, R]:
        """Return the existing records among the given keys, by key."""
        found: dict[Key, R] = {}
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            if len(self._key_columns) == 1:
                where = self._key_columns[0].in_([k[0] for k in chunk])
            else:
                where = tuple_(*self._key_columns).in_(chunk)
            for row in self.session.execute(self.select_fields().where(where)):
                record = self.to_record(row)
                found[self.spec.key_of(record)] = record
        return found

    def all(self) -> Iterator[R]:
        """Yield every record, sorted by key."""
        statement = self.select_fields().order_by(*self._key_columns).execution_options(yield_per=5000)
        for row in self.session.execute(statement):
            yield self.to_record(row)

    def insert_many(self, records: Iterable[R]) -> None:
        """Insert new records (their keys must not exist yet): COPY on PostgreSQL, else one driver executemany.

        The statement is compiled once and values go through each column type's own bind
        processor, as SQLAlchemy would, without its per-row bookkeeping (3× faster in bulk).
        """
        records = list(records)
        connection = self.session.connection()
        if pg_copy.copy_supported(connection, len(records)):
            self._copy(connection, records)
            self._after_write(records, new=True)
            return
        sql, names, processors = self._compiled_insert(connection.dialect)
        params: list[Any] = []
        for record in records:
            values = record.__dict__
            row = [values[n] if p is None else p(values[n]) for n, p in zip(names, processors, strict=True)]
            params.append(tuple(row) if connection.dialect.positional else dict(zip(names, row, strict=True)))
        if params:
            connection.exec_driver_sql(sql, params)
        self._after_write(records, new=True)

    def _copy(self, connection: Connection, records: list[R]) -> None:
        """COPY new records' stored fields in (PostgreSQL), each through its column type's bind processor."""
        names = list(self.stored)
        processors = [self.table.c[n].type.bind_processor(connection.dialect) for n in names]
        pg_copy.copy_rows(connection, self.table, names, processors, (record.__dict__ for record in records))

    def _compiled_insert(self, dialect: Dialect) -> tuple[str, list[str], list[Callable[[Any], Any] | None]]:
        compiled = insert(self.table).values({name: bindparam(name) for name in self.stored}).compile(dialect=dialect)
        names: list[str] = (
            [str(n) for n in (compiled.positiontup or [])] if dialect.positional else list(compiled.params)
        )
        processors: list[Callable[[Any], Any] | None] = [self.table.c[n].type.bind_processor(dialect) for n in names]
        return str(compiled), names, processors

    def update_many(self, records: Iterable[R]) -> None:
        """Overwrite existing records, matched by key."""
        records = list(records)
        for record in records:
            values = {name: value for name, value in record.__dict__.items() if name in self.table.c}
            self.session.execute(update(self.table).where(self._key_clause(self.spec.key_of(record))).values(values))
        self._after_write(records)

    def _after_write(self, records: list[R], *, new: bool = False) -> None:
        """Keep what a kind stores outside its table: the default cluster's memberships, the one default (`new`:
        the records were just inserted, so nothing refers to them yet)."""
        if self.spec is ENTERPRISES:
            write_default_membership(self.session, [r for r in records if isinstance(r, Enterprise)], new=new)
        elif self.spec is CLUSTERS:
            defaults = [r for r in records if getattr(r, "is_default", False)]
            if defaults:
                self.session.flush()
                mark_single_default(self.session, str(getattr(defaults[-1], "id")))  # noqa: B009
            forget_rules(self.session)

    def delete(self, key: Key) -> bool:
        """Delete the record with a key; return whether there was one."""
        result = self.session.execute(delete(self.table).where(self._key_clause(key)))
        if self.spec is CLUSTERS:
            forget_rules(self.session)
        return bool(getattr(result, "rowcount", 0))


def chain_node_parents(session: Session) -> dict[str, str | None]:
    """Return every chain node's parent code, by code."""
    from chainatlas.store.rows import ChainNodeRow

    rows = session.execute(select(ChainNodeRow.code, ChainNodeRow.parent_code))
    return {row.code: row.parent_code for row in rows}
