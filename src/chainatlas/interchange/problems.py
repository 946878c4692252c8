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

    @classmethod
    def coded(
        cls,
        file: str,
        code: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        **params: str | int | float | None,
    ) -> RowProblem:
        """Return the problem of a message code; `message` holds its English text (logs, tests, old readers)."""
        return cls(file, row, column, value, message_text(code, params, "en"), code, params)

    def text(self, lang: Lang) -> str:
        """Return the message in `lang` (a problem without a code has only its one text)."""
        return message_text(self.code, self.params, lang) if self.code else self.message

    def as_text(self, lang: Lang = "en") -> str:
        """Return the problem as one line a person can act on, in `lang`."""
        shown = "" if self.value in (None, "") else f"{self.value}: "
        if lang == "zh":
            where = self.file if self.row is None else f"{self.file} 第 {self.row} 行"
            where += f"，列 `{self.column}`" if self.column else ""
            return f"{where}：{shown}{self.text(lang)}"
        where = self.file if self.row is None else f"{self.file} row {self.row}"
        if self.column:
            where += f", column `{self.column}`"
        return f"{where}: {shown}{self.text(lang)}"

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

    @classmethod
    def coded(
        cls, file: str, code: str, *, row: int | None = None, column: str | None = None, **params: str | int | None
    ) -> Self:
        """Return the error of a file with one problem of a message code."""
        return cls([RowProblem(file, row, column, None, message_text(code, params, "en"), code, dict(params))])
