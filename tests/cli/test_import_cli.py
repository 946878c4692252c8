"""`chainatlas template` and `chainatlas import` as people use them: any file name, `--kind`, absent columns,
refused imports counting 0, files that are not text (exit 3), messages in Chinese when LANG says so."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from tests.conftest import Cli
from tests.factories import ENTERPRISES, write_basic, write_csv
from typer.testing import CliRunner

from chainatlas.cli.main import app

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def test_template_writes_the_kinds_workbook(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    code, stdout, _ = cli("template", "supply_links", "--out", str(out), "--json")
    assert code == 0, stdout
    assert json.loads(stdout)["file"] == str(out)
    sheet = load_workbook(out)["供应关系"]
    assert [c.value for c in sheet[1]][:3] == ["供应商 (supplier_id)", "客户 (customer_id)", "环节编码 (node_code)"]


def test_template_of_an_unknown_kind_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    code, _, stderr = cli("template", "widgets", "--out", str(tmp_path / "x.xlsx"))
    assert code == 2
    assert "widgets" in stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_any_file_name_with_kind_reports_its_absent_columns(cli: Cli, tmp_path: Path) -> None:
    assert cli("import", str(write_basic(tmp_path / "basic")))[0] == 0
    folder = tmp_path / "later"
    folder.mkdir()
    headers = ["id", "name_zh", "country", "in_cluster", "tags", "source"]
    path = write_csv(folder / "企业名单2025.csv", "enterprises", ENTERPRISES, headers=headers)
    code, stdout, _ = cli("import", str(path), "--kind", "enterprises", "--json")
    assert code == 0, stdout
    report = json.loads(stdout)
    absent = ["name_en", "unified_code", "province", "city", "district", "park", "size_class", "founded"]
    absent += ["employees", "parent_id", "listed_code", "export_share", "longitude", "latitude", "aliases"]  # by hand
    assert [(f["file"], f["kind"], f["absent_columns"]) for f in report["files"]] == [
        ("企业名单2025.csv", "enterprises", absent)
    ]
    assert report["counts"] == {"enterprises": {"added": 0, "updated": 0, "unchanged": 3}}  # city, codes kept


def test_a_refused_import_reports_zero_counts_and_every_problem(cli: Cli, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    bad = [{**ENTERPRISES[0], "in_cluster": "也许"}, *ENTERPRISES[1:]]
    write_csv(folder / "enterprises.csv", "enterprises", bad)
    code, stdout, _ = cli("import", str(folder), "--json")
    assert code == 3
    report = json.loads(stdout)
    zero = {"added": 0, "updated": 0, "unchanged": 0}
    assert report["counts"] == {"chain_nodes": zero, "enterprises": zero, "supply_links": zero}
    assert [(p["file"], p["row"], p["column"]) for p in report["problems"]] == [("enterprises.csv", 2, "in_cluster")]
    assert report["ok"] is False and report["batch_id"] is None


def test_a_png_renamed_csv_exits_3_with_one_problem(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "企业名单.csv"
    path.write_bytes(PNG)
    code, stdout, _ = cli("import", str(path), "--json")
    assert code == 3
    report = json.loads(stdout)
    assert [(p["file"], p["code"], p["params"]) for p in report["problems"]] == [
        ("企业名单.csv", "import.not_text", {"format": "PNG"})
    ]
    assert cli("stats", "--json")[1].count('"enterprises": 0') == 1


def test_problems_are_in_chinese_when_lang_is_chinese(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "截图.csv"
    path.write_bytes(PNG)
    env = {"CHAINATLAS_USER": None, "LANG": "zh_CN.UTF-8", "LC_ALL": None}
    result = CliRunner().invoke(app, ["--db", db_url, "import", str(path)], env=env, catch_exceptions=False)
    assert result.exit_code == 3
    assert "发现 1 个问题，未写入任何数据。" in result.stdout
    assert "截图.csv：不是文本文件（是 PNG 文件）" in result.stdout
    english = CliRunner().invoke(app, ["--db", db_url, "import", str(path)], env={**env, "LANG": "en_US.UTF-8"})
    assert "截图.csv: is not a text file (it is a PNG file)" in english.stdout
