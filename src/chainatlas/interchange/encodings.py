"""Tell how a text file (CSV or JSON) is encoded, or say why it cannot be read as text."""

from __future__ import annotations

import codecs
from pathlib import Path

from chainatlas.interchange.problems import UnreadableFile

ZIP_MAGIC = b"PK\x03\x04"
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
        head = handle.read(4)
    if head.startswith(ZIP_MAGIC):
        raise UnreadableFile.one(
            label, "是 .xlsx 工作簿（zip），不是文本文件 / is an .xlsx workbook (zip), not text: name it .xlsx"
        )
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


def _refuse_failure(label: str, failure: _Failure | None, tried: list[str]) -> None:
    if failure is None:
        return
    names = " / ".join(dict.fromkeys(NAMES[t] for t in tried))
    where = f"第 {failure.line} 行 / line {failure.line}"
    if failure.nul:
        message = f"{where}: 含有 NUL 字符（无 BOM 的 UTF-16？请另存为 UTF-8）/ holds a NUL character (UTF-16 without a byte-order mark? save it as UTF-8)"
    elif failure.at_end:
        message = (
            f"{where}: 文件在一个字符中间被截断（{names}）/ the file is cut in the middle of a character ({names})"
        )
    else:
        message = f"{where}: 字节 {failure.shown.hex(' ')} 无法按 {names} 解码 / cannot be decoded as {names} (bytes {failure.shown.hex(' ')}); save it as UTF-8"
    raise UnreadableFile.one(label, message)
