"""Find the files of an import and read their rows as text, whatever the file format."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chainatlas.interchange.columns import COLUMNS, KIND_NAMES_ZH, Column, header_map
from chainatlas.interchange.encodings import detect_encoding
from chainatlas.interchange.problems import RowProblem, UnreadableFile
from chainatlas.interchange.workbooks import MAX_CELLS, check_workbook, workbook_errors

FORMATS = (".csv", ".xlsx", ".json")
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


def kind_of_name(stem: str) -> str | None:
    """Return the kind a file or sheet name stands for (English or Chinese), if any."""
    name = stem.strip().lower().replace("-", "_").replace(" ", "_")
    if name in COLUMNS:
        return name
    return KIND_NAMES_ZH.get(stem.strip())


def discover(paths: list[Path], kind: str | None = None) -> tuple[list[SourceFile], list[RowProblem]]:
    """Return the tables under the given files and folders, and a problem for each unusable one."""
    found: list[SourceFile] = []
    problems: list[RowProblem] = []
    for path in paths:
        if not path.exists():
            problems.append(RowProblem(str(path), None, None, None, "no such file or folder"))
            continue
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in FORMATS) if path.is_dir() else [path]
        if path.is_dir() and not files:
            problems.append(RowProblem(str(path), None, None, None, "the folder holds no .csv, .xlsx or .json file"))
        for file in files:
            _add_tables(file, kind, found, problems)
    return found, problems


def _add_tables(file: Path, kind: str | None, found: list[SourceFile], problems: list[RowProblem]) -> None:
    suffix = file.suffix.lower()
    if suffix not in FORMATS:
        problems.append(RowProblem(file.name, None, None, None, "is not a .csv, .xlsx or .json file"))
        return
    if suffix == ".xlsx" and kind_of_name(file.stem) is None and kind is None:
        found.extend(_workbook_tables(file, problems))
        return
    file_kind = kind or kind_of_name(file.stem)
    if file_kind is None:
        known = ", ".join(COLUMNS)
        problems.append(
            RowProblem(
                file.name, None, None, None, f"cannot tell its kind from its name (use one of {known}, or --kind)"
            )
        )
        return
    found.append(SourceFile(file, file_kind))


def _workbook_tables(file: Path, problems: list[RowProblem]) -> list[SourceFile]:
    from openpyxl import load_workbook

    try:
        check_workbook(file, file.name)
        with workbook_errors(file.name):
            workbook = load_workbook(file, read_only=True)
            try:
                tables = [SourceFile(file, k, sheet) for sheet in workbook.sheetnames if (k := kind_of_name(sheet))]
            finally:
                workbook.close()
    except UnreadableFile as error:
        problems.extend(error.problems)
        return []
    if not tables:
        problems.append(RowProblem(file.name, None, None, None, "no sheet is named after a kind"))
    return tables


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
    message = (
        f"缺少必需的列：`{column.header_zh}`（英文 `{column.name}`） / required column is missing "
        f"(English `{column.name}` or Chinese `{column.header_zh}`)"
    )
    return RowProblem(label, 1, column.name, None, message)


def _columns_of(source: SourceFile, header: list[str], on_header: OnHeader | None) -> list[Column | None]:
    if len(header) > MAX_COLUMNS:
        raise _too_many_cells(source.label, 1, len(header))
    accepted = header_map(source.kind)
    columns = [accepted.get(h.strip().lstrip("\ufeff").lower()) or accepted.get(h.strip()) for h in header]
    present = {c.name for c in columns if c is not None}
    if not present:
        message = f"表头中没有 {source.kind} 的任何列 / the header names none of the columns of {source.kind}"
        raise HeaderError([RowProblem(source.label, 1, None, None, message)])
    problems = [
        _missing_column(source.label, column)
        for column in COLUMNS[source.kind]
        if column.name not in present and not column.optional
    ]
    seen: set[str] = set()
    for column in columns:
        if column is not None and column.name in seen:
            problems.append(RowProblem(source.label, 1, column.name, None, "column appears twice"))
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
            raise UnreadableFile.one(
                label, "单元格不能是 JSON 对象 / a cell cannot be a JSON object", row=number, column=column.name
            )
        text = _text(value)
        if text:
            row[column.name] = _checked(label, number, column.name, text)
    return row


def _checked(label: str, number: int, column: str, text: str) -> str:
    """Return a cell's text, refusing one too long to be a cell or holding a NUL character."""
    if len(text) > MAX_CELL_CHARS:
        message = f"单元格超过 {MAX_CELL_CHARS:,} 个字符 / the cell is longer than {MAX_CELL_CHARS:,} characters"
        raise UnreadableFile.one(label, message, row=number, column=column)
    if "\x00" in text:
        raise UnreadableFile.one(
            label, "单元格含有 NUL 字符 / the cell holds a NUL character", row=number, column=column
        )
    return text


def _too_many_cells(label: str, number: int, count: int) -> UnreadableFile:
    message = f"一行有 {count:,} 个单元格，最多 {MAX_COLUMNS:,} / the row has {count:,} cells, at most {MAX_COLUMNS:,}"
    return UnreadableFile.one(label, message, row=number)


def _too_many_rows(label: str) -> UnreadableFile:
    return UnreadableFile.one(label, f"超过 {MAX_ROWS:,} 行 / holds more than {MAX_ROWS:,} rows")


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
        raise HeaderError([RowProblem(source.label, None, None, None, "the file is empty (no header row)")])
    names = [c.name if c else None for c in _columns_of(source, header, on_header)]
    at[0] = 2
    for number, values in enumerate(reader, start=2):
        at[0] = number + 1
        if number > MAX_ROWS + 1:
            raise _too_many_rows(source.label)
        if len(values) > MAX_COLUMNS:
            raise _too_many_cells(source.label, number, len(values))
        row: RawRow = {}
        for name, value in zip(names, values, strict=False):
            if name is not None and value and (text := value.strip()):
                row[name] = _checked(source.label, number, name, text)
        if row or any(values):
            yield number, row


def _csv_problem(label: str, row: int, error: csv.Error) -> UnreadableFile:
    """Return the problem of a row the csv module cannot read: an unclosed quote, or a giant cell."""
    text = str(error)
    if "unexpected end of data" in text:
        message = "引号未闭合：此行的带引号单元格直到文件末尾都没有结束 / unbalanced quote: a quoted cell opened in this row never ends"
    elif "field larger than field limit" in text:
        message = f"单元格超过 {MAX_CELL_CHARS:,} 个字符 / a cell is longer than {MAX_CELL_CHARS:,} characters"
    else:
        message = f"引号用法不对 / misplaced quote: {text}"
    return UnreadableFile.one(label, message, row=row)


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
            raise HeaderError([RowProblem(source.label, None, None, None, "the sheet is empty (no header row)")])
        cells = len(header)
        texts = [_text(h) if h is not None else "" for h in header[: MAX_COLUMNS + 1]]
        columns = _columns_of(source, texts, on_header)
        for number, values in enumerate(rows, start=2):
            cells += len(values)
            if cells > MAX_CELLS or number > MAX_ROWS + 1:
                raise _workbook_too_big(source.label, number)
            if any(v not in (None, "") for v in values):
                yield number, _cells(source.label, number, columns, list(values))
    finally:
        workbook.close()


def _workbook_too_big(label: str, number: int) -> UnreadableFile:
    message = (
        f"工作簿超过 {MAX_CELLS:,} 个单元格或 {MAX_ROWS:,} 行（大表请用 CSV）/ the workbook holds more than "
        f"{MAX_CELLS:,} cells or {MAX_ROWS:,} rows (import large tables as CSV)"
    )
    return UnreadableFile.one(label, message, row=number)


def _json_rows(source: SourceFile, on_header: OnHeader | None) -> Iterator[tuple[int, RawRow]]:
    data = _json_data(source)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise HeaderError([RowProblem(source.label, None, None, None, "must be a JSON list of objects")])
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
        raise HeaderError([RowProblem(source.label, None, None, None, f"is not valid JSON: {error}")]) from error
    except RecursionError as error:
        message = "JSON 嵌套过深 / the JSON is nested too deeply to read"
        raise UnreadableFile.one(source.label, message) from error
    except ValueError as error:
        raise UnreadableFile.one(source.label, f"JSON 中的数无效 / holds an invalid number: {error}") from error


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text[:40]} is beyond the range of a number")
    return value


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")
