"""Keep spreadsheet cells inert: text that a spreadsheet would run as a formula (CSV/formula injection,
`=cmd|' /C calc'!A0`) is written so that it stays text.

Files meant for people (page downloads, fair agendas) prefix such text with `'` in CSV, as OWASP advises;
XLSX cells are always typed text, and such text also carries Excel's quote-prefix mark (what Excel stores
when someone types `'=…`), so the value reads unchanged and stays text even when the cell is edited.
A text that is exactly a signed decimal number (`-3.5`, `+7`, `-1e3`) is left alone: a spreadsheet reads it
as that number and nothing runs; numbers written as numbers are never touched.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SIGNED_NUMBER = re.compile(r"[+-](\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
Value = TypeVar("Value")


def runs_as_formula(text: str) -> bool:
    """Return whether a spreadsheet could read a text as a formula (it starts like one and is not a number)."""
    return text.startswith(FORMULA_START) and not _SIGNED_NUMBER.fullmatch(text)


def inert_csv_value(value: Value) -> Value | str:
    """Return a CSV value for people: text that would run as a formula gets a leading `'`, the rest is unchanged."""
    if isinstance(value, str) and runs_as_formula(value):
        return "'" + value
    return value


def mark_text(cell: Any) -> Any:
    """Make an openpyxl cell holding text a text cell (never a formula), quote-prefixed when it starts like one."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if runs_as_formula(cell.value):
            cell.quotePrefix = True
    return cell


def text_cell(sheet: Any, text: str) -> Any:
    """Return a write-only sheet's cell holding text as text (see `mark_text`)."""
    from openpyxl.cell import WriteOnlyCell

    return mark_text(WriteOnlyCell(sheet, value=text))
