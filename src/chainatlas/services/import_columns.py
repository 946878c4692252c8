"""The column-wise (vectorised) validator of an import's plain rows: a chunk of supply links or of what
enterprises make, checked one column at a time instead of one row at a time.

Each column of a chunk is checked by one regular expression over the column's cells joined by line breaks
(one call into the regex engine per column, not one validation per cell). A column passes when every cell has
the plainest form its field takes — an ASCII code, printable text, a number without sign, grouping or exponent
within the field's bounds, a year in range, `true`/`false` — and each such form is one the per-row validator
(the cell readers, then pydantic) accepts and reads to the same value. The records are then built from the
converted columns without validating them again (as `store.registry.trusted_record` does for stored rows).

Nothing else passes: a chunk with one cell out of the plain form (a grouped number, a Chinese 是, a missing
required cell, a bad code, anything) returns None and goes through the per-row validator, which reports its
problems. So the problems of bad input are the per-row validator's own, by construction, and the fast path
only ever accepts what the per-row path accepts (tests/services/test_import_columns.py holds the two paths
equal on a file with every kind of bad cell and on plain files).
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chainatlas.domain.common import Record
from chainatlas.domain.kinds import ENTERPRISE_NODES, SUPPLY_LINKS, KindSpec
from chainatlas.interchange.columns import COLUMNS
from chainatlas.interchange.read import RawRow


@dataclass(frozen=True)
class ColumnForm:
    """The plain form of a field's cells: a pattern every cell matches in full, and what reads one."""

    pattern: str
    """No line break can match: the cells are joined by them."""
    read: Callable[[str], Any]


def _flag(text: str) -> bool:
    return text == "true"


CODE = ColumnForm(r"[0-9A-Za-z._\-]{1,64}", str)
"""`Code` (no blank, `;` or `/`, at most 64 characters), narrowed to ASCII letters, digits, `.`, `_`, `-`."""
TEXT = ColumnForm(r"[^\x00-\x1f\x7f]{1,500}", str)
"""`Text` (at most 500 characters, no control character), narrowed to no tab or line break either."""
SOURCE = ColumnForm(r"[^\x00-\x1f\x7f]{1,2000}", str)
"""`Source`, as `Text` with 2,000 characters."""
MONEY = ColumnForm(r"[0-9]{1,15}(?:\.[0-9]{1,2})?", Decimal)
"""`Money` (not negative, at most 18 digits, 2 after the point) within what the cell reader takes (15 digits before
the point), without sign, grouping or exponent."""
QUANTITY = ColumnForm(r"[0-9]{1,15}(?:\.[0-9]{1,6})?", Decimal)
"""`Quantity` (not negative, at most 24 digits, 6 after the point) within the cell reader's 15 digits before the
point, without sign, grouping or exponent."""
FRACTION = ColumnForm(r"0(?:\.[0-9]{1,15})?|1(?:\.0{1,15})?", float)
"""`Fraction` (0 to 1), at most 15 decimals (every such text reads to the same float either way)."""
YEAR = ColumnForm(r"1[89][0-9]{2}|20[0-9]{2}|2100", int)
"""`Year` (1800 to 2100), four digits."""
FLAG = ColumnForm(r"true|false", _flag)
"""A yes/no cell, written `true` or `false` (as the exports write it)."""

FORMS: dict[str, dict[str, ColumnForm]] = {
    SUPPLY_LINKS.name: {
        "supplier_id": CODE,
        "customer_id": CODE,
        "node_code": CODE,
        "annual_value_cny": MONEY,
        "share": FRACTION,
        "since": YEAR,
        "until": YEAR,
        "confidence": FRACTION,
        "confidential": FLAG,
        "evidence": SOURCE,
        "source": SOURCE,
    },
    ENTERPRISE_NODES.name: {
        "enterprise_id": CODE,
        "node_code": CODE,
        "annual_output_cny": MONEY,
        "capacity": QUANTITY,
        "capacity_unit": TEXT,
        "source": SOURCE,
    },
}
"""The kinds with a column-wise validator (the millions of rows of a national registry), each field's form."""


class ColumnValidator:
    """Validate the plain chunks of one kind column by column; None for any other chunk."""

    def __init__(self, spec: KindSpec, forms: dict[str, ColumnForm]) -> None:
        self.model = spec.model
        fields = spec.model.model_fields
        self.required = frozenset(name for name, info in fields.items() if info.is_required())
        self.defaults = [(name, None if info.is_required() else info.default) for name, info in fields.items()]
        self.columns = [(name, _column_pattern(forms[name].pattern), forms[name].read) for name in fields]
        self.names = tuple(fields)
        self.names_set = frozenset(fields)
        self.new = spec.model.__new__

    def records(self, chunk: Sequence[tuple[int, RawRow]]) -> list[tuple[int, Record]] | None:
        """Return the chunk's (row number, record) when every cell is plain, else None."""
        raws = [raw for _, raw in chunk]
        if not self.names_set.issuperset(set().union(*raws)):
            return None  # a cell of no field (the readers give none): the per-row validator refuses it
        read: dict[str, list[Any] | None] = {}
        for name, pattern, convert in self.columns:
            cells = [raw.get(name) for raw in raws]
            present = [cell for cell in cells if cell is not None]
            if len(present) < len(cells) and name in self.required:
                return None
            if present and pattern.fullmatch("\n".join(present)) is None:
                return None
            read[name] = [None if cell is None else convert(cell) for cell in cells] if present else None
        rows = self._rows(read, len(chunk))
        return [(number, self._record(raw, values)) for (number, raw), values in zip(chunk, rows, strict=True)]

    def _rows(self, read: dict[str, list[Any] | None], size: int) -> Iterator[tuple[Any, ...]]:
        """Yield each row's values in the model's field order, an empty cell at the field's default."""
        columns: list[Iterable[Any]] = []
        for name, default in self.defaults:
            column = read.get(name)
            if column is None:
                columns.append(itertools.repeat(default, size))
            elif default is None:
                columns.append(column)
            else:
                columns.append(_filled(column, default))
        return zip(*columns, strict=True)

    def _record(self, raw: RawRow, values: tuple[Any, ...]) -> Record:
        record = self.new(self.model)
        _set(record, "__dict__", dict(zip(self.names, values, strict=True)))
        _set(record, "__pydantic_fields_set__", set(raw))  # as validating the row's cells sets it
        _set(record, "__pydantic_extra__", None)
        _set(record, "__pydantic_private__", None)
        return record


_set = object.__setattr__


def _filled(column: list[Any], default: Any) -> list[Any]:
    return [default if value is None else value for value in column]


def _column_pattern(pattern: str) -> re.Pattern[str]:
    """Return the pattern of a column's cells joined by line breaks, each cell matching `pattern` in full."""
    return re.compile(f"(?:{pattern})(?:\n(?:{pattern}))*")


def column_validator(spec: KindSpec) -> ColumnValidator | None:
    """Return the column-wise validator of a kind (None when it has none: the per-row validator serves it)."""
    forms = FORMS.get(spec.name)
    if forms is None or not set(forms) == set(spec.model.model_fields) == {c.name for c in COLUMNS[spec.name]}:
        return None  # a field or column without a form: the per-row validator serves the kind
    return ColumnValidator(spec, forms)


def references_known(spec: KindSpec, records: Sequence[Record], known: Callable[[str], set[str]]) -> bool:
    """Return whether every reference of the records to another kind names a key `known` holds (then no record
    has a reference problem and the per-row check can be skipped); a scoped kind is never vouched for here."""
    if spec.scoped:
        return False
    for field, target in spec.references.items():
        if target == spec.name:
            continue  # references to the kind itself are checked once every row is read
        values = set(map(operator.attrgetter(field), records))  # one C loop per column
        named: set[Any] = {v for value in values if isinstance(value, tuple) for v in value}  # a list of keys
        named |= {value for value in values if not isinstance(value, tuple)}
        named.discard(None)
        if not named <= known(target):
            return False
    return True
