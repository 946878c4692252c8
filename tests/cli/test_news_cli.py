"""`chainatlas news extract FILE.jsonl --json`: one object per document, linked against the registry in --db,
storing nothing; bad input is named by line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli

DOCS = [
    {"id": "a", "text": "長沙經(jīng)開區(qū)訊 三一集團(tuán)與中联重科签约,总投资99.93亿元。2020年12月31日下线。"},
    {"id": "b", "text": "中联智慧产业城首台挖掘机下线。"},
]


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_extract_links_against_the_demo_registry_and_stores_nothing(cli: Cli, tmp_path: Path) -> None:
    assert cli("demo")[0] == 0
    before = json.loads(cli("stats", "--json")[1])["counts"]
    file = _write(tmp_path / "docs.jsonl", [json.dumps(d, ensure_ascii=False) for d in DOCS])
    code, out, err = cli("news", "extract", str(file), "--json")
    assert code == 0, err
    first, second = json.loads(out)
    assert set(first) == {
        "id",
        "text_normalised",
        "enterprises",
        "projects",
        "organisations",
        "amounts",
        "dates",
        "people",
        "topics",
        "disruption",
    }
    assert first["enterprises"] == ["E0001", "E0002"]
    text = DOCS[0]["text"]
    for item in first["organisations"] + first["amounts"] + first["dates"]:
        assert text[item["start"] : item["end"]] == item["mention"]
    zone = next(o for o in first["organisations"] if o["enterprise_id"] is None)
    assert (zone["mention"], zone["canonical"]) == ("長沙經(jīng)開區(qū)", "长沙经济技术开发区")
    assert [(a["value_yuan"], a["currency"]) for a in first["amounts"]] == [(9_993_000_000, "CNY")]
    assert [d["iso"] for d in first["dates"]] == ["2020-12-31"]
    assert second["projects"] == ["P01"] and second["enterprises"] == []
    assert json.loads(cli("stats", "--json")[1])["counts"] == before


def test_extract_names_every_bad_line_and_exits_3(cli: Cli, tmp_path: Path) -> None:
    file = _write(tmp_path / "bad.jsonl", ['{"id": "a", "text": "x"}', "not json", '{"id": "a", "text": ""}'])
    code, _, err = cli("news", "extract", str(file), "--json")
    assert code == 3
    assert "line 2 is not a JSON object" in err and "line 3: the field text must be a non-empty string" in err


def test_extract_of_a_missing_file_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("news", "extract", str(tmp_path / "nowhere.jsonl"), "--json")
    assert code == 2 and "nowhere.jsonl" in err


def test_extract_names_an_id_given_twice_with_its_line(cli: Cli, tmp_path: Path) -> None:
    file = _write(tmp_path / "twice.jsonl", ['{"id": "a", "text": "长沙"}', '{"id": "a", "text": "株洲"}'])
    code, _, err = cli("news", "extract", str(file), "--json")
    assert code == 3, err
    assert "line 2: the id a appears earlier too" in err


def test_extract_reads_a_gbk_file_and_names_an_undecodable_one(cli: Cli, tmp_path: Path) -> None:
    cli("demo")
    gbk = tmp_path / "gbk.jsonl"
    gbk.write_bytes('{"id": "g", "text": "三一重工在长沙"}\n'.encode("gb18030"))
    code, out, err = cli("news", "extract", str(gbk), "--json")
    assert code == 0, err
    assert json.loads(out)[0]["enterprises"] == ["E0001"]  # 三一重工 is the demo's E0001 (demo/data/enterprises.csv)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"\xc3\x28\xff garbage")
    code, _, err = cli("news", "extract", str(bad), "--json")
    assert code == 2 and "bad.jsonl" in err and "GB18030" in err
