"""The briefing for offices: a Word document (python-docx: real headings, tables and the charts as pictures) and
an Excel annex with every table of the briefing, one sheet each (the same cells as the Word tables)."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

from docx import Document as WordDocument
from docx.document import Document as WordFile
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook

from chainatlas.reports.briefing_model import Document, Table
from chainatlas.reports.numbers import Cell

CJK_FONT = "Noto Sans CJK SC"
SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def _text(value: Cell) -> str:
    return "" if value is None else str(value)


def _table(word: WordFile, table: Table) -> None:
    grid = word.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, heading in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = heading
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = _text(value)


def _fonts(word: WordFile) -> None:
    style = word.styles["Normal"]
    style.font.name = CJK_FONT
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)


def _page_break(word: WordFile) -> None:
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def briefing_docx(doc: Document, images: Mapping[str, bytes]) -> bytes:
    """Return the briefing as a .docx: a cover, a heading per part, its texts, 按语, chart pictures and tables."""
    word = WordDocument()
    _fonts(word)
    for line in (doc.number, doc.title, doc.issuer, doc.date, doc.edition, doc.period_line):
        paragraph = word.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    word.paragraphs[1].runs[0].font.size = Pt(22)
    word.paragraphs[1].runs[0].bold = True
    _page_break(word)
    word.add_heading(doc.toc, level=1)
    for number, part in enumerate(doc.parts, start=1):
        word.add_paragraph(f"{number}. {part.title}")
    for number, part in enumerate(doc.parts, start=1):
        _page_break(word)
        word.add_heading(f"{number}. {part.title}", level=1)
        word.add_paragraph(part.intro)
        if part.editorial:
            note = word.add_paragraph()
            note.add_run(f"{doc.editorial_title} ").bold = True
            note.add_run(part.editorial)
        for chart in part.charts:
            picture = images.get(f"chart-{chart.id}")
            if picture:
                word.add_paragraph(chart.title)
                word.add_picture(io.BytesIO(picture), width=Mm(165))
        for table in part.tables:
            word.add_heading(table.title, level=2)
            _table(word, table)
    if doc.any_synthetic:
        word.add_paragraph(doc.synthetic_note)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def sheet_title(n: int, title: str) -> str:
    """Return a sheet's name: its number and title, without the characters Excel refuses, at most 31 long."""
    return SHEET_NAME.sub(" ", f"{n:02d} {title}")[:31]


def briefing_xlsx(doc: Document) -> bytes:
    """Return the Excel annex: one sheet per table, the headings in the first row, the cells as in Word."""
    book = Workbook()
    book.remove(book.active)
    for n, table in enumerate(doc.tables(), start=1):
        sheet = book.create_sheet(sheet_title(n, table.title))
        sheet.append(table.columns)
        for row in table.rows:
            sheet.append([_text(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
