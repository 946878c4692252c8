"""Check incoming records the same way for a form, an API body and an import row."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError

from chainatlas.domain.common import Problem, Record
from chainatlas.domain.kinds import KindSpec

PYDANTIC_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a column of this kind",
    "decimal_parsing": "must be a number",
    "float_parsing": "must be a number",
    "int_parsing": "must be a whole number",
    "date_from_datetime_parsing": "must be a date (YYYY-MM-DD)",
    "date_parsing": "must be a date (YYYY-MM-DD)",
    "string_pattern_mismatch": "contains a character not allowed here (control characters; spaces, `;` or `/` in codes; separators in tags)",
    "string_too_short": "is required",
}


def problems_of(error: ValidationError, data: Mapping[str, Any], *, skip_first_loc: bool = False) -> list[Problem]:
    """Return a pydantic validation error as problems, one per field."""
    problems: list[Problem] = []
    for item in error.errors():
        loc = item["loc"][1:] if skip_first_loc else item["loc"]
        field = str(loc[0]) if loc else "(record)"
        message = PYDANTIC_MESSAGES.get(item["type"], _lower_first(item["msg"]))
        value = data.get(field)
        problems.append(Problem(field=field, message=message, value=None if value is None else _text(value)))
    return problems


def _lower_first(text: str) -> str:
    text = text.removeprefix("Value error, ")
    return text[:1].lower() + text[1:]


def _text(value: Any) -> str:
    return ";".join(map(str, value)) if isinstance(value, tuple | list) else str(value)


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
