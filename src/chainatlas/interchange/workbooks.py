"""Check that an .xlsx file is a workbook of a sane size before openpyxl parses it (a zip bomb is refused unopened)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from chainatlas.interchange.problems import UnreadableFile

MAX_INFLATED_MB = 100
"""At most this many megabytes inside a workbook, by the sizes its zip declares (and zipfile enforces)."""
MAX_MEMBERS = 10_000
MAX_CELLS = 1_000_000
"""At most this many cells (empty ones included) read from one workbook; larger tables go in CSV."""


def check_workbook(path: Path, label: str) -> None:
    """Refuse a file that is not a zip, holds no workbook parts, or would inflate past MAX_INFLATED_MB."""
    if not zipfile.is_zipfile(path):
        raise UnreadableFile.coded(label, "import.xlsx_not_zip")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableFile.coded(label, "import.xlsx_damaged", detail=str(error)) from error
    if len(members) > MAX_MEMBERS:
        raise UnreadableFile.coded(label, "import.xlsx_too_many_parts", limit=f"{MAX_MEMBERS:,}")
    if "[Content_Types].xml" not in {member.filename for member in members}:
        raise UnreadableFile.coded(label, "import.xlsx_no_parts")
    inflated = sum(member.file_size for member in members)
    if inflated > MAX_INFLATED_MB << 20:
        size = f"{inflated / (1 << 20):,.0f} MB"
        raise UnreadableFile.coded(label, "import.xlsx_too_big", size=size, limit=MAX_INFLATED_MB)


@contextmanager
def workbook_errors(label: str) -> Iterator[None]:
    """Turn whatever openpyxl raises on a malformed workbook into one problem naming the file."""
    try:
        yield
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl raises KeyError, ValueError, ParseError, … on malformed parts
        detail = f"{type(error).__name__}: {error}"[:300]
        raise UnreadableFile.coded(label, "import.xlsx_unreadable", detail=detail) from error
