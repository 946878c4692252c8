"""The declarative base of every row, with the constraint naming convention migrations rely on."""

from __future__ import annotations

from sqlalchemy import ForeignKey, MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a constraint naming convention that migrations rely on."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def fk(target: str) -> ForeignKey:
    """Return a foreign key to `table.column`, checked at commit."""
    # Deferred so that one import may insert a record before the record it refers to.
    return ForeignKey(target, deferrable=True, initially="DEFERRED")
