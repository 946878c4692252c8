"""Check incoming records the same way for a form, an API body and an import row."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from chainatlas.domain.common import Problem, Record
from chainatlas.domain.kinds import KindSpec
from chainatlas.domain.messages import CATALOGUE

ERROR_CODES = {
    "missing": "field.required",
    "extra_forbidden": "field.not_a_column",
    "decimal_parsing": "field.number",
    "decimal_type": "field.number",
    "float_parsing": "field.number",
    "float_type": "field.number",
    "finite_number": "field.number",
    "int_parsing": "field.whole_number",
    "int_parsing_size": "field.whole_number",
    "int_type": "field.whole_number",
    "int_from_float": "field.whole_number",
    "date_from_datetime_parsing": "field.date",
    "date_from_datetime_inexact": "field.date",
    "date_parsing": "field.date",
    "date_type": "field.date",
    "datetime_parsing": "field.datetime",
    "datetime_from_date_parsing": "field.datetime",
    "datetime_type": "field.datetime",
    "bool_parsing": "field.boolean",
    "bool_type": "field.boolean",
    "string_type": "field.text",
    "list_type": "field.list",
    "tuple_type": "field.list",
    "dict_type": "field.object",
    "model_type": "field.object",
    "model_attributes_type": "field.object",
    "string_pattern_mismatch": "field.bad_character",
    "string_too_long": "field.too_long",
    "too_short": "field.too_few_items",
    "too_long": "field.too_many_items",
    "greater_than_equal": "field.at_least",
    "less_than_equal": "field.at_most",
    "greater_than": "field.above",
    "less_than": "field.below",
    "decimal_max_digits": "field.digits",
    "decimal_whole_digits": "field.digits",
    "decimal_max_places": "field.decimals",
    "enum": "field.choice",
    "literal_error": "field.choice",
    "json_invalid": "field.json",
}
"""The message code of each pydantic error type; a domain rule raising `PydanticCustomError` names its code
itself (its error type is a catalogue code)."""
LIMITS = {"ge": "limit", "le": "limit", "gt": "limit", "lt": "limit"}


def error_message(item: ErrorDetails) -> tuple[str, dict[str, str | int | float | None]]:
    """Return the message code and parameters of one pydantic error: the one place pydantic errors become codes."""
    kind = item["type"]
    ctx = {LIMITS.get(k, k): _param(v) for k, v in (item.get("ctx") or {}).items()}
    if kind == "string_too_short" and ctx.get("min_length") in (None, 1):
        return "field.required", {}
    if kind == "string_too_short":
        return "field.too_short", ctx
    if kind in ERROR_CODES:
        return ERROR_CODES[kind], ctx
    if kind in CATALOGUE:
        return kind, ctx
    return "field.invalid", {"reason": item["msg"].removeprefix("Value error, ")}


def _param(value: Any) -> str | int | float | None:
    """Return a pydantic error's context value as a message parameter (a whole float or decimal as a whole number:
    1, not 1.0)."""
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if value is None or isinstance(value, str | int | float) else str(value)


def error_problem(item: ErrorDetails, field: str, value: Any) -> Problem:
    """Return one pydantic error as a coded problem of a field."""
    code, params = error_message(item)
    return Problem.coded(field, code, value=None if value is None else _text(value), **params)


def field_problems(
    error: ValidationError, data: Mapping[str, Any] | None = None, *, skip_first_loc: bool = False
) -> list[Problem]:
    """Return a pydantic validation error as coded problems, one per error, each naming its field (the first
    part of its location) and the value given for it."""
    given = data or {}
    problems: list[Problem] = []
    for item in error.errors():
        loc = item["loc"][1:] if skip_first_loc else item["loc"]
        field = str(loc[0]) if loc else "(record)"
        problems.append(error_problem(item, field, given.get(field)))
    return problems


problems_of = field_problems


def _text(value: Any) -> str:
    return ";".join(map(str, value)) if isinstance(value, tuple | list) else str(value)


def validate_record(spec: KindSpec, data: Mapping[str, Any]) -> tuple[Record | None, list[Problem]]:
    """Return the record built from data and every problem of it (its fields, then its rules)."""
    try:
        record = spec.model.model_validate(dict(data))
    except ValidationError as error:
        return None, field_problems(error, data)
    return record, spec.rules(record)


@lru_cache(maxsize=256)
def field_adapter(model: type[Record], name: str) -> TypeAdapter[Any]:
    """Return a validator for one field of a record type (its type and constraints)."""
    info = model.model_fields[name]
    field_type: Any = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(field_type)
