"""Column specs of the interchange format, derived from the record models' field metadata.

Each kind's columns are its model's fields in declaration order (the order exports write them
in): English header = field name, Chinese header and cell kind from the field's `Header` marker
(`domain/fields.py`), optional = the field has a default.
"""

from __future__ import annotations

import datetime as dt
import re
import types
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from chainatlas.domain.common import ProjectKind, Segment, SizeClass
from chainatlas.domain.fair import FairRole, Outcome, PreferenceLevel
from chainatlas.domain.fields import Cell, header_of
from chainatlas.domain.kinds import KINDS
from chainatlas.domain.organisation import OrganisationType
from chainatlas.domain.platform import PlatformKind, PlatformLevel

__all__ = ["COLUMNS", "KIND_NAMES_ZH", "Cell", "Column", "column_named", "columns_of", "header_map", "template_header"]

ENUM_CELLS: dict[type[Enum], Cell] = {
    Segment: Cell.SEGMENT,
    SizeClass: Cell.SIZE,
    ProjectKind: Cell.PROJECT_KIND,
    PlatformKind: Cell.PLATFORM_KIND,
    PlatformLevel: Cell.PLATFORM_LEVEL,
    FairRole: Cell.FAIR_ROLE,
    PreferenceLevel: Cell.PREFERENCE,
    Outcome: Cell.OUTCOME,
    OrganisationType: Cell.ORGANISATION_TYPE,
}
"""The cell kind of each enumeration a field may hold (its reader accepts the Chinese words)."""
_SCALAR_CELLS: tuple[tuple[type, Cell], ...] = (
    (bool, Cell.BOOL),  # before int: a bool is an int
    (int, Cell.INT),
    (float, Cell.FLOAT),
    (Decimal, Cell.DECIMAL),
    (dt.date, Cell.DATE),
    (str, Cell.TEXT),
)


@dataclass(frozen=True)
class Column:
    """One column of a kind's file."""

    name: str
    header_zh: str
    cell: Cell = Cell.TEXT
    optional: bool = False
    """True when the field has a default: the column may be absent from an import file."""


def _types_in(annotation: Any) -> list[Any]:
    """Return the types a field annotation allows, without None, Annotated wrappers and unions."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _types_in(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [t for arg in get_args(annotation) for t in _types_in(arg) if t is not type(None)]
    return [annotation]


def _cell_of_type(annotation: Any) -> Cell:
    for kind in _types_in(annotation):
        if get_origin(kind) is tuple:
            return Cell.LIST
        if kind in ENUM_CELLS:
            return ENUM_CELLS[kind]
        for scalar, cell in _SCALAR_CELLS:
            if isinstance(kind, type) and issubclass(kind, scalar):
                return cell
    raise TypeError(f"cannot tell how a cell of type {annotation!r} reads: give Header(..., cell=...)")


def columns_of(model: type[BaseModel]) -> tuple[Column, ...]:
    """Return a record model's columns in field order."""
    columns = []
    for name, info in model.model_fields.items():
        header = header_of(model, name)
        cell = header.cell or _cell_of_type(info.annotation)
        columns.append(Column(name, header.zh, cell, optional=not info.is_required()))
    return tuple(columns)


COLUMNS: dict[str, tuple[Column, ...]] = {spec.name: columns_of(spec.model) for spec in KINDS}

KIND_NAMES_ZH: dict[str, str] = {
    "产业链环节": "chain_nodes",
    "企业": "enterprises",
    "企业环节": "enterprise_nodes",
    "供应关系": "supply_links",
    "指标观测": "indicators",
    "指标": "indicators",
    "目标": "targets",
    "重点项目": "projects",
    "项目": "projects",
    "里程碑": "milestones",
    "项目进度": "project_progress",
    "品牌": "brands",
    "品牌排名": "brand_rankings",
    "创新平台": "innovation_platforms",
    "组织机构": "organisations",
    "展会": "fairs",
    "参展参会方": "fair_participants",
    "参会方": "fair_participants",
    "洽谈意向": "fair_preferences",
    "洽谈安排": "fair_meetings",
    "到场反馈": "fair_attendance",
    "韧性参数": "resilience_profiles",
    "物料清单": "bom_lines",
}


def header_map(kind: str) -> dict[str, Column]:
    """Return every accepted header of a kind (English, Chinese, any case) mapped to its column."""
    mapping: dict[str, Column] = {}
    for column in COLUMNS[kind]:
        mapping[column.name.lower()] = column
        mapping[column.header_zh] = column
    return mapping


_BOTH = re.compile(r"^(?P<zh>.*?)\s*[(（]\s*(?P<en>[A-Za-z][A-Za-z0-9_]*)\s*[)）]$")
"""A template's header: the Chinese header with the English name in brackets, `企业编号 (id)`."""


def template_header(column: Column) -> str:
    """Return the header a template writes for a column: Chinese, then the English name in brackets."""
    return f"{column.header_zh} ({column.name})"


def column_named(accepted: dict[str, Column], header: str) -> Column | None:
    """Return the column a header names: English (any case), Chinese, or a template's `中文 (english)`."""
    text = header.strip().lstrip("\ufeff").strip()
    found = accepted.get(text.lower()) or accepted.get(text)
    if found is None and (both := _BOTH.match(text)):
        found = accepted.get(both["en"].lower())
    return found
