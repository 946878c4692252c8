"""ChainKnowledgeGraph slice import: cleaning, matching, mapping, idempotence, audit, exit codes.

The slice is real, unlicensed data: it is read from shared/data/chainkg-construction-machinery/ beside the checkout (tests/shared_data.py) and
never copied into the repository. Every expected number below is counted by hand from those files
(line numbers are 1-based) and from the demo taxonomy and the synonym table.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.conftest import Cli
from tests.shared_data import shared

from chainatlas.domain.enterprise import Enterprise
from chainatlas.interchange.chainkg_clean import (
    clean_product_name,
    clean_weight,
    company_name,
    name_keys,
    normalise_listed_code,
    not_a_product,
    provenance,
)
from chainatlas.services.chainkg import run_chainkg_import
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.records import create_record, get_record
from chainatlas.store.chain import ChainExtrasRepository
from chainatlas.store.history import HistoryRepository
from chainatlas.store.rows import EnterpriseNodeRow, EnterpriseProductRow, EnterpriseRow, NodeRelationRow

SLICE = shared("chainkg-construction-machinery")
needs_slice = pytest.mark.skipif(
    not SLICE.is_dir(), reason=f"the ChainKnowledgeGraph slice (no licence, not in the repo) is not at {SLICE}"
)
DEMO_ENTERPRISES = 381  # 375 before the demo had a second cluster with 6 firms of its own
KG = "ChainKnowledgeGraph (liuhuanyong/ChainKnowledgeGraph@4ea9154, "
DUMP = "ChainKnowledgeGraph (SOVLOOKUP/ChainKnowledgeGraph-sql@9587d88, "


def run(cli: Cli, folder: Path, *flags: str) -> dict[str, Any]:
    code, out, err = cli("import-chainkg", str(folder), "--json", *flags)
    assert code == 0, err
    report: dict[str, Any] = json.loads(out)
    return report


def demo_then_import(cli: Cli, folder: Path = SLICE) -> dict[str, Any]:
    assert cli("demo")[0] == 0
    return run(cli, folder)


def count(session: Session, column: Any) -> int:
    return int(session.scalar(select(func.count(column))) or 0)


def src_of(file: str, row: int, folder: Path = SLICE) -> str:
    line = (folder / file).read_text(encoding="utf-8").splitlines()[row - 1]
    src: str = json.loads(line)["_src"]
    return src


# --- pure normalisers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code", "noted"),
    [
        ("600031.SH", "600031.SH", False),
        ("600031SH", "600031.SH", False),  # the dump's form
        ("300957.sz", "300957.SZ", True),  # lower case, as in company_industry.json:2949 upstream
        ("688425", "688425.SH", True),  # bare: 68 → Shanghai (STAR)
        ("605305", "605305.SH", True),  # 60 → Shanghai
        ("000157", "000157.SZ", True),  # 00 → Shenzhen
        ("300201", "300201.SZ", True),  # 30 → Shenzhen (ChiNext)
        ("200012", "200012.SZ", True),  # 20 → Shenzhen B share
        ("900901", "900901.SH", True),  # 90 → Shanghai B share
        ("830799", "830799.BJ", True),  # 8x → Beijing
        ("430047", "430047.BJ", True),  # 4x → Beijing
        (" ６０００３１.SH ", "600031.SH", False),  # full-width digits and spaces
    ],
)
def test_listed_codes_are_normalised(raw: str, code: str, noted: bool) -> None:
    normalised, note = normalise_listed_code(raw)
    assert normalised == code
    assert (note is not None) == noted


@pytest.mark.parametrize("raw", ["", "60003", "6000311", "600031.HK", "ABCDEF", "100001"])
def test_what_is_not_a_mainland_listed_code_is_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        normalise_listed_code(raw)


def test_company_names_lose_st_prefixes_and_spaces() -> None:
    assert company_name("*ST厦工") == "厦工"
    assert company_name("ST宏盛") == "宏盛"
    assert company_name("S*ST前锋") == "前锋"
    assert company_name("＊ST厦工") == "厦工"
    assert company_name("STAR Holdings") == "STAR Holdings"  # a Latin word starting with ST is a name
    assert company_name(" 三一 重工\n") == "三一重工"
    assert company_name("Caterpillar  Inc.") == "Caterpillar Inc."


def test_name_keys_match_short_names_full_names_and_full_width_forms() -> None:
    assert name_keys("三一重工") & name_keys("三一重工股份有限公司")
    assert name_keys("中际联合(北京)科技股份有限公司") & name_keys("中际联合（北京）科技股份有限公司")
    assert name_keys("*ST厦工") & name_keys("厦工")
    assert not name_keys("三一重工") & name_keys("三一集团有限公司")
    assert not name_keys("宏盛科技") & name_keys("ST宏盛")  # name drift is resolved by the code, not by names


def test_product_names_are_cleaned_and_every_fix_noted() -> None:
    assert clean_product_name(".起重机械") == ("起重机械", ["punctuation stripped from '.起重机械'"])
    assert clean_product_name("光纤复合\n架空地线")[0] == "光纤复合架空地线"
    assert clean_product_name("光纤复合\n架空地线")[1] == ["line breaks or spaces inside the name removed"]
    assert clean_product_name("《液压件》")[0] == "《液压件》"  # paired brackets stay
    assert clean_product_name("多功能店里抢修平台")[0] == "多功能电力抢修平台"
    assert clean_product_name("挖掘机") == ("挖掘机", [])


def test_line_items_and_fragments_are_not_products() -> None:
    for name in ("分部间抵销", "平衡项目", "调整项目", "资金占用", "工程机械分部", "汽车内饰分部"):
        assert (not_a_product(name) or "").startswith("accounting line item")
    for name in ("以自有资金", "含光伏", "新品", "总包", "节能", "劳务", "环保机械等产品", "机电成套设备等", "x", ""):
        assert (not_a_product(name) or "").startswith("fragment")
    for name in ("挖掘机", "液压油缸", "节能锅炉", "含油轴承"):
        assert not_a_product(name) is None


def test_weights_that_are_not_revenue_shares_become_none() -> None:
    assert clean_weight(0.572516) == (0.572516, None)
    assert clean_weight(1.0) == (1.0, None)
    assert clean_weight(None) == (None, None)
    for raw in (0.001, 0.0, -0.029978, 1.5, "0.3", True, float("nan")):
        weight, note = clean_weight(raw)
        assert weight is None and note is not None
    assert "placeholder" in (clean_weight(0.001)[1] or "")


def test_provenance_names_the_upstream_repository_of_each_source_file() -> None:
    assert provenance("company.json:4641", "companies.jsonl", 22) == KG + "company.json:4641)"
    assert provenance("data.sql:111332", "company_product.jsonl", 1) == DUMP + "data.sql:111332)"
    assert provenance(None, "companies.jsonl", 7) == "ChainKnowledgeGraph slice (companies.jsonl:7)"


# --- the real slice on top of the demo registry -------------------------------------------------------

# company_product.jsonl (286 lines) drops 42 rows:
#   18 exact duplicates: lines 89–106 repeat lines 1–18 (600817SH's revenue rows, twice in the dump);
#   16 accounting line items (not counting the duplicates): 3 机械设备分部, 8 环卫服务分部, 12 汽车内饰分部,
#      16 资金占用, 18 分部间抵销, 24 平衡项目, 57 平衡项目, 58 分部间抵销, 85 调整项目, 120 分部间抵销,
#      131 工程机械分部, 137 销售分部, 163 调整项目, 164 平衡项目, 201 平衡项目, 202 分部间抵销;
#   8 fragments: 13 劳务, 76 含光伏, 77 节能, 80 总包, 157 新品, 207 以自有资金, 217 环保机械等产品, 261 机电成套设备等.
DUPLICATES = set(range(89, 107))
LINE_ITEMS = {3, 8, 12, 16, 18, 24, 57, 58, 85, 120, 131, 137, 163, 164, 201, 202}
FRAGMENTS = {13, 76, 77, 80, 157, 207, 217, 261}
# It repairs 83 of the 244 kept rows: the 5 leading-dot names of 000425SZ (171 .起重机械, 172 .铲运机械,
# 173 .混凝土机械, 175 .压实机械, 178 .路面机械) and the 81 − 3 = 78 kept rows whose weight is the 0.001
# placeholder (207, 217 and 261 are placeholders but fragments); 274 (typo 店里 → 电力) is one of the 78.
# companies.jsonl (22 lines): line 10 repeats code 600817.SH (line 3 kept); lines 1 (688425), 2 (605305) and
# 22 (688078) have bare codes, and 22 is the misaligned 龙软科技 row: 3 repaired.
# product_upstream.jsonl (280 lines): line 126 is the self-loop 静脉物流 → 静脉物流; the 18 lines whose two
# ends map to different nodes (demo taxonomy + synonyms) are listed in RELATIONS; the other 261 are unmapped.
EDGE_ROWS = {7, 18, 26, 28, 43, 61, 67, 99, 100, 109, 164, 172, 173, 239, 246, 247, 271, 273}
# material node → product node, and the product_upstream lines that give it:
RELATIONS = {
    ("U.TRN.GEARBOX", "U.TRN"),  # 7 传动系 → 变速器
    ("U.STR.ATT", "M.EXC"),  # 18 刨铲挖掘机 → 铲斗
    ("U.TRN", "M.CON.MIXER"),  # 26 混凝土搅拌车 → 传动系
    ("U.TRN", "M.EXC"),  # 28 挖掘机械 → 传动装置
    ("U.UND.CHASSIS", "M.CRN.CRAWLER"),  # 43 履带式起重机 → 底盘
    ("U.STR.BOOM", "M.EXC"),  # 61 正铲挖掘机 → 动臂
    ("U.ENG", "M.EXC"),  # 67 挖掘机械 → 动力装置
    ("U.UND", "M.EXC"),  # 100 挖掘机械 → 行走装置, and 99 斗轮式挖掘机 → 行走装置
    ("U.STR.FRAME", "M.EXC"),  # 109 刨铲挖掘机 → 回转平台, and 273 斗轮式挖掘机 → 转台
    ("U.UND.TRACK", "M.EXC"),  # 164 正铲挖掘机 → 履带行走装置
    ("U.STL.WEAR", "U.STR.ATT"),  # 172 挖掘机铲斗 → 锰钢, and 173 挖掘机抓木器 → 锰钢
    ("U.HYD.PUMP", "U.HYD"),  # 239 工程机械液压系统 → 液压泵装置
    ("U.HYD", "M.CON.MIXER"),  # 246 混凝土搅拌车 → 液压系统
    ("U.HYD.CYL", "U.STR.ATT"),  # 247 液压抓斗 → 液压油缸
    ("U.BRG", "U.HYD.MOTOR"),  # 271 BM液压马达 → 轴承
}
# Companies: company_industry.jsonl names 22 codes; companies.jsonl adds one more (688078 龙软科技) = 23.
# Four are in the demo: 600031.SH E0001 三一重工, 000157.SZ E0002, 688425.SH E0003, 002097.SZ E0004; 19 are new.
MATCHED = {"600031.SH": "E0001", "000157.SZ": "E0002", "688425.SH": "E0003", "002097.SZ": "E0004"}


@needs_slice
def test_the_report_counts_every_row_read(cli: Cli) -> None:
    report = demo_then_import(cli)
    # 22 + 22 + 286 + 280 lines; dropped 1 + 0 + 42 + 262; repaired 3 + 0 + 83 + 0.
    assert (report["read"], report["kept"], report["repaired"]) == (610, 305, 86)
    assert len(report["dropped"]) == report["read"] - report["kept"] == 305
    assert report["files"] == {
        "company_industry.jsonl": {"read": 22, "kept": 22, "repaired": 0, "dropped": 0},
        "companies.jsonl": {"read": 22, "kept": 21, "repaired": 3, "dropped": 1},
        "company_product.jsonl": {"read": 286, "kept": 244, "repaired": 83, "dropped": 42},
        "product_upstream.jsonl": {"read": 280, "kept": 18, "repaired": 0, "dropped": 262},
    }
    assert all(set(d) == {"file", "row", "reason"} and d["row"] >= 1 for d in report["dropped"])
    assert "product_subclass.jsonl" in report["ignored_files"]


@needs_slice
def test_companies_are_merged_not_duplicated(cli: Cli, session: Session) -> None:
    report = demo_then_import(cli)
    assert {k: report["companies"][k] for k in ("matched", "created", "filled")} == {
        "matched": 4,
        "created": 19,
        "filled": 0,
    }
    assert {code: report["companies"]["ids"][code] for code in MATCHED} == MATCHED
    assert count(session, EnterpriseRow.id) == DEMO_ENTERPRISES + 19
    assert count(session, EnterpriseRow.id) == DEMO_ENTERPRISES + 23 - len(MATCHED)
    hongsheng = session.scalars(select(EnterpriseRow).where(EnterpriseRow.listed_code == "600817.SH")).all()
    assert [(e.id, e.name_zh) for e in hongsheng] == [("KG-600817.SH", "宏盛科技")]  # company_industry's name
    assert hongsheng[0].source == KG + "company.json:787)"
    as_read = get_record(session, kind="enterprises", key=("KG-600817.SH",))  # in_cluster: the default cluster's
    assert (as_read.in_cluster, as_read.country) == (False, "CN")
    changling = session.get(EnterpriseRow, "KG-605389.SH")  # only in company_industry.jsonl
    assert changling is not None and changling.source == KG + "company_industry.json:1441)"


@needs_slice
def test_the_misaligned_row_stays_with_its_code_and_does_not_touch_sany(cli: Cli, session: Session) -> None:
    assert cli("demo")[0] == 0
    sany_before = get_record(session, kind="enterprises", key=("E0001",))
    session.rollback()
    report = run(cli, SLICE)
    assert get_record(session, kind="enterprises", key=("E0001",)) == sany_before
    assert not [c for c in HistoryRepository(session).changes(limit=10_000) if c.record_key == "E0001"]
    longruan = session.get(EnterpriseRow, "KG-688078.SH")
    assert longruan is not None and (longruan.name_zh, longruan.listed_code) == ("龙软科技", "688078.SH")
    assert longruan.source == KG + "company.json:4641)"
    notes = [r["note"] for r in report["repairs"] if (r["file"], r["row"]) == ("companies.jsonl", 22)]
    assert any("三一重工股份有限公司" in note and "600031.SH" in note for note in notes)


@needs_slice
def test_product_rows_are_dropped_mapped_or_kept_as_text(cli: Cli, session: Session) -> None:
    report = demo_then_import(cli)
    dropped = {d["row"]: d["reason"] for d in report["dropped"] if d["file"] == "company_product.jsonl"}
    assert set(dropped) == DUPLICATES | LINE_ITEMS | FRAGMENTS
    assert all(dropped[row].startswith("duplicate row") for row in DUPLICATES)
    assert all(dropped[row].startswith("accounting line item") for row in LINE_ITEMS)
    assert all(dropped[row].startswith("fragment") for row in FRAGMENTS)
    # 84 kept rows map to a node (64 distinct enterprise × node pairs, none in the demo); 244 − 84 = 160 stay
    # text, all distinct per enterprise. Per company (rows mapped / distinct nodes): 000157 5/5, 000425 9/9,
    # 000528 3/3, 000680 3/3, 002097 5/5, 002272 2/2, 300201 3/3, 300718 6/1 (all bearings → U.BRG),
    # 600375 7/7, 600761 3/3, 600815 2/2, 600817 2/2, 600984 8/6, 601100 11/5, 603298 1/1, 603338 6/3,
    # 603611 0/0, 603638 8/4.
    assert report["products"] == {
        "mapped": 84,
        "enterprise_nodes_added": 64,
        "as_text": 160,
        "text_added": 160,
        "dropped": 42,
    }
    crane = session.scalars(
        select(EnterpriseNodeRow).where(
            EnterpriseNodeRow.enterprise_id == "KG-000425.SZ", EnterpriseNodeRow.node_code == "M.CRN"
        )
    ).one_or_none()
    assert crane is not None and crane.source == DUMP + src_of("company_product.jsonl", 171) + ")"  # .起重机械
    assert crane.annual_output_cny is None
    zoomlion = session.scalars(
        select(EnterpriseNodeRow.node_code).where(
            EnterpriseNodeRow.enterprise_id == "E0002", EnterpriseNodeRow.source.like("ChainKnowledgeGraph%")
        )
    ).all()
    # 121 混凝土机械, 122 起重机械, 127 桩工机械, 128 融资租赁 (exact names); 252 消防车辆及其专用底盘 (synonym)
    assert sorted(zoomlion) == ["D.FIN", "M.CON", "M.CRN", "M.FIRE", "M.PIL"]
    texts = {name: weight for name, weight, _src in ChainExtrasRepository(session).products_of("KG-600817.SH")}
    assert texts["旅游餐饮服务"] == 1.0 and texts["城市公园管理"] is None  # 0.001 placeholder → none
    assert "多功能电力抢修平台" in {n for n, _w, _s in ChainExtrasRepository(session).products_of("KG-603611.SH")}
    assert count(session, EnterpriseProductRow.id) == 160


@needs_slice
def test_relations_come_only_from_upstream_edges_between_mapped_products(cli: Cli, session: Session) -> None:
    report = demo_then_import(cli)
    kept = {d["row"] for d in report["dropped"] if d["file"] == "product_upstream.jsonl"} ^ set(range(1, 281))
    assert kept == EDGE_ROWS
    reasons = {d["row"]: d["reason"] for d in report["dropped"] if d["file"] == "product_upstream.jsonl"}
    assert reasons[126].startswith("self-loop") and reasons[123].startswith("unmapped")  # 路面 → 较高稳定性
    assert report["relations"] == {"edges_kept": 18, "added": 15}
    rows = session.execute(
        select(NodeRelationRow.from_code, NodeRelationRow.to_code, NodeRelationRow.kind, NodeRelationRow.source)
    ).all()
    assert {(r.from_code, r.to_code) for r in rows} == RELATIONS and {r.kind for r in rows} == {"upstream"}
    upstream_sources = {DUMP + src_of("product_upstream.jsonl", row) + ")" for row in EDGE_ROWS}
    assert {r.source for r in rows} <= upstream_sources


@needs_slice
def test_every_write_is_audited_and_a_second_run_adds_nothing(cli: Cli, session: Session) -> None:
    demo_then_import(cli)
    changes = [c for c in HistoryRepository(session).changes(limit=10_000) if c.via == "import" and c.batch_id is None]
    assert sorted({(c.kind, c.action) for c in changes}) == [
        ("clusters", "delete"),  # the demo command drops the migration's empty placeholder cluster
        ("enterprise_nodes", "create"),
        ("enterprise_products", "create"),
        ("enterprises", "create"),
        ("node_relations", "create"),
    ]
    assert sum(c.kind == "enterprises" for c in changes) == 19
    assert sum(c.kind == "enterprise_nodes" for c in changes) == 64
    assert sum(c.kind == "enterprise_products" for c in changes) == 160  # the products kept as text
    assert sum(c.kind == "node_relations" for c in changes) == 15
    tables = (EnterpriseRow.id, EnterpriseNodeRow.enterprise_id, EnterpriseProductRow.id, NodeRelationRow.id)
    before = [count(session, column) for column in tables]
    history_before = len(HistoryRepository(session).changes(limit=10_000))
    session.rollback()
    again = run(cli, SLICE)
    assert (again["read"], again["kept"], again["repaired"]) == (610, 305, 86)
    assert again["companies"]["matched"] == 23 and again["companies"]["created"] == 0
    assert again["products"]["enterprise_nodes_added"] == again["products"]["text_added"] == 0
    assert again["relations"]["added"] == 0
    assert [count(session, column) for column in tables] == before
    assert len(HistoryRepository(session).changes(limit=10_000)) == history_before


@needs_slice
def test_a_dry_run_reports_the_same_and_writes_nothing(cli: Cli, session: Session) -> None:
    assert cli("demo")[0] == 0
    report = run(cli, SLICE, "--dry-run")
    assert report["dry_run"] is True
    assert (report["kept"], report["companies"]["created"], report["relations"]["added"]) == (305, 19, 15)
    assert report["products"]["enterprise_nodes_added"] == 64
    assert count(session, EnterpriseRow.id) == DEMO_ENTERPRISES
    assert count(session, NodeRelationRow.id) == count(session, EnterpriseProductRow.id) == 0


def copy_slice(target: Path) -> Path:
    target.mkdir()
    for path in SLICE.glob("*.jsonl"):
        (target / path.name).write_bytes(path.read_bytes())
    return target


@needs_slice
def test_a_malformed_line_is_dropped_with_its_file_and_row(cli: Cli, tmp_path: Path) -> None:
    folder = copy_slice(tmp_path / "slice")
    products = folder / "company_product.jsonl"
    lines = products.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[18] = '{"company_code": "300718SZ", "product_name": "金属塑料聚\n'  # line 19, cut short
    products.write_text("".join(lines), encoding="utf-8")
    report = demo_then_import(cli, folder)
    broken = [d for d in report["dropped"] if (d["file"], d["row"]) == ("company_product.jsonl", 19)]
    assert len(broken) == 1 and broken[0]["reason"].startswith("malformed JSON")
    # Line 19 was kept before (a bearing, mapped to U.BRG): one row fewer kept, one fewer mapped.
    assert (report["read"], report["kept"]) == (610, 304)
    assert report["products"]["mapped"] == 83


def test_a_folder_without_slice_files_exits_3(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _out, err = cli("import-chainkg", str(tmp_path / "empty"))
    assert code == 3 and "companies.jsonl" in err
    assert cli("import-chainkg", str(tmp_path / "missing"))[0] == 3


def test_nothing_usable_exits_1_and_writes_nothing(cli: Cli, session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "companies.jsonl").write_text('not json\n[1, 2]\n{"name": "x", "code": "12"}\n', encoding="utf-8")
    code, out, _err = cli("import-chainkg", str(folder), "--json")
    assert code == 1
    report = json.loads(out)
    assert (report["read"], report["kept"]) == (3, 0)
    assert [(d["row"], d["reason"].split(":")[0]) for d in report["dropped"]] == [
        (1, "malformed JSON"),
        (2, "malformed JSON"),
        (3, "bad code"),
    ]
    assert count(session, EnterpriseRow.id) == 0


@needs_slice
def test_a_company_is_matched_by_name_when_the_registry_has_no_code(session: Session) -> None:
    ctx = WriteContext(actor="analyst1", via=Via.IMPORT, at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    # 恒立液压 under its full name, without a listed code: the slice's 601100.SH merges into it and fills the code.
    create_record(
        session,
        ctx,
        kind="enterprises",
        data={"id": "X1", "name_zh": "江苏恒立液压股份有限公司", "country": "CN", "source": "survey 2025"},
    )
    # A 柳工 with another listed code is another company: 000528.SZ is not merged into it.
    create_record(
        session,
        ctx,
        kind="enterprises",
        data={"id": "X2", "name_zh": "柳工", "country": "CN", "listed_code": "999999.SZ", "source": "survey 2025"},
    )
    report = run_chainkg_import(session, SLICE, ctx)
    session.commit()
    assert report.enterprise_ids["601100.SH"] == "X1" and report.enterprise_ids["000528.SZ"] == "KG-000528.SZ"
    hengli = get_record(session, kind="enterprises", key=("X1",))
    assert isinstance(hengli, Enterprise)
    assert (hengli.listed_code, hengli.tags, hengli.source) == ("601100.SH", ("上市",), "survey 2025")
    updates = [c for c in HistoryRepository(session).changes(kind="enterprises") if c.action == "update"]
    assert [(c.record_key, c.via) for c in updates] == [("X1", "import")]
    assert report.companies["matched"] == 1 and report.companies["created"] == 22
