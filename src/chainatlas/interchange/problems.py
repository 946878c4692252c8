"""The row-level problem report every import produces."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Self

from chainatlas.domain.messages import Lang, message_text


@dataclass(frozen=True)
class RowProblem:
    """One problem in an input file: where it is, what the cell held, and what is wrong."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    message: str
    code: str = ""
    params: dict[str, str | int | float | None] = field(default_factory=dict, compare=False)

    def text(self, lang: Lang) -> str:
        """Return the message in `lang` (a problem without a code has only its one text)."""
        return message_text(self.code, self.params, lang) if self.code else self.message

    def as_text(self) -> str:
        """Return the problem as one line a person can act on."""
        where = self.file if self.row is None else f"{self.file} row {self.row}"
        if self.column:
            where += f", column `{self.column}`"
        shown = "" if self.value in (None, "") else f"{self.value}: "
        return f"{where}: {shown}{self.message}"

    def as_dict(self) -> dict[str, Any]:
        """Return the problem as a JSON-ready mapping."""
        return asdict(self)


class UnreadableFile(Exception):
    """A file (or table) that cannot be read at all; the problems say why and where."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(problems[0].message)
        self.problems = problems

    @classmethod
    def one(cls, file: str, message: str, *, row: int | None = None, column: str | None = None) -> Self:
        """Return the error of a file with one problem."""
        return cls([RowProblem(file, row, column, None, message)])
