"""Check incoming records the same way for a form, an API body and an import row."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from chainatlas.domain.common import Problem, Record
from chainatlas.domain.kinds import KindSpec
from chainatlas.services.field_problems import field_problems


def problems_of(error: ValidationError, data: Mapping[str, Any], *, skip_first_loc: bool = False) -> list[Problem]:
    """Return a pydantic validation error as coded problems, one per field (see `field_problems`)."""
    return field_problems(error, data=data, skip_first_loc=skip_first_loc)


def validate_record(spec: KindSpec, data: Mapping[str, Any]) -> tuple[Record | None, list[Problem]]:
    """Return the record built from data and every problem of it (its fields, then its rules)."""
    try:
        record = spec.model.model_validate(dict(data))
    except ValidationError as error:
        return None, problems_of(error, data)
    return record, spec.rules(record)


@lru_cache(maxsize=256)
def field_adapter(model: type[Record], name: str) -> TypeAdapter[Any]:
    """Return a validator for one field of a record type (its type and constraints)."""
    info = model.model_fields[name]
    field_type: Any = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(field_type)
