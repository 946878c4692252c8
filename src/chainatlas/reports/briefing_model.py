"""The briefing as a document: a cover, parts in the template's order, each with its texts, 按语, tables and charts.

The HTML, Word and Excel renderers all read this one model, so the Word tables and the Excel annex hold the same
cells. Every table row ends with the source of its figures (`synthetic` for generated demo data).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from chainatlas.domain.monitoring_results import is_synthetic_source
from chainatlas.reports.numbers import Cell


@dataclass
class Table:
    """A table of the briefing: its title, column headings and rows of cells (the last column: the source)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]


@dataclass
class Chart:
    """A chart drawn by the page's own ECharts script: `scorecard` (a target) or `gantt` (the projects)."""

    id: str
    kind: str
    title: str
    data: dict[str, Any]
    height: int = 300


@dataclass
class Part:
    """One section of the briefing."""

    key: str
    title: str
    intro: str
    editorial: str = ""
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Issue:
    """Which issue of a series the briefing is (第N期) and the editorial text per section (按语)."""

    series: str = "monthly"
    number: int = 1
    editorials: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Document:
    """The whole briefing in one language."""

    lang: str
    title: str
    issuer: str
    number: str
    date: str
    edition: str
    period_line: str
    toc: str
    editorial_title: str
    synthetic_note: str
    any_synthetic: bool
    parts: list[Part]
    figures: dict[str, str]

    def tables(self) -> list[Table]:
        """Return every table of every part, in order (the Excel annex's sheets)."""
        return [table for part in self.parts for table in part.tables]


def source_cell(source: str) -> str:
    """Return a source as its cell reads: `synthetic` for generated demo data, else the citation."""
    return "synthetic" if is_synthetic_source(source) else source
