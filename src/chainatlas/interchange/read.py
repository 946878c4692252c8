"""Read the rows of an import's tables as text, whatever the file format (`discovery.py` finds the tables)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chainatlas.interchange.columns import COLUMNS, Column, column_named, header_map
from chainatlas.interchange.encodings import detect_encoding
from chainatlas.interchange.examples import example_cells
from chainatlas.interchange.problems import RowProblem, UnreadableFile
from chainatlas.interchange.workbooks import MAX_CELLS, check_workbook, workbook_errors

MAX_ROWS = 2_000_000
"""At most this many rows (blank ones included) in one table."""
MAX_COLUMNS = 16_384
"""At most this many cells in one row (Excel's own limit)."""
MAX_CELL_CHARS = 32_767
"""At most this many characters in one cell (Excel's own limit)."""
RawRow = dict[str, str]
"""A row's non-empty cells, by column name, as stripped text."""
OnHeader = Callable[[frozenset[str]], None]
"""Called once with the names of the columns a table's header holds, before its first row."""


@dataclass(frozen=True)
class SourceFile:
    """One table to import: a CSV or JSON file, or one sheet of a workbook."""

    path: Path
    kind: str
    sheet: str | None = None

    @property
    def label(self) -> str:
        """Return the name used for this table in error reports."""
        return self.path.name if self.sheet is None else f"{self.path.name}[{self.sheet}]"


class HeaderError(UnreadableFile):
    """The header of a table is unusable; the problems say why."""


def read_rows(source: SourceFile, on_header: OnHeader | None = None) -> Iterator[tuple[int, RawRow]]:
    """Yield (row number as a spreadsheet shows it, non-empty cells) for every data row.

    Raises HeaderError before the first row when the header is unusable; `on_header` learns which
    columns the header holds (an optional column may be absent altogether).
    """
    suffix = source.path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(source, on_header)
    if suffix == ".xlsx":
        return _xlsx_rows(source, on_header)
    return _json_rows(source, on_header)


def _missing_column(label: str, column: Column) -> RowProblem:
    return RowProblem.coded(
        label, "import.column_missing", row=1, column=column.name, name=column.name, header_zh=column.header_zh
    )


def _columns_of(source: SourceFile, header: list[str], on_header: OnHeader | None) -> list[Column | None]:
    if len(header) > MAX_COLUMNS:
        raise _too_many_cells(source.label, 1, len(header))
    accepted = header_map(source.kind)
    columns = [column_named(accepted, h) for h in header]
    present = {c.name for c in columns if c is not None}
    if not present:
        raise HeaderError.coded(source.label, "import.no_columns", row=1, kind=source.kind)
    problems = [
        _missing_column(source.label, column)
        for column in COLUMNS[source.kind]
        if column.name not in present and not column.optional
    ]
    seen: set[str] = set()
    for column in columns:
        if column is not None and column.name in seen:
            problems.append(RowProblem.coded(source.label, "import.column_twice", row=1, column=column.name))
        if column is not None:
            seen.add(column.name)
    if problems:
        raise HeaderError(problems)
    if on_header is not None:
        on_header(frozenset(present))
    return columns


def _cells(label: str, number: int, columns: list[Column | None], values: list[Any]) -> RawRow:
    if len(values) > MAX_COLUMNS:
        raise _too_many_cells(label, number, len(values))
    row: RawRow = {}
    for column, value in zip(columns, values, strict=False):
        if column is None or value is None:
            continue
        if isinstance(value, dict):
            raise UnreadableFile.coded(label, "import.cell_object", row=number, column=column.name)
        text = _text(value)
        if text:
            row[column.name] = _checked(label, number, column.name, text)
    return row


def _checked(label: str, number: int, column: str, text: str) -> str:
    """Return a cell's text, refusing one too long to be a cell or holding a NUL character."""
    if len(text) > MAX_CELL_CHARS:
        limit = f"{MAX_CELL_CHARS:,}"
        raise UnreadableFile.coded(label, "import.cell_too_long", row=number, column=column, limit=limit)
    if "\x00" in text:
        raise UnreadableFile.coded(label, "import.cell_nul", row=number, column=column)
    return text


def _too_many_cells(label: str, number: int, count: int) -> UnreadableFile:
    return UnreadableFile.coded(label, "import.row_too_wide", row=number, count=f"{count:,}", limit=f"{MAX_COLUMNS:,}")


def _too_many_rows(label: str) -> UnreadableFile:
    return UnreadableFile.coded(label, "import.too_many_rows", limit=f"{MAX_ROWS:,}")


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(_text(v) for v in value)
    return str(value)


def _csv_rows(source: SourceFile, on_header: OnHeader | None) -> Iterator[tuple[int, RawRow]]:
    with source.path.open(encoding=detect_encoding(source.path, source.label), newline="") as handle:
        reader = csv.reader(handle, strict=True)
        at = [1]  # the row being read, for the problem when the csv module gives up
        try:
            yield from _csv_records(source, reader, at, on_header)
        except csv.Error as error:
            raise _csv_problem(source.label, at[0], error) from error


def _csv_records(
    source: SourceFile, reader: Iterator[list[str]], at: list[int], on_header: OnHeader | None
) -> Iterator[tuple[int, RawRow]]:
    header = next(reader, None)
    if header is None:
        raise HeaderError.coded(source.label, "import.empty_file")
    names = [c.name if c else None for c in _columns_of(source, header, on_header)]
    label = source.label  # once: it is a property, and a million rows have ten million cells
    at[0] = 2
    for number, values in enumerate(reader, start=2):
        at[0] = number + 1
        if number > MAX_ROWS + 1:
            raise _too_many_rows(label)
        if len(values) > MAX_COLUMNS:
            raise _too_many_cells(label, number, len(values))
        row: RawRow = {
            name: text for name, value in zip(names, values, strict=False) if name and value and (text := value.strip())
        }
        if len(",".join(values)) > MAX_CELL_CHARS or "\x00" in "".join(values):
            row = {name: _checked(label, number, name, text) for name, text in row.items()}  # one of them refused
        if (row or any(values)) and not (number == 2 and row == example_cells(source.kind)):
            yield number, row  # a template's example row (saved as CSV), left as it is, is not data


def _csv_problem(label: str, row: int, error: csv.Error) -> UnreadableFile:
    """Return the problem of a row the csv module cannot read: an unclosed quote, or a giant cell."""
    text = str(error)
    if "unexpected end of data" in text:
        return UnreadableFile.coded(label, "import.csv_unclosed_quote", row=row)
    if "field larger than field limit" in text:
        return UnreadableFile.coded(label, "import.cell_too_long", row=row, limit=f"{MAX_CELL_CHARS:,}")
    return UnreadableFile.coded(label, "import.csv_quote", row=row, detail=text)


def _xlsx_rows(source: SourceFile, on_header: OnHeader | None) -> Iterator[tuple[int, RawRow]]:
    check_workbook(source.path, source.label)
    with workbook_errors(source.label):
        yield from _sheet_rows(source, on_header)


def _sheet_rows(source: SourceFile, on_header: OnHeader | None) -> Iterator[tuple[int, RawRow]]:
    from openpyxl import load_workbook

    workbook = load_workbook(source.path, read_only=True, data_only=True)
    try:
        sheet = workbook[source.sheet] if source.sheet else workbook.worksheets[0]
        sheet.reset_dimensions()  # the declared size may lie: read only the cells the sheet holds
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise HeaderError.coded(source.label, "import.empty_sheet")
        cells = len(header)
        columns = _columns_of(source, _header_texts(header), on_header)
        example = example_cells(source.kind)
        for number, values in enumerate(rows, start=2):
            cells += len(values)
            if cells > MAX_CELLS or number > MAX_ROWS + 1:
                raise _workbook_too_big(source.label, number)
            if any(v not in (None, "") for v in values):
                row = _cells(source.label, number, columns, list(values))
                if number > 2 or row != example:  # a template's example row, left as it is, is not data
                    yield number, row
    finally:
        workbook.close()


def _header_texts(header: tuple[Any, ...]) -> list[str]:
    return [_text(h) if h is not None else "" for h in header[: MAX_COLUMNS + 1]]


def _workbook_too_big(label: str, number: int) -> UnreadableFile:
    cells, rows = f"{MAX_CELLS:,}", f"{MAX_ROWS:,}"
    return UnreadableFile.coded(label, "import.xlsx_too_many_cells", row=number, cells=cells, rows=rows)


def read_header(path: Path, label: str, sheet: str | None = None) -> list[str]:
    """Return the header row of a CSV or JSON file or of a workbook's sheet (the first by default), to guess its kind.

    Raises UnreadableFile when the file cannot be read at all (not text, not a workbook, not JSON).
    """
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _sheet_header(path, label, sheet)
    if suffix == ".json":
        data = _json_data(SourceFile(path, ""))
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise HeaderError.coded(label, "import.json_not_list")
        return list(dict.fromkeys(key for item in data for key in item))
    with path.open(encoding=detect_encoding(path, label), newline="") as handle:
        try:
            return next(csv.reader(handle, strict=True), [])
        except csv.Error as error:
            raise _csv_problem(label, 1, error) from error


def _sheet_header(path: Path, label: str, sheet: str | None) -> list[str]:
    from openpyxl import load_workbook

    check_workbook(path, label)
    with workbook_errors(label):
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            chosen = workbook[sheet] if sheet else workbook.worksheets[0]
            chosen.reset_dimensions()
            return _header_texts(next(chosen.iter_rows(max_row=1, values_only=True), ()))
        finally:
            workbook.close()


def _json_rows(source: SourceFile, on_header: OnHeader | None) -> Iterator[tuple[int, RawRow]]:
    data = _json_data(source)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise HeaderError.coded(source.label, "import.json_not_list")
    if len(data) > MAX_ROWS:
        raise _too_many_rows(source.label)
    header = list(dict.fromkeys(key for item in data for key in item))
    columns = _columns_of(source, header, on_header) if data else []
    for number, item in enumerate(data, start=1):
        yield number, _cells(source.label, number, columns, [item.get(key) for key in header])


def _json_data(source: SourceFile) -> Any:
    """Return a JSON file's data; integers stay text (no 4,300-digit limit), NaN and infinities are refused."""
    text = source.path.read_text(encoding=detect_encoding(source.path, source.label))
    try:
        return json.loads(text, parse_int=str, parse_float=_finite, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise HeaderError.coded(source.label, "import.json_invalid", detail=str(error)) from error
    except RecursionError as error:
        raise UnreadableFile.coded(source.label, "import.json_too_deep") from error
    except ValueError as error:
        raise UnreadableFile.coded(source.label, "import.json_bad_number", detail=str(error)) from error


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:40]} is beyond the range of a number")
    return value


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")
