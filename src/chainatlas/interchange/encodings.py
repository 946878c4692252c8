"""Tell how a text file (CSV or JSON) is encoded, or say why it cannot be read as text."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from chainatlas.interchange.problems import UnreadableFile

ZIP_MAGIC = b"PK\x03\x04"
BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"%PDF-", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "XLS/DOC (Office 97-2003)"),
    (ZIP_MAGIC, "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "GZIP"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
)
"""The first bytes of file formats people upload by mistake (a screenshot, a PDF, an old .xls, an archive)."""
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: the UTF-32LE mark starts with the UTF-16LE one
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030 (GBK)", "utf-16": "UTF-16", "utf-32": "UTF-32"}
CHUNK = 1 << 20


class _Failure:
    """Where a file stopped decoding: the line, the bytes, and whether it was cut at the very end."""

    def __init__(self, line: int, shown: bytes, at_end: bool, nul: bool = False) -> None:
        self.line, self.shown, self.at_end, self.nul = line, shown, at_end, nul


def _scan(path: Path, encoding: str) -> _Failure | None:
    """Decode the whole file; return where it fails (or holds a NUL character), or None."""
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 1
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(CHUNK)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                before = error.object[: error.start].decode(encoding, errors="replace")
                shown = error.object[error.start : max(error.end, error.start + 1)]
                return _Failure(lines + before.count("\n"), shown, at_end=not chunk)
            if "\x00" in text:
                return _Failure(lines + text[: text.index("\x00")].count("\n"), b"\x00", at_end=False, nul=True)
            lines += text.count("\n")
            if not chunk:
                return None


def detect_encoding(path: Path, label: str) -> str:
    """Return a text file's encoding: by its byte-order mark (UTF-8, UTF-16, UTF-32), else UTF-8, else GB18030 (GBK).

    Raises UnreadableFile, naming the encodings tried, when the file is a workbook, holds NUL characters,
    is UTF-8 cut in the middle of a character, or decodes in none of them.
    """
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(ZIP_MAGIC) and _is_workbook(path):
        raise UnreadableFile.coded(label, "import.text_is_workbook")
    binary = next((name for magic, name in BINARY_MAGIC if head.startswith(magic)), None)
    if binary is not None:
        raise UnreadableFile.coded(label, "import.not_text", format=binary)
    marked = next((encoding for bom, encoding in BOMS if head.startswith(bom)), None)
    if marked is not None:
        _refuse_failure(label, _scan(path, marked), [marked])
        return marked
    failure = _scan(path, "utf-8")
    if failure is None:
        return "utf-8"
    if failure.nul or failure.at_end:
        _refuse_failure(label, failure, ["utf-8"])
    _refuse_failure(label, _scan(path, "gb18030"), ["utf-8", "gb18030"])
    return "gb18030"


def _is_workbook(path: Path) -> bool:
    """Return whether a zip file holds workbook parts (else it is some other archive)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return True  # a damaged zip named .csv: most likely a workbook that lost its name


def _refuse_failure(label: str, failure: _Failure | None, tried: list[str]) -> None:
    if failure is None:
        return
    names = " / ".join(dict.fromkeys(NAMES[t] for t in tried))
    if failure.nul:
        raise UnreadableFile.coded(label, "import.text_nul", line=failure.line)
    if failure.at_end:
        raise UnreadableFile.coded(label, "import.text_cut", line=failure.line, encodings=names)
    shown = failure.shown.hex(" ")
    raise UnreadableFile.coded(label, "import.text_undecodable", line=failure.line, encodings=names, bytes=shown)
