"""Find the files of an import and read their rows as text, whatever the file format."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chainatlas.interchange.columns import COLUMNS, KIND_NAMES_ZH, Column, header_map
from chainatlas.interchange.problems import RowProblem

FORMATS = (".csv", ".xlsx", ".json")
RawRow = dict[str, str]
"""A row's non-empty cells, by column name, as stripped text."""


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


class HeaderError(Exception):
    """The header of a table is unusable; the problems say why."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems


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

    workbook = load_workbook(file, read_only=True)
    try:
        tables = [SourceFile(file, k, sheet) for sheet in workbook.sheetnames if (k := kind_of_name(sheet))]
    finally:
        workbook.close()
    if not tables:
        problems.append(RowProblem(file.name, None, None, None, "no sheet is named after a kind"))
    return tables


def read_rows(source: SourceFile) -> Iterator[tuple[int, RawRow]]:
    """Yield (row number as a spreadsheet shows it, non-empty cells) for every data row.

    Raises HeaderError before the first row when the header is unusable.
    """
    suffix = source.path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(source)
    if suffix == ".xlsx":
        return _xlsx_rows(source)
    return _json_rows(source)


def _columns_of(source: SourceFile, header: list[str]) -> list[Column | None]:
    accepted = header_map(source.kind)
    columns = [accepted.get(h.strip().lstrip("\ufeff").lower()) or accepted.get(h.strip()) for h in header]
    present = {c.name for c in columns if c is not None}
    problems = [
        RowProblem(
            source.label,
            1,
            column.name,
            None,
            f"required column is missing (English `{column.name}` or Chinese `{column.header_zh}`)",
        )
        for column in COLUMNS[source.kind]
        if column.name not in present
    ]
    seen: set[str] = set()
    for column in columns:
        if column is not None and column.name in seen:
            problems.append(RowProblem(source.label, 1, column.name, None, "column appears twice"))
        if column is not None:
            seen.add(column.name)
    if problems:
        raise HeaderError(problems)
    return columns


def _cells(columns: list[Column | None], values: list[Any]) -> RawRow:
    row: RawRow = {}
    for column, value in zip(columns, values, strict=False):
        if column is None or value is None:
            continue
        text = _text(value)
        if text:
            row[column.name] = text
    return row


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


def detect_encoding(path: Path) -> str:
    """Return the encoding of a CSV file: UTF-8 with BOM, UTF-8, or else GB18030 (a superset of GBK)."""
    with path.open("rb") as handle:
        if handle.read(3) == codecs.BOM_UTF8:
            return "utf-8-sig"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


def _csv_rows(source: SourceFile) -> Iterator[tuple[int, RawRow]]:
    with source.path.open(encoding=detect_encoding(source.path), newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise HeaderError([RowProblem(source.label, None, None, None, "the file is empty (no header row)")])
        names = [c.name if c else None for c in _columns_of(source, header)]
        for number, values in enumerate(reader, start=2):
            row: RawRow = {}
            for name, value in zip(names, values, strict=False):
                if name is not None and value and (text := value.strip()):
                    row[name] = text
            if row or any(values):
                yield number, row


def _xlsx_rows(source: SourceFile) -> Iterator[tuple[int, RawRow]]:
    from openpyxl import load_workbook

    workbook = load_workbook(source.path, read_only=True, data_only=True)
    try:
        sheet = workbook[source.sheet] if source.sheet else workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise HeaderError([RowProblem(source.label, None, None, None, "the sheet is empty (no header row)")])
        columns = _columns_of(source, [_text(h) if h is not None else "" for h in header])
        for number, values in enumerate(rows, start=2):
            if any(v not in (None, "") for v in values):
                yield number, _cells(columns, list(values))
    finally:
        workbook.close()


def _json_rows(source: SourceFile) -> Iterator[tuple[int, RawRow]]:
    try:
        data = json.loads(source.path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise HeaderError([RowProblem(source.label, None, None, None, f"is not valid UTF-8 JSON: {error}")]) from error
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise HeaderError([RowProblem(source.label, None, None, None, "must be a JSON list of objects")])
    header = list(dict.fromkeys(key for item in data for key in item))
    columns = _columns_of(source, header) if data else []
    for number, item in enumerate(data, start=1):
        yield number, _cells(columns, [item.get(key) for key in header])
