"""No crash on any file: every bad file, through every import path, gives one clear problem and writes nothing."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from tests.api.conftest import _seed
from tests.conftest import TEST_DB_ENV, _postgres_url
from tests.interchange.bad_corpus import BIG, FOLDER, SMALL, Expected, write_big
from tests.interchange.registry_counts import written
from tests.web.conftest import Pages
from typer.testing import CliRunner

from chainatlas.app import create_app
from chainatlas.cli.main import app as cli_app
from chainatlas.config import load_settings
from chainatlas.store.engine import make_engine
from chainatlas.store.migrate import upgrade

pytestmark = pytest.mark.db
PATHS = ("cli", "api", "import_page", "fair_page")
SLOW = {"rows_over_cap", "xlsx_bomb"}
CASES = [pytest.param(case, id=case, marks=[pytest.mark.slow] if case in SLOW else []) for case in (*SMALL, *BIG)]
PROBLEM_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)


@dataclass
class Corpus:
    """One database, app and signed-in client shared by every case; the files by case."""

    url: str
    engine: Engine
    client: TestClient
    token: dict[str, str]
    files: dict[str, tuple[Path, str, Expected]]
    workdir: Path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    """Return the shared database (the basic registry, analyst ana signed in) and the corpus files."""
    tmp = tmp_path_factory.mktemp("bad_files")
    base = os.environ.get(TEST_DB_ENV)
    url = _postgres_url(base, "bad_files") if base else f"sqlite:///{tmp / 'test.db'}"
    upgrade(made := make_engine(url))
    made.dispose()
    tokens = _seed(url, tmp / "seed")
    big = write_big(tmp / "big")
    files = {case: (FOLDER / f"{case}__{name}", name, expected) for case, (name, _, expected) in SMALL.items()}
    files |= {case: (big[case], name, expected) for case, (name, _, expected) in BIG.items()}
    app = create_app(load_settings({}, database_url=url), var_dir=tmp / "var")
    with TestClient(app) as client:
        Pages(client, app.state.engine, users={"ana", "vic", "mem"}).login("ana")
        yield Corpus(url, app.state.engine, client, {"Authorization": f"Bearer {tokens['ana']}"}, files, tmp)
    app.state.engine.dispose()


def via_cli(corpus: Corpus, case: str, path: Path, name: str) -> list[dict[str, Any]]:
    folder = corpus.workdir / "cli" / case
    folder.mkdir(parents=True)
    shutil.copy(path, folder / name)
    args = ["--db", corpus.url, "--as-user", "ana", "import", str(folder / name), "--json"]
    result = CliRunner().invoke(cli_app, args, catch_exceptions=False)
    assert result.exit_code == 3, result.stdout[-2000:]
    problems: list[dict[str, Any]] = json.loads(result.stdout)["problems"]
    return problems


def via_api(corpus: Corpus, path: Path, name: str) -> list[dict[str, Any]]:
    headers = {**corpus.token, "Accept-Language": "en"}  # the expected words are the English text of each message
    response = corpus.client.post("/api/v1/imports", files=[("files", (name, path.read_bytes()))], headers=headers)
    assert response.status_code == 422, response.text[:2000]
    assert response.headers["content-type"].startswith("application/problem+json")
    problems: list[dict[str, Any]] = response.json()["problems"]
    return problems


def via_page(corpus: Corpus, page: str, path: Path, name: str) -> list[dict[str, Any]]:
    token = Pages(corpus.client, corpus.engine).csrf(page)
    corpus.client.cookies.set("lang", "en")  # the expected words are the English text of each message
    response = corpus.client.post(page, data={"csrf_token": token}, files=[("files", (name, path.read_bytes()))])
    assert response.status_code == 422, response.text[:2000]
    table = response.text.split('id="problem-table"', 1)[1].split("</table>", 1)[0]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in PROBLEM_ROW.findall(table.split("<tbody>", 1)[1])]
    cells = [[_shown(cell) for cell in row] for row in rows]
    return [{"file": c[0], "row": c[1] and int(c[1]), "column": c[2], "message": c[4]} for c in cells]


def _shown(cell: str) -> str | None:
    """Return a table cell's text, None for the page's mark of an empty cell."""
    text = html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
    return None if text in ("", "—") else text


@pytest.mark.parametrize("path_name", PATHS)
@pytest.mark.parametrize("case", CASES)
def test_bad_file_gives_one_problem_and_writes_nothing(corpus: Corpus, case: str, path_name: str) -> None:
    """Exit 3 / 422 with exactly the one expected problem naming the file; no row written, no version bumped."""
    path, name, expected = corpus.files[case]
    before = written(corpus.engine)
    if path_name == "cli":
        problems = via_cli(corpus, case, path, name)
    elif path_name == "api":
        problems = via_api(corpus, path, name)
    else:
        problems = via_page(corpus, "/import" if path_name == "import_page" else "/fairs/import", path, name)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem["file"] == name
    assert expected.words in problem["message"]
    assert (problem["row"], problem["column"]) == (expected.row, expected.column)
    assert written(corpus.engine) == before
