"""The REST API: every route's happy path, validation errors, 401/403, pagination edges, 404s."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from tests.api.conftest import Api
from tests.api.problems import assert_problem
from tests.factories import VALID_CODE

from chainatlas.domain.as_of import ClusterClock
from chainatlas.domain.kinds import KINDS


def test_openapi_documents_every_kind(api: Api) -> None:
    paths = api.client.get("/api/openapi.json").json()["paths"]
    for spec in KINDS:
        assert f"/api/v1/{spec.name}" in paths
    assert {
        "/api/v1/stats",
        "/api/v1/chain/tree",
        "/api/v1/imports",
        "/api/v1/enterprises/{enterprise_id}/suppliers",
    } <= set(paths)
    assert api.client.get("/api/docs").status_code == 200


def test_anonymous_sees_aggregates_only(api: Api) -> None:
    stats = api.client.get("/api/v1/stats").json()
    assert stats["counts"]["enterprises"] == 3 and stats["enterprises_in_cluster"] == 2
    assert api.client.get("/api/v1/chain/tree").status_code == 200
    assert_problem(api.client.get("/api/v1/enterprises"), 401)
    assert_problem(api.client.get("/api/v1/enterprises/E1"), 401)


def test_chain_tree_counts_makers_inside_and_outside(api: Api) -> None:
    api.client.post(
        "/api/v1/enterprise_nodes",
        headers=api.headers["ana"],
        json={"enterprise_id": "E2", "node_code": "U.HYD", "source": "synthetic"},
    )
    api.client.post(
        "/api/v1/enterprise_nodes",
        headers=api.headers["ana"],
        json={"enterprise_id": "E3", "node_code": "U.HYD", "source": "synthetic"},
    )
    roots = {r["code"]: r for r in api.client.get("/api/v1/chain/tree").json()["roots"]}
    upstream = roots["U"]
    # E3 (in the cluster) and E2 (Germany) make U.HYD; the root U counts them through its child.
    assert (upstream["enterprises_in_cluster"], upstream["enterprises_outside"], upstream["local_share"]) == (1, 1, 0.5)
    assert upstream["children"][0]["code"] == "U.HYD"
    assert (roots["M"]["enterprises_in_cluster"], roots["M"]["enterprises_outside"], roots["M"]["local_share"]) == (
        0,
        0,
        None,
    )


def test_list_filters_sorting_and_pagination(api: Api) -> None:
    h = api.headers["vic"]
    page = api.client.get("/api/v1/enterprises", headers=h, params={"sort": "-id", "limit": 2}).json()
    assert (page["total"], [i["id"] for i in page["items"]]) == (3, ["E3", "E2"])
    last = api.client.get("/api/v1/enterprises", headers=h, params={"sort": "-id", "limit": 2, "offset": 2}).json()
    assert [i["id"] for i in last["items"]] == ["E1"]
    beyond = api.client.get("/api/v1/enterprises", headers=h, params={"offset": 10}).json()
    assert (beyond["items"], beyond["total"]) == ([], 3)
    assert [
        i["id"] for i in api.client.get("/api/v1/enterprises", headers=h, params={"in_cluster": "是"}).json()["items"]
    ] == ["E1", "E3"]
    assert [
        i["id"] for i in api.client.get("/api/v1/enterprises", headers=h, params={"q": "液压"}).json()["items"]
    ] == ["E2", "E3"]
    assert [
        i["id"]
        for i in api.client.get("/api/v1/enterprises", headers=h, params={"q": VALID_CODE.lower()}).json()["items"]
    ] == ["E1"]
    assert [
        i["id"] for i in api.client.get("/api/v1/enterprises", headers=h, params={"tag": "链主"}).json()["items"]
    ] == ["E1"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "501"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"limit": "x"}, "limit"),
        ({"sort": "nope"}, "sort"),
        ({"colour": "red"}, "colour"),
        ({"in_cluster": "maybe"}, "in_cluster"),
    ],
)
def test_bad_list_parameters_name_the_parameter(api: Api, params: dict[str, str], field: str) -> None:
    body = assert_problem(api.client.get("/api/v1/enterprises", headers=api.headers["vic"], params=params), 422)
    assert [e["field"] for e in body["errors"]] == [field]


def test_detail_and_unknown_ids(api: Api) -> None:
    h = api.headers["vic"]
    firm = api.client.get("/api/v1/enterprises/E1", headers=h).json()
    assert (firm["name_zh"], firm["tags"], firm["unified_code"]) == ("长沙甲机械有限公司", ["规上", "链主"], VALID_CODE)
    link = api.client.get("/api/v1/supply_links/E2/E1/U.HYD", headers=h).json()
    assert (link["annual_value_cny"], link["share"]) == ("600000.00", 0.6)
    assert "E9" in assert_problem(api.client.get("/api/v1/enterprises/E9", headers=h), 404)["detail"]
    assert_problem(api.client.get("/api/v1/supply_links/E2/E1", headers=h), 404)
    assert_problem(api.client.get("/api/v1/no_such_kind", headers=h), 404)


def test_suppliers_and_customers(api: Api) -> None:
    h = api.headers["vic"]
    suppliers = api.client.get("/api/v1/enterprises/E1/suppliers", headers=h).json()
    assert [
        (i["partner"]["id"], i["node"]["name_zh"], i["annual_value_cny"], i["share"]) for i in suppliers["items"]
    ] == [("E2", "液压件", "600000.00", 0.6), ("E3", "液压件", "400000.00", 0.4)]
    customers = api.client.get("/api/v1/enterprises/E2/customers", headers=h).json()
    assert [i["partner"]["id"] for i in customers["items"]] == ["E1"]
    assert_problem(api.client.get("/api/v1/enterprises/E9/suppliers", headers=h), 404)


def test_confidential_links_only_for_parties_and_analysts(api: Api) -> None:
    ana = api.headers["ana"]
    assert (
        api.client.patch("/api/v1/supply_links/E2/E1/U.HYD", headers=ana, json={"confidential": True}).status_code
        == 200
    )

    def visible(who: str) -> list[str]:
        return [
            i["supplier_id"] for i in api.client.get("/api/v1/supply_links", headers=api.headers[who]).json()["items"]
        ]

    assert visible("ana") == ["E2", "E3"]
    assert visible("vic") == ["E3"]
    assert visible("mem") == ["E3"]  # mem belongs to E3, not a party of the confidential E2→E1 link
    assert_problem(api.client.get("/api/v1/supply_links/E2/E1/U.HYD", headers=api.headers["vic"]), 404)
    assert [
        i["partner"]["id"]
        for i in api.client.get("/api/v1/enterprises/E1/suppliers", headers=api.headers["vic"]).json()["items"]
    ] == ["E3"]


def test_create_update_delete_with_history(api: Api) -> None:
    ana = api.headers["ana"]
    created = api.client.post(
        "/api/v1/enterprises",
        headers=ana,
        json={"id": "E7", "name_zh": "新企业", "country": "cn", "source": "synthetic"},
    )
    assert created.status_code == 201 and created.headers["location"] == "/api/v1/enterprises/E7"
    assert created.json()["country"] == "CN"
    assert api.client.patch("/api/v1/enterprises/E7", headers=ana, json={"employees": 12}).json()["employees"] == 12
    assert api.client.delete("/api/v1/enterprises/E7", headers=ana).status_code == 204
    assert_problem(api.client.get("/api/v1/enterprises/E7", headers=ana), 404)
    from sqlalchemy.orm import Session

    from chainatlas.store.history import HistoryRepository

    with Session(api.client.app.state.engine) as session:
        changes = HistoryRepository(session).changes(kind="enterprises")
    assert [(c.action, c.actor, c.via) for c in changes] == [
        ("delete", "ana", "api"),
        ("update", "ana", "api"),
        ("create", "ana", "api"),
    ]
    assert (changes[1].before or {})["employees"] is None and (changes[1].after or {})["employees"] == 12


def test_write_validation_lists_every_field_error(api: Api) -> None:
    body = {
        "id": "E8",
        "name_zh": "坏",
        "country": "CN",
        "source": "synthetic",
        "unified_code": "91350100M000100Y44",
        "in_cluster": True,
        "parent_id": "E404",
    }
    problem = assert_problem(api.client.post("/api/v1/enterprises", headers=api.headers["ana"], json=body), 422)
    assert {(e["field"], e["code"], e["message"]) for e in problem["errors"]} == {
        ("unified_code", "credit_code.check", "has a wrong check character 4 (expected 3)"),
        (
            "parent_id",
            "reference.unknown_enterprises",
            "unknown enterprise E404 (not in this import nor in the registry)",
        ),
    }
    shape = assert_problem(api.client.post("/api/v1/supply_links", headers=api.headers["ana"], json={"share": 2}), 422)
    assert {"supplier_id", "customer_id", "node_code", "source", "share"} <= {e["field"] for e in shape["errors"]}


def test_writes_need_a_user_and_a_role(api: Api) -> None:
    body = {"id": "E7", "name_zh": "新", "country": "CN", "source": "synthetic"}
    assert_problem(api.client.post("/api/v1/enterprises", json=body), 401)
    assert_problem(api.client.post("/api/v1/enterprises", json=body, headers={"Authorization": "Bearer wrong"}), 401)
    assert_problem(api.client.post("/api/v1/enterprises", json=body, headers=api.headers["vic"]), 403)
    assert_problem(api.client.patch("/api/v1/enterprises/E1", json={"employees": 1}, headers=api.headers["mem"]), 403)
    assert_problem(api.client.delete("/api/v1/enterprises/E1", headers=api.headers["vic"]), 403)


def test_duplicate_create_and_referenced_delete_conflict(api: Api) -> None:
    ana = api.headers["ana"]
    body = {"id": "E1", "name_zh": "重复", "country": "CN", "source": "synthetic"}
    assert_problem(api.client.post("/api/v1/enterprises", headers=ana, json=body), 409)
    detail = assert_problem(api.client.delete("/api/v1/enterprises/E1", headers=ana), 409)["detail"]
    assert "2 supply_links.customer_id" in detail
    assert_problem(api.client.patch("/api/v1/enterprises/E1", headers=ana, json={"id": "E99"}), 422)


def test_cookie_session_writes_need_the_csrf_header(api: Api) -> None:
    signed_in = api.client.post("/api/v1/session", json={"username": "ana", "password": "s3cret-password"})
    assert signed_in.status_code == 200, signed_in.text
    token = signed_in.json()["csrf_token"]
    body = {"id": "E7", "name_zh": "新", "country": "CN", "source": "synthetic"}
    assert_problem(api.client.post("/api/v1/enterprises", json=body), 403)
    assert api.client.post("/api/v1/enterprises", json=body, headers={"X-CSRF-Token": token}).status_code == 201
    assert_problem(api.client.post("/api/v1/session", json={"username": "ana", "password": "wrong"}), 401)


def test_import_through_the_api_matches_the_cli(api: Api) -> None:
    good = "code,parent_code,name_zh,name_en,segment,key_technology,source\nU.ENG,U,发动机,Engines,上游,是,synthetic\n"
    bad = (
        "code,parent_code,name_zh,name_en,segment,key_technology,source\nU.ENG,U,发动机,Engines,sideways,是,synthetic\n"
    )
    ana = api.headers["ana"]
    files = [("files", ("chain_nodes.csv", bad.encode("gbk"), "text/csv"))]
    problem = assert_problem(api.client.post("/api/v1/imports", headers=ana, files=files), 422)
    assert problem["problems"] == [
        {
            "file": "chain_nodes.csv",
            "row": 2,
            "column": "segment",
            "value": "sideways",
            "message": "must be one of downstream/midstream/support/upstream (or the Chinese word: 上游/中游/下游/配套/支撑)",
            "code": "cell.word",
            "params": {"allowed": "downstream/midstream/support/upstream", "allowed_zh": "上游/中游/下游/配套/支撑"},
        }
    ]
    dry = api.client.post(
        "/api/v1/imports",
        headers=ana,
        files=[("files", ("chain_nodes.csv", good.encode(), "text/csv"))],
        data={"dry_run": "true"},
    )
    assert dry.json()["counts"]["chain_nodes"] == {"added": 1, "updated": 0, "unchanged": 0}
    assert api.client.get("/api/v1/chain_nodes/U.ENG", headers=ana).status_code == 404
    done = api.client.post(
        "/api/v1/imports", headers=ana, files=[("files", ("chain_nodes.csv", good.encode(), "text/csv"))]
    )
    assert done.status_code == 200 and done.json()["batch_id"] is not None
    assert api.client.get("/api/v1/chain_nodes/U.ENG", headers=ana).json()["key_technology"] is True
    assert_problem(api.client.post("/api/v1/imports", headers=api.headers["vic"], files=files), 403)
    assert_problem(api.client.post("/api/v1/imports", files=files), 401)


def test_a_one_time_password_must_be_changed_before_cookie_writes(api: Api) -> None:
    from sqlalchemy.orm import Session
    from tests.api.conftest import CTX

    from chainatlas.domain.user import Role
    from chainatlas.services.users import add_user

    with Session(api.client.app.state.engine) as session:
        add_user(session, CTX, username="neu", role=Role.ANALYST, password="one-time-pw-1", must_change_password=True)
        session.commit()
    signed_in = api.client.post("/api/v1/session", json={"username": "neu", "password": "one-time-pw-1"}).json()
    assert signed_in["user"]["must_change_password"] is True
    body = {"id": "E7", "name_zh": "新", "country": "CN", "source": "synthetic"}
    refused = assert_problem(
        api.client.post("/api/v1/enterprises", json=body, headers={"X-CSRF-Token": signed_in["csrf_token"]}), 403
    )
    assert "one-time password" in refused["detail"]


def test_partner_limit_count_and_makes_services(api: Api) -> None:
    from sqlalchemy.orm import Session

    from chainatlas.services.browse import enterprise_makes, enterprise_partner_count, enterprise_partners

    api.client.post(
        "/api/v1/enterprise_nodes",
        headers=api.headers["ana"],
        json={"enterprise_id": "E1", "node_code": "M.EXC", "source": "synthetic"},
    )
    with Session(api.client.app.state.engine) as session:
        from chainatlas.services.users import user_by_name

        vic = user_by_name(session, "vic")
        top = enterprise_partners(session, vic, enterprise_id="E1", role="suppliers", limit=1)
        assert [p.partner.id for p in top] == ["E2"]  # the larger of 600,000 and 400,000
        assert enterprise_partner_count(session, vic, enterprise_id="E1", role="suppliers") == 2
        assert [(m.node_code, n.name_zh) for m, n in enterprise_makes(session, vic, enterprise_id="E1")] == [
            ("M.EXC", "挖掘机")
        ]


def test_a_one_time_password_cookie_cannot_read_either(api: Api) -> None:
    from sqlalchemy.orm import Session
    from tests.api.conftest import CTX

    from chainatlas.domain.user import Role
    from chainatlas.services.users import add_user

    with Session(api.client.app.state.engine) as session:
        add_user(session, CTX, username="neu2", role=Role.ANALYST, password="one-time-pw-2", must_change_password=True)
        session.commit()
    assert api.client.post("/api/v1/session", json={"username": "neu2", "password": "one-time-pw-2"}).status_code == 200
    assert_problem(api.client.get("/api/v1/enterprises"), 403)
    assert_problem(api.client.get("/api/v1/chain/gaps"), 403)


def test_the_default_as_of_is_today_in_the_clusters_time_zone(api: Api) -> None:
    """At 23:30 UTC on 7 December 2026 it is already 07:30 on 8 December in Changsha (UTC+8)."""
    late_evening = dt.datetime(2026, 12, 7, 23, 30, tzinfo=dt.UTC)
    api.client.app.state.clock = ClusterClock(zone=ZoneInfo("Asia/Shanghai"), now=lambda: late_evening)
    ana = api.headers["ana"]
    assert api.client.get("/api/v1/scorecard", headers=ana).json()["as_of"] == "2026-12-08"
    evaluated = api.client.post("/api/v1/alerts/evaluate", headers=ana)
    assert evaluated.status_code == 200, evaluated.text
    assert evaluated.json()["as_of"] == "2026-12-08"
