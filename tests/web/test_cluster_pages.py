"""The clusters page (集群对比) in Chinese and English on the two-cluster registry of tests/cluster_cases.py: the
list, the comparison table with hand-worked figures, the bar chart's data; a scoped analyst's picker and page;
the admin's cluster-scope form (recorded, ends the user's sessions)."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.cluster_cases import write_compared_clusters
from tests.web.conftest import CSRF, PASSWORD
from tests.web.language import foreign_text

from chainatlas.app import create_app
from chainatlas.config import load_settings
from chainatlas.domain.user import Role
from chainatlas.services.context import Via, WriteContext
from chainatlas.services.imports import run_import
from chainatlas.services.users import add_user
from chainatlas.store.engine import make_engine
from chainatlas.store.rows import ChangeRow
from chainatlas.store.users import UserRepository

CTX = WriteContext(actor="setup", via=Via.CLI, at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
PAGE = "/clusters?as_of=2026-06-30"
USERS = (("root", Role.ADMIN, ()), ("ana", Role.ANALYST, ()), ("hydana", Role.ANALYST, ("hyd",)))


@pytest.fixture
def client(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    engine = make_engine(db_url)
    with Session(engine) as session:
        assert run_import(session, [write_compared_clusters(tmp_path / "in")], CTX).ok
        for name, role, clusters in USERS:
            add_user(session, CTX, username=name, role=role, password=PASSWORD, clusters=clusters)
        session.commit()
    engine.dispose()
    app = create_app(load_settings({}, database_url=db_url), var_dir=tmp_path / "var")
    with TestClient(app) as test_client:
        yield test_client
    app.state.engine.dispose()


def _sign_in(client: TestClient, username: str) -> None:
    token = CSRF.search(client.get("/login").text)
    assert token
    data = {"username": username, "password": PASSWORD, "csrf_token": token.group(1), "next": "/"}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303


def _csrf(client: TestClient) -> str:
    token = CSRF.search(client.get("/").text)
    assert token
    return token.group(1)


def _cells(html: str, table: str, cluster: str) -> list[str]:
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    row = next(r for r in body.split("<tr>") if f'data-cluster="{cluster}"' in r)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


@pytest.mark.parametrize(
    ("lang", "title", "default_name"), [("zh", "集群对比", "本集群"), ("en", "Clusters compared", "")]
)
def test_the_page_in_each_language(client: TestClient, lang: str, title: str, default_name: str) -> None:
    _sign_in(client, "ana")
    client.cookies.set("lang", lang)
    response = client.get(PAGE)
    assert response.status_code == 200, response.text
    html = response.text
    assert f"<h1>{title}</h1>" in html and 'href="/clusters"' in html  # the nav entry
    assert not foreign_text(html, lang)
    cells = _cells(html, "clusters-compare", "hyd")
    assert cells[1] == "2" and cells[5:8] == ["20.8%", "33.3%", "79.2%"]  # 100/480, 1/3, 380/480
    assert _cells(html, "clusters-compare", "default")[5:8] == ["32.0%", "25.0%", "66.7%"]
    chart = json.loads(re.search(r'id="clusters-data">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    assert chart["series"][0]["data"] == [20.8, 32.0]  # the default cluster drawn on top: listed last
    if default_name:
        assert default_name in html


def test_a_scoped_analyst_picks_and_compares_only_their_cluster(client: TestClient) -> None:
    _sign_in(client, "ana")
    assert '<option value="default"' in client.get(PAGE).text  # the picker of two clusters
    client.post("/logout", data={"csrf_token": _csrf(client)})
    _sign_in(client, "hydana")
    html = client.get(PAGE).text
    assert 'data-cluster="hyd"' in html and 'data-cluster="default"' not in html
    assert '<option value="default"' not in html and 'class="cluster-name"' in html  # one cluster: no choice
    assert client.get(PAGE + "&cluster=default").status_code == 403
    assert 'aria-current="true"' in client.get(PAGE + "&cluster=hyd").text
    assert client.get(PAGE + "&cluster=nope").status_code == 404


def test_the_admin_scopes_a_user_to_clusters(client: TestClient, db_url: str) -> None:
    _sign_in(client, "root")
    page = client.get("/admin/users/ana")
    assert 'id="clusters-form"' in page.text
    token = CSRF.search(page.text)
    assert token
    data = {"clusters": ["hyd"], "csrf_token": token.group(1)}
    response = client.post("/admin/users/ana/clusters", data=data, follow_redirects=False)
    assert response.status_code == 303, response.text
    engine = make_engine(db_url)
    with Session(engine) as session:
        user = UserRepository(session).by_username("ana")
        actions = session.scalars(select(ChangeRow.via).where(ChangeRow.action == "clusters")).all()
    engine.dispose()
    assert user is not None and user.clusters == ("hyd",)
    assert actions == ["web"]
    again = client.post("/admin/users/ana/clusters", data=data, follow_redirects=False)
    assert again.status_code == 409  # the same scope again changes nothing
