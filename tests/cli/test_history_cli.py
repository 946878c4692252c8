"""`chainatlas history list|show|revert`: filters, a change side by side, a batch's files, a revert recorded
with source cli and refused (exit 3) the second time; bare `history` as before."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.conftest import Cli
from tests.factories import write_basic, write_csv
from tests.history_cases import write_second_import


def test_list_show_and_revert_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    assert cli("init")[0] == 0
    assert cli("import", str(write_basic(tmp_path / "in")))[0] == 0
    assert cli("import", str(write_second_import(tmp_path / "second")))[0] == 0
    listed = json.loads(cli("history", "list", "--kind", "supply_links", "--source", "import", "--json")[1])
    [change] = listed["items"]
    assert (change["record_key"], change["action"], listed["total"]) == ("E2/E1/U.HYD", "update", 1)
    shown = json.loads(cli("history", "show", str(change["id"]), "--json")[1])
    assert [(f["name"], f["before"], f["after"]) for f in shown["fields"] if f["changed"]] == [("share", 0.6, 0.5)]
    batch = json.loads(cli("history", "show", "--batch", str(change["batch_id"]), "--json")[1])
    links = next(f for f in batch["files"] if f["file"] == "supply_links.csv")
    digest = hashlib.sha256((tmp_path / "second" / "supply_links.csv").read_bytes()).hexdigest()
    assert (links["sha256"], links["rows"], links["added"], links["updated"], links["unchanged"]) == (
        digest,
        3,
        1,
        1,
        1,
    )
    code, out, _ = cli("history", "revert", str(change["id"]), "--json")
    assert code == 0
    [written] = json.loads(out)["changes"]
    assert (written["reverts_id"], written["via"]) == (change["id"], "cli")
    code, _, err = cli("history", "revert", str(change["id"]))
    assert code == 3 and "already reverted" in err
    code, _, err = cli("history", "revert", "--batch", str(change["batch_id"]))
    assert code == 3 and "later" in err
    assert cli("history", "list", "--source", "fax")[0] == 3
    assert cli("history", "list", "--from", "2026-13-01")[0] == 2
    assert "changes" in json.loads(cli("history", "--json")[1])


def test_an_unused_import_batch_is_reverted_whole(cli: Cli, tmp_path: Path) -> None:
    assert cli("init")[0] == 0
    folder = write_basic(tmp_path / "in")
    assert cli("import", str(folder))[0] == 0
    write_csv(
        folder / "enterprises.csv",
        "enterprises",
        [{"id": "E9", "name_zh": "庚", "country": "CN", "in_cluster": "true", "source": "synthetic"}],
    )
    (folder / "chain_nodes.csv").unlink()
    (folder / "supply_links.csv").unlink()
    report = json.loads(cli("import", str(folder), "--json")[1])
    code, out, _ = cli("history", "revert", "--batch", str(report["batch_id"]), "--json")
    # E9's in_cluster=true was stored as an include row of the default cluster: it goes first, with E9
    deleted = [("delete", "default/E9"), ("delete", "E9")]
    assert code == 0 and [(c["action"], c["record_key"]) for c in json.loads(out)["changes"]] == deleted
    assert json.loads(cli("stats", "--json")[1])["counts"]["enterprises"] == 3
