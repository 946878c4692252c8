"""Field metadata of the registry kinds: each field's Chinese header, how its cell reads, its page label.

A record model's fields are the one place a kind's columns are declared: the interchange columns
(`interchange/columns.py`), the synthetic generator's columns and the pages' field labels are
derived from them. A field carries its metadata as an `Annotated` marker,
`name: Annotated[Text | None, Header("英文名称")] = None`, rather than as
`Field(json_schema_extra=...)`, because the marker is typed (mypy checks every header), it stays
out of the OpenAPI schema the API publishes, and `Header` is one small frozen class that tests can
compare. A field's column is optional in an import file exactly when the field has a default.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel


class Cell(StrEnum):
    """How a cell's text becomes a value for the domain model."""

    TEXT = "text"
    BOOL = "bool"
    LIST = "list"
    DECIMAL = "decimal"
    INT = "int"
    FLOAT = "float"
    DATE = "date"
    SEGMENT = "segment"
    SIZE = "size"
    COUNTRY = "country"
    PROJECT_KIND = "project_kind"
    PLATFORM_KIND = "platform_kind"
    PLATFORM_LEVEL = "platform_level"
    FAIR_ROLE = "fair_role"
    PREFERENCE = "preference"
    OUTCOME = "outcome"
    ORGANISATION_TYPE = "organisation_type"


@dataclass(frozen=True)
class Header:
    """A field's column: its Chinese header, and how its cell reads where the type does not say.

    `cell` None: derived from the field's type (bool, int, float, Decimal, date, a tuple, an enum).
    `label_zh`/`label_en` name the field on the pages where that differs from the header and from
    the English field name with spaces ("size_class" → "Size class").
    """

    zh: str
    cell: Cell | None = None
    label_zh: str | None = None
    label_en: str | None = None


def header_of(model: type[BaseModel], name: str) -> Header:
    """Return the header a model's field declares; raise TypeError naming a field without one."""
    info = model.model_fields[name]
    for item in info.metadata:
        if isinstance(item, Header):
            return item
    raise TypeError(f"{model.__name__}.{name} has no Header(...) marker: every field of a kind names its column")


def page_label(model: type[BaseModel], name: str) -> tuple[str, str]:
    """Return a field's page label in Chinese and English."""
    header = header_of(model, name)
    return header.label_zh or header.zh, header.label_en or name.replace("_", " ").capitalize()


def field_labels(model: type[BaseModel]) -> dict[str, tuple[str, str]]:
    """Return the page label (Chinese, English) of every field of a model, by field name."""
    return {name: page_label(model, name) for name in model.model_fields}
