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
        raise UnreadableFile.one(label, "不是 .xlsx 工作簿（不是 zip 文件）/ is not an .xlsx workbook (not a zip file)")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UnreadableFile.one(label, f"zip 文件已损坏 / the zip file is damaged: {error}") from error
    if len(members) > MAX_MEMBERS:
        raise UnreadableFile.one(label, f"zip 中文件过多 / holds over {MAX_MEMBERS:,} parts: not a workbook")
    if "[Content_Types].xml" not in {member.filename for member in members}:
        message = "zip 中没有工作簿部件 / the zip holds no workbook parts ([Content_Types].xml is missing)"
        raise UnreadableFile.one(label, message)
    inflated = sum(member.file_size for member in members)
    if inflated > MAX_INFLATED_MB << 20:
        size = f"{inflated / (1 << 20):,.0f} MB"
        message = (
            f"解压后 {size}，超过工作簿 {MAX_INFLATED_MB} MB 的上限（大表请用 CSV）/ inflates to {size}, over the "
            f"{MAX_INFLATED_MB} MB limit for a workbook (import large tables as CSV)"
        )
        raise UnreadableFile.one(label, message)


@contextmanager
def workbook_errors(label: str) -> Iterator[None]:
    """Turn whatever openpyxl raises on a malformed workbook into one problem naming the file."""
    try:
        yield
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl raises KeyError, ValueError, ParseError, … on malformed parts
        detail = f"{type(error).__name__}: {error}"[:300]
        message = f"无法读取的 .xlsx 工作簿 / is not a readable .xlsx workbook ({detail})"
        raise UnreadableFile.one(label, message) from error
