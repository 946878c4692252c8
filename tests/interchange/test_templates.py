"""Import templates, any file name, the kind guessed from the headers, and files that are not text.

Expected headers, lists and guesses are written out by hand from docs/interchange.md, not taken from the code.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from chainatlas.domain.kinds import KIND_BY_NAME
from chainatlas.interchange.cells import READERS
from chainatlas.interchange.columns import COLUMNS, Cell, column_named, header_map
from chainatlas.interchange.discovery import discover
from chainatlas.interchange.examples import example_cells
from chainatlas.interchange.problems import UnreadableFile
from chainatlas.interchange.read import read_rows
from chainatlas.interchange.templates import template_xlsx

ENTERPRISE_HEADERS = [
    "企业编号 (id)",
    "企业名称 (name_zh)",
    "英文名称 (name_en)",
    "统一社会信用代码 (unified_code)",
    "国家 (country)",
    "省 (province)",
    "市 (city)",
    "区县 (district)",
    "园区 (park)",
    "集群内 (in_cluster)",
    "规模 (size_class)",
    "标签 (tags)",
    "成立年份 (founded)",
    "员工数 (employees)",
    "上级集团 (parent_id)",
    "股票代码 (listed_code)",
    "出口占比 (export_share)",
    "经度 (longitude)",
    "纬度 (latitude)",
    "别名 (aliases)",
    "来源 (source)",
]


def _workbook(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def _save(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def test_the_enterprise_template_has_one_bilingual_header_row_and_an_example() -> None:
    book = _workbook(template_xlsx("enterprises"))
    assert book.sheetnames == ["企业", "说明"]
    sheet = book["企业"]
    assert [cell.value for cell in sheet[1]] == ENTERPRISE_HEADERS
    example = {header: cell.value for header, cell in zip(ENTERPRISE_HEADERS, sheet[2], strict=True)}
    assert example["企业编号 (id)"] == "E0001"
    assert example["集群内 (in_cluster)"] == "是"
    assert example["规模 (size_class)"] == "大型"
    assert example["员工数 (employees)"] == 25000  # a number, not text
    assert sheet["A1"].font.b and not sheet["C1"].font.b  # id is required, name_en optional


def test_enumerations_and_booleans_get_drop_down_lists() -> None:
    sheet = _workbook(template_xlsx("enterprises"))["企业"]
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {"J2:J2000": '"是,否"', "K2:K2000": '"大型,中型,小型,微型"'}
    nodes = _workbook(template_xlsx("chain_nodes"))["产业链环节"]
    node_lists = {str(v.sqref): v.formula1 for v in nodes.data_validations.dataValidation}
    assert node_lists == {"E2:E2000": '"上游,中游,下游,配套"', "F2:F2000": '"是,否"'}


@pytest.mark.parametrize("kind", list(COLUMNS))
def test_a_template_imports_back_unchanged_and_its_example_is_a_valid_row(kind: str, tmp_path: Path) -> None:
    """Left as it is, the template has no data row; its example row, read as data, breaks no rule."""
    path = _save(tmp_path, f"{kind}-模板.xlsx", template_xlsx(kind))
    tables, problems = discover([path])
    assert problems == [] and [t.kind for t in tables] == [kind]
    assert list(read_rows(tables[0])) == []
    spec = KIND_BY_NAME[kind]
    cells = example_cells(kind)
    assert set(cells) >= {c.name for c in COLUMNS[kind] if not c.optional}
    readers = {c.name: c.cell for c in COLUMNS[kind]}
    values = {k: v if readers[k] is Cell.TEXT else READERS[readers[k]](v) for k, v in cells.items()}
    assert spec.rules(spec.model.model_validate(values)) == []


def test_a_filled_in_template_under_an_ordinary_name_gives_its_rows(tmp_path: Path) -> None:
    book = _workbook(template_xlsx("enterprises"))
    sheet = book["企业"]
    sheet["B2"] = "三一重工（已改写的示例）"  # an edited example is data
    sheet.append(["E0099", "长沙测试机械有限公司", None, None, "中国", None, None, None, None, "否"])
    buffer = io.BytesIO()
    book.save(buffer)
    path = _save(tmp_path, "企业名单2025.xlsx", buffer.getvalue())
    tables, problems = discover([path])
    assert problems == []
    rows = list(read_rows(tables[0]))
    assert [number for number, _ in rows] == [2, 3]
    assert rows[1][1] == {"id": "E0099", "name_zh": "长沙测试机械有限公司", "country": "中国", "in_cluster": "否"}


def test_a_header_may_be_english_chinese_or_both() -> None:
    accepted = header_map("enterprises")
    for header in ("listed_code", "LISTED_CODE", "股票代码", "股票代码 (listed_code)", "股票代码（listed_code）"):
        found = column_named(accepted, header)
        assert found is not None and found.name == "listed_code", header
    assert column_named(accepted, "股票 (code)") is None


@pytest.mark.parametrize(
    ("name", "text", "kind"),
    [
        ("企业名单2025.csv", "企业编号,企业名称,国家,来源\nE1,甲,中国,synthetic\n", "enterprises"),
        ("links.csv", "supplier_id,customer_id,node_code,source\nE2,E1,U,synthetic\n", "supply_links"),
        ("名单.csv", "项目编号,项目名称,业主企业,来源\nP1,甲项目,E1,synthetic\n", "projects"),
        ("韧性.csv", "enterprise_id,source\nE1,s\n", "resilience_profiles"),
        (
            "data.json",
            '[{"brand_id": "B1", "ranking": "global_top50", "year": 2023, "rank": 5, "source": "s"}]',
            "brand_rankings",
        ),
    ],
)
def test_the_kind_is_guessed_from_the_headers(tmp_path: Path, name: str, text: str, kind: str) -> None:
    tables, problems = discover([_save(tmp_path, name, text.encode())])
    assert problems == []
    assert [t.kind for t in tables] == [kind]


@pytest.mark.parametrize(
    ("text", "code", "kinds"),
    [
        ("id,name_zh,source\nX,y,s\n", "import.kind_ambiguous", "clusters, projects, brands"),
        ("名称,数量\n甲,1\n", "import.kind_unknown", None),
    ],
)
def test_a_file_whose_headers_fit_no_kind_or_several_gets_one_problem(
    tmp_path: Path, text: str, code: str, kinds: str | None
) -> None:
    tables, problems = discover([_save(tmp_path, "上传.csv", text.encode())])
    assert tables == []
    assert [(p.file, p.code) for p in problems] == [("上传.csv", code)]
    if kinds is not None:
        assert problems[0].params["kinds"].startswith(kinds)
    assert problems[0].text("zh").startswith(("表头可能属于", "无法从文件名或表头判断"))


def test_a_chosen_kind_wins_over_the_headers(tmp_path: Path) -> None:
    path = _save(tmp_path, "上传.csv", b"id,name_zh,source\nX,y,s\n")
    tables, problems = discover([path], kind="brands")
    assert problems == [] and [t.kind for t in tables] == ["brands"]


@pytest.mark.parametrize(
    ("name", "data", "shown"),
    [
        ("截图.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "PNG"),
        ("照片.json", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        ("报告.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3", "PDF"),
        ("旧表格.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(32), "XLS/DOC (Office 97-2003)"),
        ("压缩包.csv", b"\x1f\x8b\x08\x00" + bytes(16), "GZIP"),
    ],
)
def test_a_file_that_is_not_text_gets_one_problem_saying_what_it_is(
    tmp_path: Path, name: str, data: bytes, shown: str
) -> None:
    for kind in (None, "enterprises"):  # whether the kind is guessed or chosen
        path = _save(tmp_path / str(kind), name, data)
        tables, problems = discover([path], kind=kind)
        if kind is not None:  # the chosen kind is taken unread: reading refuses the file
            with pytest.raises(UnreadableFile) as refused:
                list(read_rows(tables[0]))
            problems = refused.value.problems
        assert [(p.file, p.code, p.params) for p in problems] == [(name, "import.not_text", {"format": shown})]
        assert problems[0].text("zh") == f"不是文本文件（是 {shown} 文件）：请上传 CSV、XLSX 或 JSON 文件"


@pytest.mark.parametrize("kind", list(COLUMNS))
def test_every_optional_column_of_every_kind_may_be_absent(kind: str, tmp_path: Path) -> None:
    """A file with only the required columns reads (parent_id, listed_code, until, evidence, … all absent)."""
    required = [c.name for c in COLUMNS[kind] if not c.optional]
    cells = example_cells(kind)
    values = ",".join(f'"{cells[name]}"' for name in required)
    text = ",".join(required) + "\n\n" + values + "\n"  # in row 3: row 2 as the example would be skipped
    path = _save(tmp_path, f"{kind}.csv", text.encode())
    tables, problems = discover([path])
    assert problems == []
    seen: list[frozenset[str]] = []
    rows = list(read_rows(tables[0], seen.append))
    assert seen == [frozenset(required)]
    assert [number for number, _ in rows] == [3]


def test_the_optional_columns_the_issue_names_are_optional() -> None:
    optional = {(kind, c.name) for kind, columns in COLUMNS.items() for c in columns if c.optional}
    named = {("enterprises", "parent_id"), ("enterprises", "listed_code"), ("chain_nodes", "parent_code")}
    named |= {("supply_links", "until"), ("supply_links", "evidence"), ("fair_participants", "enterprise_id")}
    assert named <= optional


def test_the_example_row_saved_as_csv_is_skipped_too_but_only_in_row_2(tmp_path: Path) -> None:
    header = "code,parent_code,name_zh,name_en,segment,key_technology,source\n"
    example = "U.HYD.PUMP,U.HYD,液压泵,Hydraulic pumps,上游,是,湖南省工程机械产业链图谱（2023）\n"
    path = _save(tmp_path, "chain_nodes.csv", (header + example + example).encode())
    tables, _ = discover([path])
    assert [number for number, _ in read_rows(tables[0])] == [3]  # row 3 is data, whatever it holds
