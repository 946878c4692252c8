"""Import templates: one XLSX per kind, derived from the kind's columns, that imports back unchanged.

Layout (documented in docs/interchange.md): the first sheet, named after the kind in Chinese, has one header row
`中文表头 (english_name)` (the reader takes either part, or both like this), required columns in bold on a
coloured ground; row 2 is the kind's example row (`examples.py`) in grey italics, skipped on import while it is
left exactly as it is; enumerations and booleans get a drop-down list of their Chinese words. A second sheet,
`说明`, lists every column: header, English name, required or optional, what it holds, the example.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.interchange.cells import (
    FAIR_ROLES_ZH,
    ORGANISATION_TYPES_ZH,
    OUTCOMES_ZH,
    PLATFORM_KINDS_ZH,
    PLATFORM_LEVELS_ZH,
    PREFERENCES_ZH,
    PROJECT_KINDS_ZH,
    SEGMENTS_ZH,
    SIZES_ZH,
)
from chainatlas.interchange.columns import COLUMNS, Cell, Column, template_header
from chainatlas.interchange.examples import example_cells

ROWS_WITH_LISTS = 2000
"""The drop-down lists cover the rows up to this one."""
NOTES_SHEET = "说明"
_CHOICES: dict[Cell, dict[str, str]] = {
    Cell.SEGMENT: SEGMENTS_ZH,
    Cell.SIZE: SIZES_ZH,
    Cell.PROJECT_KIND: PROJECT_KINDS_ZH,
    Cell.PLATFORM_KIND: PLATFORM_KINDS_ZH,
    Cell.PLATFORM_LEVEL: PLATFORM_LEVELS_ZH,
    Cell.FAIR_ROLE: FAIR_ROLES_ZH,
    Cell.PREFERENCE: PREFERENCES_ZH,
    Cell.OUTCOME: OUTCOMES_ZH,
    Cell.ORGANISATION_TYPE: ORGANISATION_TYPES_ZH,
}
_WHAT = {
    Cell.TEXT: "文本 text",
    Cell.BOOL: "是/否 (true/false)",
    Cell.LIST: "列表，用 ; 分隔 (list, separated by ;)",
    Cell.DECIMAL: "数 number",
    Cell.INT: "整数 whole number",
    Cell.FLOAT: "数 number",
    Cell.DATE: "日期 date (YYYY-MM-DD)",
    Cell.COUNTRY: "国家：中文名或两字母代码 country (中国 / CN)",
}


def choice_pairs(cell: Cell) -> list[tuple[str, str]]:
    """Return (Chinese word, value) for each value a cell kind allows (the first word of each), or []."""
    if cell is Cell.BOOL:
        return [("是", "true"), ("否", "false")]
    first: dict[str, str] = {}
    for word, value in _CHOICES.get(cell, {}).items():
        first.setdefault(value, word)
    return [(word, value) for value, word in first.items()]


def choices(cell: Cell) -> list[str]:
    """Return the words a drop-down list offers for a cell kind (one Chinese word per value), or []."""
    return [word for word, _ in choice_pairs(cell)]


def template_xlsx(kind: str) -> bytes:
    """Return the import template of a kind as XLSX bytes; raise KeyError for an unknown kind."""
    from openpyxl import Workbook

    columns = COLUMNS[kind]
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    sheet = workbook.create_sheet(KIND_BY_NAME[kind].label_zh[:31])
    sheet.append([template_header(column) for column in columns])
    example = example_cells(kind)
    sheet.append([_example_value(column, example.get(column.name)) for column in columns])
    _style(sheet, columns)
    _add_lists(sheet, columns)
    _add_notes(workbook.create_sheet(NOTES_SHEET), columns, example)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _example_value(column: Column, text: str | None) -> Any:
    """Return an example cell as a spreadsheet holds it: numbers as numbers, dates as dates, the rest as text."""
    if text is None:
        return None
    if column.cell is Cell.INT or (column.cell in (Cell.DECIMAL, Cell.FLOAT) and text.isdigit()):
        return int(text)
    if column.cell in (Cell.DECIMAL, Cell.FLOAT):
        return float(text)
    if column.cell is Cell.DATE:
        return dt.date.fromisoformat(text)
    return text


def _style(sheet: Any, columns: tuple[Column, ...]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    required = PatternFill("solid", fgColor="FCE4D6")
    optional = PatternFill("solid", fgColor="EDEDED")
    for index, column in enumerate(columns, start=1):
        head = sheet.cell(row=1, column=index)
        head.font = Font(bold=not column.optional)
        head.fill = optional if column.optional else required
        sheet.cell(row=2, column=index).font = Font(italic=True, color="808080")
        if column.cell is Cell.DATE:
            sheet.cell(row=2, column=index).number_format = "yyyy-mm-dd"
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(template_header(column)) + 4)
    sheet.freeze_panes = "A2"


def _add_lists(sheet: Any, columns: tuple[Column, ...]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, column in enumerate(columns, start=1):
        words = choices(column.cell)
        if not words:
            continue
        listed = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True)
        listed.errorStyle = "warning"  # the English words (upstream, true, …) are accepted too
        listed.error = "请从列表中选择 / choose from the list (English values are accepted as well)"
        letter = get_column_letter(index)
        listed.add(f"{letter}2:{letter}{ROWS_WITH_LISTS}")
        sheet.add_data_validation(listed)


def _add_notes(sheet: Any, columns: tuple[Column, ...], example: dict[str, str]) -> None:
    from openpyxl.styles import Font

    sheet.append(["表头 header", "英文名 English name", "必填 required", "内容 holds", "示例 example"])
    for column in columns:
        words = choices(column.cell)
        holds = " / ".join(words) if words else _WHAT.get(column.cell, "文本 text")
        needed = "可空，可省略此列 optional" if column.optional else "必填 required"
        sheet.append([column.header_zh, column.name, needed, holds, example.get(column.name, "")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (16, 22, 24, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append([])
    sheet.append(["第 2 行是示例，原样保留时导入会跳过它；可以改写它或删除它。"])
    sheet.append(["Row 2 is an example: left as it is, the import skips it; overwrite it or delete it."])
