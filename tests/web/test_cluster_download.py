"""The enterprise download of a page showing another cluster still writes the interchange format's `in_cluster`:
the default cluster's membership, so that importing the file again moves no firm into or out of it."""

from __future__ import annotations

from sqlalchemy.orm import Session
from tests.web.conftest import Pages
from tests.web.pages import csv_rows

from chainatlas.services.clusters import resolve_cluster
from chainatlas.store.clusters import member_ids

SECOND = "zhutan-parts-demo"


def test_the_download_of_another_clusters_list_writes_the_default_membership(pages: Pages) -> None:
    pages.login("ana")
    with Session(pages.engine) as session:
        default = member_ids(session, resolve_cluster(session, None))
        second = member_ids(session, resolve_cluster(session, None, SECOND))
    assert second - default  # members of the second cluster outside the default one
    body = pages.client.get(f"/enterprises?cluster={SECOND}&in_cluster=true&format=csv").content
    header, *rows = csv_rows(body)
    column = header.index("in_cluster") if "in_cluster" in header else header.index("集群内")
    listed = {row[0]: row[column] for row in rows}
    assert set(listed) == second  # the page's filter: the second cluster's members
    said = {firm: value in ("true", "是", "1") for firm, value in listed.items()}
    assert said == {firm: firm in default for firm in second}  # the default cluster's membership, row by row
