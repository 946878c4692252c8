"""Save uploaded files for an import: names checked, sizes capped while streaming, each in a folder of its own."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from chainatlas.interchange.problems import UnreadableFile

MAX_NAME_BYTES = 255
CHUNK = 1 << 20
DEFAULT_LIMIT_MB = 200


class UploadTooLarge(UnreadableFile):
    """An upload larger than the limit (answered 413, not 422)."""


def name_problem(name: str) -> str | None:
    """Return the message code of why an upload's name is not a file name (empty, `.`, `..`, a path, a NUL, over
    255 bytes), or None."""
    if not name.strip() or name.strip() in {".", ".."}:
        return "upload.not_a_name"
    if any(ch in name for ch in "/\\") or any(ord(ch) < 32 for ch in name):
        return "upload.name_has_path"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return "upload.name_too_long"
    return None


def shown_name(name: str) -> str:
    """Return an upload's name as problems show it (cut short, control characters escaped)."""
    text = name.encode("unicode_escape").decode("ascii") if any(ord(ch) < 32 for ch in name) else name
    return text if len(text) <= 80 else text[:77] + "…"


def save_uploads(folder: Path, uploads: list[tuple[str, BinaryIO]], *, limit_mb: int) -> list[Path]:
    """Save (name, stream) uploads with save_upload and return their paths."""
    return [save_upload(folder, i, name, stream, limit_mb=limit_mb) for i, (name, stream) in enumerate(uploads)]


def save_upload(folder: Path, index: int, name: str, stream: BinaryIO, *, limit_mb: int) -> Path:
    """Copy one upload into its own sub-folder (same-named uploads never overwrite each other), at most limit_mb MB.

    Raises UnreadableFile when the name is not a file name or the file is larger than the limit.
    """
    code = name_problem(name)
    if code is not None:
        raise UnreadableFile.coded(shown_name(name), code, limit=MAX_NAME_BYTES)
    target = folder / str(index)
    target.mkdir()
    path = target / name
    written = 0
    with path.open("wb") as handle:
        while chunk := stream.read(CHUNK):
            written += len(chunk)
            if written > limit_mb << 20:
                raise UploadTooLarge.one(name, too_large_message(limit_mb))
            handle.write(chunk)
    return path


def too_large_message(limit_mb: int) -> str:
    """Return the problem of an upload over the size limit."""
    return (
        f"超过上传上限 {limit_mb} MB（更大的文件请在命令行用 `chainatlas import` 导入，展会报名用 `chainatlas fair import`）/ "
        f"is larger than the upload limit of {limit_mb} MB; import it from the command line instead "
        "(`chainatlas import`, or `chainatlas fair import` for a fair's registrations)"
    )
