"""Import: every problem reported with file/row/column/value, all or nothing, idempotent, audited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from tests.factories import ENTERPRISES, LINKS, NODES, write_basic, write_csv

from chainatlas.interchange.discovery import discover
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import ImportReport, import_tables
from chainatlas.services.stats import registry_counts
from chainatlas.store.history import HistoryRepository

CTX = WriteContext(actor="analyst1", via=Via.IMPORT, at=dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC))


@pytest.fixture
def session(rollback_session: Session) -> Session:
    """Run each test in a transaction that is rolled back: the services here write only through this session."""
    return rollback_session


def _written_records(session: Session) -> int:
    """Return how many records the registry holds beyond the default cluster that the migration made."""
    counts = registry_counts(session)
    assert counts["clusters"] == 1
    return sum(counts.values()) - 1


def run_import(session: Session, *paths: Path, dry_run: bool = False) -> ImportReport:
    tables, problems = discover(list(paths))
    assert problems == []
    report = import_tables(session, tables, CTX, dry_run=dry_run)
    if report.ok and not dry_run:
        session.commit()
    return report


def problems_as_tuples(report: ImportReport) -> set[tuple[str, int | None, str | None, str | None]]:
    return {(p.file, p.row, p.column, p.value) for p in report.problems}


def test_basic_import_adds_everything(session: Session, tmp_path: Path) -> None:
    report = run_import(session, write_basic(tmp_path / "in"))
    assert report.ok, report.problems
    counts = registry_counts(session)
    assert (counts["chain_nodes"], counts["enterprises"], counts["supply_links"]) == (4, 3, 2)


def test_reimport_is_a_no_op(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    run_import(session, folder)
    batches_before = len(HistoryRepository(session).batches())
    again = run_import(session, folder)
    assert again.ok
    assert {k: (c.added, c.updated) for k, c in again.counts.items()} == {
        "chain_nodes": (0, 0),
        "enterprises": (0, 0),
        "supply_links": (0, 0),
    }
    assert again.counts["supply_links"].unchanged == 2
    assert len(HistoryRepository(session).batches()) == batches_before
    assert HistoryRepository(session).changes() == []


def test_missing_required_column_is_reported_and_nothing_written(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    headers = ["id", "in_cluster", "tags", "source"]  # name_zh and country are required; the rest optional
    write_csv(folder / "enterprises.csv", "enterprises", ENTERPRISES, headers=headers)
    report = run_import(session, folder)
    missing = {p.column for p in report.problems if p.file == "enterprises.csv" and p.row == 1}
    assert missing == {"name_zh", "country"}
    messages = [p.message for p in report.problems if p.row == 1]
    assert all("required column is missing" in message for message in messages)
    chinese = [p.text("zh") for p in report.problems if p.row == 1]
    assert "缺少必需的列：`国家`（英文 `country`）" in chinese  # the Chinese text of the same code
    assert registry_counts(session)["chain_nodes"] == 0


def test_bad_credit_code_names_the_expected_check_character(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    bad = [{**ENTERPRISES[0], "unified_code": "91350100M000100Y44"}, *ENTERPRISES[1:]]
    write_csv(folder / "enterprises.csv", "enterprises", bad)
    report = run_import(session, folder)
    assert [p.as_text() for p in report.problems] == [
        "enterprises.csv row 2, column `unified_code`: 91350100M000100Y44: has a wrong check character 4 (expected 3)"
    ]
    assert registry_counts(session)["enterprises"] == 0


def test_duplicate_ids_point_at_the_first_row(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    write_csv(folder / "enterprises.csv", "enterprises", [*ENTERPRISES, {**ENTERPRISES[1], "name_zh": "重复"}])
    report = run_import(session, folder)
    assert problems_as_tuples(report) == {("enterprises.csv", 5, "id", "E2")}
    assert "also at row 3" in report.problems[0].message


def test_dangling_references_are_all_reported(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    dangling = [*LINKS, {**LINKS[0], "supplier_id": "E9", "node_code": "X.NOPE"}]
    write_csv(folder / "supply_links.csv", "supply_links", dangling)
    report = run_import(session, folder)
    assert problems_as_tuples(report) == {
        ("supply_links.csv", 4, "supplier_id", "E9"),
        ("supply_links.csv", 4, "node_code", "X.NOPE"),
    }
    assert registry_counts(session)["supply_links"] == 0


def test_negative_money_and_share_outside_unit_interval(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    bad = [{**LINKS[0], "annual_value_cny": "-5.00"}, {**LINKS[1], "share": "1.2"}]
    write_csv(folder / "supply_links.csv", "supply_links", bad)
    report = run_import(session, folder)
    assert problems_as_tuples(report) == {
        ("supply_links.csv", 2, "annual_value_cny", "-5.00"),
        ("supply_links.csv", 3, "share", "1.2"),
    }
    assert (report.problems[0].code, report.problems[0].params) == ("field.at_least", {"limit": 0})
    assert (report.problems[1].code, report.problems[1].params) == ("field.at_most", {"limit": 1})
    assert (report.problems[0].text("zh"), report.problems[1].text("en")) == ("须不小于 0", "must be at most 1")


def test_every_problem_in_every_file_is_reported_at_once(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    write_csv(
        folder / "chain_nodes.csv",
        "chain_nodes",
        [*NODES, {"code": "D", "name_zh": "下游", "segment": "sideways", "source": "synthetic"}],
    )
    write_csv(folder / "enterprises.csv", "enterprises", [*ENTERPRISES, {"id": "E4", "country": "CN", "source": ""}])
    report = run_import(session, folder)
    assert problems_as_tuples(report) == {
        ("chain_nodes.csv", 6, "segment", "sideways"),
        ("enterprises.csv", 5, "name_zh", None),
        ("enterprises.csv", 5, "source", None),
    }
    assert _written_records(session) == 0


def test_gbk_and_bom_files_read_the_same(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "gbk"
    folder.mkdir()
    write_csv(folder / "chain_nodes.csv", "chain_nodes", NODES, encoding="gbk")
    write_csv(folder / "enterprises.csv", "enterprises", ENTERPRISES, encoding="utf-8-sig")
    write_csv(folder / "supply_links.csv", "supply_links", LINKS, encoding="utf-8")
    assert (folder / "chain_nodes.csv").read_bytes().count("液压件".encode("gbk")) == 1
    report = run_import(session, folder)
    assert report.ok, report.problems
    from chainatlas.domain.kinds import KIND_BY_NAME
    from chainatlas.store.registry import RegistryRepository

    node = RegistryRepository(session, KIND_BY_NAME["chain_nodes"]).get(("U.HYD",))
    assert node is not None and node.name_zh == "液压件"  # type: ignore[attr-defined]


def test_chinese_headers_and_words(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "zh"
    folder.mkdir()
    headers = ["编码", "上级编码", "名称", "英文名称", "环节", "卡脖子", "来源"]
    rows = [
        {"编码": "U", "名称": "上游", "环节": "上游", "卡脖子": "否", "来源": "synthetic"},
        {"编码": "U.E", "上级编码": "U", "名称": "发动机", "环节": "上游", "卡脖子": "是", "来源": "synthetic"},
    ]
    write_csv(folder / "产业链环节.csv", "chain_nodes", rows, headers=headers)
    report = run_import(session, folder)
    assert report.ok, report.problems
    assert report.counts["chain_nodes"].added == 2


def test_update_records_before_and_after_in_one_batch(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    run_import(session, folder)
    write_csv(folder / "supply_links.csv", "supply_links", [{**LINKS[0], "share": "0.5"}, LINKS[1]])
    report = run_import(session, folder)
    assert (report.counts["supply_links"].updated, report.counts["supply_links"].unchanged) == (1, 1)
    history = HistoryRepository(session)
    batch = history.batches()[0]
    assert batch.actor == "analyst1" and batch.via == "import"
    assert {f["file"] for f in batch.files} == {"chain_nodes.csv", "enterprises.csv", "supply_links.csv"}
    assert all(len(f["sha256"]) == 64 for f in batch.files)
    [change] = history.changes(batch_id=batch.id)
    assert change.record_key == "E2/E1/U.HYD" and change.action == "update"
    assert change.before is not None and change.after is not None
    assert (change.before["share"], change.after["share"]) == (0.6, 0.5)


def test_dry_run_writes_nothing_but_counts(session: Session, tmp_path: Path) -> None:
    report = run_import(session, write_basic(tmp_path / "in"), dry_run=True)
    assert report.ok and report.counts["enterprises"].added == 3
    assert _written_records(session) == 0


def test_parent_loop_in_the_taxonomy_is_refused(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "loop"
    folder.mkdir()
    loop = [
        {"code": "A", "parent_code": "B", "name_zh": "甲", "segment": "upstream", "source": "synthetic"},
        {"code": "B", "parent_code": "A", "name_zh": "乙", "segment": "upstream", "source": "synthetic"},
    ]
    write_csv(folder / "chain_nodes.csv", "chain_nodes", loop)
    report = run_import(session, folder)
    assert {(p.row, p.column) for p in report.problems} == {(2, "parent_code"), (3, "parent_code")}


def test_one_bad_cell_hides_no_other_problem_of_its_row(session: Session, tmp_path: Path) -> None:
    folder = write_basic(tmp_path / "in")
    bad_firm = {**ENTERPRISES[1], "size_class": "巨型", "unified_code": "91350100M000100Y44", "parent_id": "E404"}
    write_csv(folder / "enterprises.csv", "enterprises", [ENTERPRISES[0], bad_firm, ENTERPRISES[2]])
    bad_link = {**LINKS[0], "annual_value_cny": "-1", "node_code": "NOPE.NODE", "supplier_id": "E9999"}
    write_csv(folder / "supply_links.csv", "supply_links", [bad_link, LINKS[1]])
    report = run_import(session, folder)
    assert [(p.file, p.row, p.column) for p in report.problems] == [
        ("enterprises.csv", 3, "size_class"),
        ("enterprises.csv", 3, "unified_code"),
        ("enterprises.csv", 3, "parent_id"),
        ("supply_links.csv", 2, "annual_value_cny"),
        ("supply_links.csv", 2, "supplier_id"),
        ("supply_links.csv", 2, "node_code"),
    ]


def test_a_bad_chain_node_row_still_gets_its_parent_checked(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "nodes"
    folder.mkdir()
    rows = [
        {"code": "A", "name_zh": "甲", "segment": "upstream", "source": "synthetic"},
        {"code": "B", "parent_code": "ZZ", "name_zh": "乙", "segment": "sideways", "source": "synthetic"},
    ]
    write_csv(folder / "chain_nodes.csv", "chain_nodes", rows)
    report = run_import(session, folder)
    assert [(p.row, p.column) for p in report.problems] == [(3, "segment"), (3, "parent_code")]
