"""The briefing's editable template (产业链月报模板): the texts of one language, the section order and the cover, in
a TOML file the association edits (`briefing_templates/briefing.<lang>.toml`; docs/briefing.md lists the variables).

A broken template raises one `TemplateError` naming the file, the line and what is wrong — bad TOML, a missing
text, an unknown section or an unknown {variable} — checked when the template is loaded, before anything renders.
"""

from __future__ import annotations

import re
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chainatlas.domain.briefing import SECTIONS

TEMPLATE_DIR = Path(__file__).with_name("briefing_templates")
VARIABLES = (
    "cluster",
    "year",
    "number",
    "series",
    "period",
    "period_text",
    "as_of",
    "as_of_text",
    "audience",
    "headline",
    "targets",
    "achieved",
    "on_track",
    "at_risk",
    "off_track",
    "projects",
    "late",
    "slipping",
    "due",
    "gaps",
    "sites",
    "spofs",
    "raised",
    "cleared",
    "news",
    "fairs",
    "code",
)
"""Every {variable} a text may use (docs/briefing.md says what each holds)."""
REQUIRED = {
    "cover": ("title", "issuer", "number", "date", "audience_viewer", "audience_analyst"),
    "text": ("toc", "editorial", "source", "synthetic_note", "period_line"),
}
SECTION_KEYS = ("title", "intro")
_TOML_LINE = re.compile(r"at line (\d+)")


class TemplateError(ValueError):
    """A template that cannot be used: the code `briefing.template_invalid` with the file, line and problem."""

    code = "briefing.template_invalid"

    def __init__(self, file: str, line: int, problem: str) -> None:
        super().__init__(f"{file}, line {line}: {problem}")
        self.params: dict[str, str | int | None] = {"file": file, "line": line, "problem": problem}


@dataclass(frozen=True)
class BriefingTemplate:
    """A checked template: cover, texts, section order, section texts, labels and metric names of one language."""

    lang: str
    cover: dict[str, str]
    text: dict[str, str]
    order: tuple[str, ...]
    sections: dict[str, dict[str, str]]
    labels: dict[str, str]
    metrics: dict[str, str]


def template_path(lang: str, folder: Path | None = None) -> Path:
    """Return the template file of a language in a folder (default: the shipped templates)."""
    return (folder or TEMPLATE_DIR) / f"briefing.{lang}.toml"


def load_template(lang: str, folder: Path | None = None) -> BriefingTemplate:
    """Return the checked template of a language, or raise TemplateError naming the line at fault."""
    path = template_path(lang, folder)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateError(path.name, 0, f"cannot be read ({error.__class__.__name__})") from error
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        raise TemplateError(path.name, int(found[1]) if found else 0, f"not valid TOML: {error}") from error
    return _checked(lang, path.name, raw.splitlines(), data)


def line_of(lines: list[str], table: str, key: str | None) -> int:
    """Return the line of a key in a table (the table's header for a missing key; 1 when the table is missing)."""
    header, inside = 0, table == ""
    for number, text in enumerate(lines, start=1):
        stripped = text.strip()
        if stripped.startswith("["):
            inside = stripped.strip("[] ") == table
            header = number if inside else header
            continue
        if inside and key is not None and re.match(rf'^"?{re.escape(key)}"?\s*=', stripped):
            return number
    return header or 1


def _checked(lang: str, file: str, lines: list[str], data: dict[str, Any]) -> BriefingTemplate:
    for table, keys in REQUIRED.items():
        _require(file, lines, data, table, keys)
    order = data.get("order", {}).get("sections")
    if not isinstance(order, list) or not order:
        raise TemplateError(file, line_of(lines, "order", "sections"), "order.sections must list the sections")
    for name in order:
        if name not in SECTIONS:
            raise TemplateError(file, line_of(lines, "order", "sections"), f"unknown section {name!r}")
    sections = data.get("sections", {})
    for name in SECTIONS:
        _require(file, lines, sections, name, SECTION_KEYS, table_name=f"sections.{name}")
    labels, metrics = data.get("labels", {}), data.get("metrics", {})
    for table, values in (("cover", data["cover"]), ("text", data["text"]), ("labels", labels)):
        _check_texts(file, lines, table, values)
    for name in SECTIONS:
        _check_texts(file, lines, f"sections.{name}", sections[name])
    return BriefingTemplate(lang, data["cover"], data["text"], tuple(order), sections, labels, metrics)


def _require(
    file: str, lines: list[str], data: dict[str, Any], table: str, keys: tuple[str, ...], table_name: str = ""
) -> None:
    name = table_name or table
    values = data.get(table)
    if not isinstance(values, dict):
        raise TemplateError(file, line_of(lines, name, None), f"the table [{name}] is missing")
    for key in keys:
        if not isinstance(values.get(key), str):
            raise TemplateError(file, line_of(lines, name, None), f"[{name}] needs the text {key!r}")


def _check_texts(file: str, lines: list[str], table: str, values: dict[str, Any]) -> None:
    for key, text in values.items():
        if not isinstance(text, str):
            raise TemplateError(file, line_of(lines, table, key), f"{table}.{key} must be a text")
        problem = text_problem(text)
        if problem:
            raise TemplateError(file, line_of(lines, table, key), f"{table}.{key}: {problem}")


def text_problem(text: str) -> str | None:
    """Return what is wrong with a text's {variables}, or None."""
    try:
        fields = [name for _, name, spec, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        return f"unbalanced braces ({error})"
    for name in fields:
        if name not in VARIABLES:
            return f"unknown variable {{{name}}} (known: {', '.join(VARIABLES)})"
    return None


def fill(text: str, values: dict[str, object]) -> str:
    """Return a checked text with its variables filled in (a variable without a value reads as empty)."""
    return text.format_map({name: values.get(name, "") for name in VARIABLES})
