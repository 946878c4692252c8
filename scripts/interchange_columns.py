"""Write the column tables of docs/interchange.md from the kinds' field metadata (a test checks they match).

Run `python scripts/interchange_columns.py` after changing a kind's fields; the text between the markers
`<!-- columns:begin -->` and `<!-- columns:end -->` is replaced.
"""

from __future__ import annotations

import sys
from pathlib import Path

from chainatlas.domain.kinds import KINDS
from chainatlas.interchange.columns import COLUMNS, Cell, Column
from chainatlas.interchange.templates import choice_pairs

DOC = Path(__file__).resolve().parents[1] / "docs" / "interchange.md"
BEGIN, END = "<!-- columns:begin -->", "<!-- columns:end -->"
HOLDS = {
    Cell.TEXT: "text",
    Cell.BOOL: "是/否 (true/false, 1/0)",
    Cell.LIST: "list (`;` `；` `,` `，` `、`)",
    Cell.DECIMAL: "number (exact decimal)",
    Cell.INT: "whole number",
    Cell.FLOAT: "number",
    Cell.DATE: "date YYYY-MM-DD",
    Cell.COUNTRY: "country: ISO code or Chinese name (CN, 中国)",
}


def _holds(column: Column) -> str:
    pairs = choice_pairs(column.cell)
    if column.cell is Cell.BOOL or not pairs:
        return HOLDS[column.cell]
    return ", ".join(f"{word} `{value}`" for word, value in pairs)


def column_tables() -> str:
    """Return the Markdown tables of every kind's columns, in export order."""
    parts = []
    for spec in KINDS:
        key = ", ".join(f"`{name}`" for name in spec.key)
        lines = [
            f"### `{spec.name}` {spec.label_zh}",
            "",
            f"Key: {key}.",
            "",
            "| column | 中文表头 | required | holds |",
            "|---|---|---|---|",
        ]
        for column in COLUMNS[spec.name]:
            needed = "optional" if column.optional else "**required**"
            lines.append(f"| `{column.name}` | {column.header_zh} | {needed} | {_holds(column)} |")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def with_tables(text: str) -> str:
    """Return the document's text with the generated tables between the markers."""
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{column_tables()}\n\n{END}{tail}"


def main() -> int:
    """Rewrite the tables in docs/interchange.md; return 1 when they changed."""
    before = DOC.read_text(encoding="utf-8")
    after = with_tables(before)
    DOC.write_text(after, encoding="utf-8")
    return int(after != before)


if __name__ == "__main__":
    sys.exit(main())
