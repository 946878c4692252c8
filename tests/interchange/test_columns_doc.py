"""docs/interchange.md lists every kind's columns itself, as the record models declare them (a test keeps it true);
the enterprise profile's labels are the import headers."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.fields import header_of, page_label
from chainatlas.interchange.columns import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "interchange.md"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("interchange_columns", ROOT / "scripts" / "interchange_columns.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_column_tables_match_the_models() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert _script().with_tables(text) == text, "run `python scripts/interchange_columns.py` to update the tables"


def test_every_column_of_every_kind_is_a_row_of_its_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    for kind, columns in COLUMNS.items():
        section = text.split(f"### `{kind}` ", 1)[1].split("\n### ", 1)[0]
        rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|", section, re.M)
        assert [(name, zh.strip()) for name, zh, _ in rows] == [(c.name, c.header_zh) for c in columns], kind
        assert [("required" in needed) for _, _, needed in rows] == [not c.optional for c in columns], kind


def test_the_doc_points_to_no_document_outside_the_repository() -> None:
    assert "formats/interchange.md" not in DOC.read_text(encoding="utf-8")


def test_the_enterprise_profile_labels_are_the_import_headers() -> None:
    for name in Enterprise.model_fields:
        assert page_label(Enterprise, name)[0] == header_of(Enterprise, name).zh, name
    assert page_label(Enterprise, "listed_code")[0] == "股票代码"  # by hand, as docs/interchange.md lists it
    assert page_label(Enterprise, "employees")[0] == "员工数"
