"""Find the tables of an import and tell each one's kind: chosen, from its name, or guessed from its headers.

Any ordinary file name is accepted (`企业名单2025.xlsx`): when neither the chosen kind, the file's name nor (in a
workbook) a sheet's name says the kind, it is guessed from the header row, in English or Chinese. The guess is
the one kind whose required columns the header all names and that names more of the header's columns than any
other; when no kind or several fit equally, the file gets one problem asking for the kind.
"""

from __future__ import annotations

from pathlib import Path

from chainatlas.interchange.columns import COLUMNS, KIND_NAMES_ZH, column_named, header_map
from chainatlas.interchange.problems import RowProblem, UnreadableFile
from chainatlas.interchange.read import SourceFile, read_header
from chainatlas.interchange.workbooks import check_workbook, workbook_errors

FORMATS = (".csv", ".xlsx", ".json")


def kind_of_name(stem: str) -> str | None:
    """Return the kind a file or sheet name stands for (English or Chinese), if any."""
    name = stem.strip().lower().replace("-", "_").replace(" ", "_")
    if name in COLUMNS:
        return name
    return KIND_NAMES_ZH.get(stem.strip())


def kinds_fitting(header: list[str]) -> list[tuple[int, str]]:
    """Return (columns named, kind) for every kind whose required columns the header all names, best first."""
    fitting = []
    for kind, columns in COLUMNS.items():
        accepted = header_map(kind)
        named = {found.name for text in header if (found := column_named(accepted, text)) is not None}
        required = {column.name for column in columns if not column.optional}
        if named and required <= named:
            fitting.append((len(named), kind))
    return sorted(fitting, key=lambda fit: -fit[0])


def guess_kind(header: list[str], label: str) -> str:
    """Return the kind a header row names; raise UnreadableFile (one problem naming the file) when it does not."""
    fitting = kinds_fitting(header)
    if not fitting:
        raise UnreadableFile.coded(label, "import.kind_unknown")
    best = [kind for named, kind in fitting if named == fitting[0][0]]
    if len(best) > 1:
        raise UnreadableFile.coded(label, "import.kind_ambiguous", kinds=", ".join(best))
    return best[0]


def discover(paths: list[Path], kind: str | None = None) -> tuple[list[SourceFile], list[RowProblem]]:
    """Return the tables under the given files and folders, and a problem for each unusable one."""
    found: list[SourceFile] = []
    problems: list[RowProblem] = []
    for path in paths:
        if not path.exists():
            problems.append(RowProblem.coded(str(path), "import.no_such_path"))
            continue
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in FORMATS) if path.is_dir() else [path]
        if path.is_dir() and not files:
            problems.append(RowProblem.coded(str(path), "import.empty_folder"))
        for file in files:
            try:
                found.extend(_tables(file, kind))
            except UnreadableFile as error:
                problems.extend(error.problems)
    return found, problems


def _tables(file: Path, kind: str | None) -> list[SourceFile]:
    suffix = file.suffix.lower()
    if suffix not in FORMATS:
        raise UnreadableFile.coded(file.name, "import.bad_format")
    file_kind = kind or kind_of_name(file.stem)
    if file_kind is not None:
        return [SourceFile(file, file_kind)]
    if suffix == ".xlsx":
        named = _sheets_named_after_kinds(file)
        if named:
            return named
    return [SourceFile(file, guess_kind(read_header(file, file.name), file.name))]


def _sheets_named_after_kinds(file: Path) -> list[SourceFile]:
    from openpyxl import load_workbook

    check_workbook(file, file.name)
    with workbook_errors(file.name):
        workbook = load_workbook(file, read_only=True)
        try:
            return [SourceFile(file, k, sheet) for sheet in workbook.sheetnames if (k := kind_of_name(sheet))]
        finally:
            workbook.close()
