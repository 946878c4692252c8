"""A pydantic validation error as coded problems, one per field, readable in Chinese and English.

Forms, API bodies and import rows share these codes (`domain/messages_records.py`): a value that a field's
type refuses reads "必须是整数" on a Chinese page and "must be a whole number" in an English report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from chainatlas.domain.common import Problem
from chainatlas.domain.messages import message_text

TYPE_CODES = {
    "missing": "field.required",
    "string_too_short": "field.required",
    "extra_forbidden": "field.not_a_column",
    "decimal_parsing": "field.number",
    "decimal_type": "field.number",
    "float_parsing": "field.number",
    "float_type": "field.number",
    "int_parsing": "field.whole_number",
    "int_from_float": "field.whole_number",
    "int_type": "field.whole_number",
    "date_parsing": "field.date",
    "date_type": "field.date",
    "date_from_datetime_parsing": "field.date",
    "date_from_datetime_inexact": "field.date",
    "string_pattern_mismatch": "field.bad_character",
    "string_too_long": "field.too_long",
    "too_long": "field.too_many",
    "decimal_max_digits": "field.max_digits",
    "decimal_max_places": "field.max_places",
    "decimal_whole_digits": "field.too_large",
    "bool_parsing": "field.yes_no",
    "bool_type": "field.yes_no",
}
"""Pydantic error type → message code (the code's parameters come from the error's context)."""
OWN_ENGLISH = frozenset(
    {"missing", "string_too_short", "extra_forbidden", "decimal_parsing", "float_parsing", "int_parsing"}
    | {"date_parsing", "date_from_datetime_parsing", "string_pattern_mismatch"}
)
"""Types whose English `message` is the code's text; other problems keep pydantic's (or the validator's) words."""
LIMITS = {"greater_than_equal": ("field.at_least", "ge"), "greater_than": ("field.above", "gt")}
LIMITS |= {"less_than_equal": ("field.at_most", "le"), "less_than": ("field.below", "lt")}
VALUE_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^period must be YYYY"), "field.period"),
    (re.compile(r"^must look like (?P<example>\S+)"), "field.looks_like"),
    (re.compile(r"^出口占比是 0 到 1"), "field.fraction"),
    (re.compile(r"^must be a time of day"), "field.time_of_day"),
)
"""A domain validator's own message (a `ValueError`'s text) → message code; named groups are its parameters."""


def field_problems(
    error: ValidationError, *, data: Mapping[str, Any] | None = None, skip_first_loc: bool = False
) -> list[Problem]:
    """Return every field problem of a validation error, coded; the value shown is `data`'s when given."""
    problems = []
    for item in error.errors():
        loc = item["loc"][1:] if skip_first_loc else item["loc"]
        field = str(loc[0]) if loc else "(record)"
        value = data.get(field) if data is not None else _input_of(item)
        problems.append(_problem(item, field, None if value is None else _text(value)))
    return problems


def _problem(item: ErrorDetails, field: str, value: str | None) -> Problem:
    code, params = _code_of(item)
    if code is None:  # not a type we know: keep pydantic's English, say "not valid" in Chinese
        return Problem(field=field, message=_plain(item["msg"]), value=value, code="field.invalid")
    english = message_text(code, params, "en") if item["type"] in OWN_ENGLISH else _plain(item["msg"])
    return Problem(field=field, message=english, value=value, code=code, params=params)


def _code_of(item: ErrorDetails) -> tuple[str | None, dict[str, str | int | float | None]]:
    kind, context = item["type"], item.get("ctx") or {}
    if kind in TYPE_CODES:
        return TYPE_CODES[kind], {k: _param(v) for k, v in context.items() if k != "pattern"}
    if kind in LIMITS:
        code, name = LIMITS[kind]
        limit = context.get(name)
        return code, {"limit": int(limit) if isinstance(limit, float) and limit.is_integer() else _param(limit)}
    if kind in ("enum", "literal_error"):
        return "field.one_of", {"expected": "/".join(re.findall(r"'([^']*)'", str(context.get("expected", ""))))}
    if kind == "value_error":
        return _value_error_code(_plain(item["msg"]))
    return None, {}


def _value_error_code(text: str) -> tuple[str | None, dict[str, str | int | float | None]]:
    for pattern, code in VALUE_ERRORS:
        if found := pattern.match(text):
            return code, dict(found.groupdict())
    return None, {}


def _param(value: Any) -> str | int | float | None:
    return value if value is None or isinstance(value, str | int | float) else str(value)


def _input_of(item: ErrorDetails) -> Any:
    value = item.get("input")
    return None if item["type"] == "missing" or isinstance(value, Mapping) else value


def _plain(text: str) -> str:
    text = text.removeprefix("Value error, ")
    return text[:1].lower() + text[1:]


def _text(value: Any) -> str:
    return ";".join(map(str, value)) if isinstance(value, tuple | list) else str(value)
