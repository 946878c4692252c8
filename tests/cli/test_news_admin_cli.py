"""`chainatlas news ingest|list|review|feeds|feed-add|fetch` on a real database: ingest once, bad input named with
nothing stored, listing, review decisions, feeds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from tests.conftest import Cli

from chainatlas.domain.alert import AlertCondition, AlertRule, Severity
from chainatlas.store.alerts import AlertRepository
from chainatlas.store.news_queue import ProposalRepository


def corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text("长沙工程机械出口增长\n2025年出口额增长12%。", encoding="utf-8")
    rows = [{"id": "N1", "url": "http://a.example/1", "text": "三一重工发布新款挖掘机。", "published": "2026-03-01"}]
    (folder / "b.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return folder


def test_ingest_once_then_nothing_changes(cli: Cli, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    code, out, err = cli("news", "ingest", str(folder), "--as-of", "2026-03-06", "--json")
    assert code == 0, err
    first = json.loads(out)
    assert [i["outcome"] for i in first["items"]] == ["added", "added"]
    code, out, _ = cli("news", "ingest", str(folder), "--as-of", "2026-03-06")
    assert code == 0 and "0 added, 2 already stored and unchanged" in out
    code, out, _ = cli("news", "list", "--json")
    listed = json.loads(out)
    assert [(a["doc_id"], a["day"]) for a in listed["items"]] == [("a", "2026-03-06"), ("N1", "2026-03-01")]
    code, out, _ = cli("news", "list", "--from", "2026-03-02", "--json")
    assert [a["doc_id"] for a in json.loads(out)["items"]] == ["a"]


def test_bad_input_is_named_and_nothing_is_stored(cli: Cli, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "in")
    (folder / "c.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    code, _, err = cli("news", "ingest", str(folder), str(tmp_path / "missing.txt"))
    assert code == 3
    assert "c.jsonl:1 text" in err and "missing.txt" in err
    code, out, _ = cli("news", "list", "--json")
    assert json.loads(out)["items"] == []
    code, _, err = cli("news", "ingest", str(folder), lang="zh_CN.UTF-8")
    assert code == 3 and "没有正文" in err


def test_review_decides_once_and_wants_one_whole_decision(cli: Cli, engine: Engine) -> None:
    with Session(engine) as session:
        ProposalRepository(session).seen(["长沙新机构研究院", "某某公司"], None)
        session.commit()
    code, out, _ = cli("news", "review", "--json")
    ids = {p["name"]: p["id"] for p in json.loads(out)["proposals"]}
    code, out, err = cli(
        "news",
        "review",
        "--accept",
        str(ids["长沙新机构研究院"]),
        "--as",
        "organisation",
        "--id",
        "O-N1",
        "--type",
        "institute",
        "--json",
    )
    assert code == 0, err
    assert json.loads(out)["decided"]["decision"] == {"as": "organisation", "record": "organisations/O-N1"}
    assert cli("news", "review", "--reject", "1", "--merge", "2", "--into", "enterprises/E1")[0] == 2
    assert cli("news", "review", "--accept", "2")[0] == 2
    assert cli("news", "review", "--reject", str(ids["长沙新机构研究院"]))[0] == 3
    code, out, _ = cli("news", "review", "--state", "all", "--json")
    assert {p["name"]: p["state"] for p in json.loads(out)["proposals"]} == {
        "长沙新机构研究院": "accepted",
        "某某公司": "pending",
    }


def test_feeds_are_added_once_and_listed(cli: Cli) -> None:
    code, out, err = cli("news", "feed-add", "http://feeds.example/a.xml", "--every", "30", "--json")
    assert code == 0, err
    assert json.loads(out)["every_minutes"] == 30
    assert cli("news", "feed-add", "http://feeds.example/a.xml")[0] == 3
    assert cli("news", "feed-add", "ftp://feeds.example/b.xml")[0] == 2
    assert cli("news", "feed-add", "http://feeds.example/c.xml", "--every", "1")[0] == 2
    code, out, _ = cli("news", "feeds", "--json")
    assert [f["url"] for f in json.loads(out)] == ["http://feeds.example/a.xml"]


def test_alerts_event_days_clears_an_old_news_disruption(cli: Cli, engine: Engine) -> None:
    key = "news_disruption:articles/1/E1"
    found = AlertCondition(
        key=key,
        rule=AlertRule.NEWS_DISRUPTION,
        subject="articles/1/E1",
        severity=Severity.WARNING,
        details={"event_on": "2026-03-02", "disruption": "fire", "enterprise_id": "E1", "pi": 1.0, "exposure_days": 0},
    )
    with Session(engine) as session:
        assert AlertRepository(session).insert_new(found, dt.date(2026, 3, 3))
        session.commit()
    code, out, err = cli("alerts", "--as-of", "2026-03-12", "--json")
    assert code == 0, err
    assert json.loads(out)["evaluation"]["cleared"] == []  # 10 days old: kept under the default 30
    code, out, _ = cli("alerts", "--as-of", "2026-03-12", "--event-days", "5", "--json")
    assert json.loads(out)["evaluation"]["cleared"] == [key]


def test_list_names_a_bad_from_day_as_a_usage_error(cli: Cli) -> None:
    code, _, err = cli("news", "list", "--from", "2025-02-30")
    assert code == 2 and "--from" in err and "2025-02-30" in err
