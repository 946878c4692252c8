"""The access policy as docs/usage.md states it: a participant (one fair registration) sees no confidential
supply link, a member sees its own enterprise's; anonymous stats leave out the confidential kinds."""

from __future__ import annotations

from sqlalchemy.orm import Session
from tests.api.conftest import CTX, PASSWORD, Api, now_context

from chainatlas.domain.user import Role
from chainatlas.services.users import add_user, create_token
from chainatlas.store.engine import make_engine

SECRET_LINK = {
    "supplier_id": "E3",
    "customer_id": "E2",
    "node_code": "U.HYD",
    "confidential": True,
    "source": "synthetic",
}


def _bearer(db_url: str, username: str, role: Role, firm: str | None) -> dict[str, str]:
    engine = make_engine(db_url)
    with Session(engine) as session:
        add_user(session, CTX, username=username, role=role, password=PASSWORD, enterprise_id=firm)
        token = create_token(session, now_context(), username=username, name="test")
        session.commit()
    engine.dispose()
    return {"Authorization": f"Bearer {token}"}


def _sees_secret_link(api: Api, headers: dict[str, str]) -> tuple[int, int, int, int]:
    """Return (links listed, detail status, E3's customers listed, E2's suppliers listed) as the user sees them."""
    listed = api.client.get("/api/v1/supply_links", headers=headers).json()["total"]
    detail = api.client.get("/api/v1/supply_links/E3/E2/U.HYD", headers=headers).status_code
    customers = len(api.client.get("/api/v1/enterprises/E3/customers", headers=headers).json()["items"])
    suppliers = len(api.client.get("/api/v1/enterprises/E2/suppliers", headers=headers).json()["items"])
    return listed, detail, customers, suppliers


def test_a_participant_sees_no_confidential_link_a_member_its_own(api: Api, db_url: str) -> None:
    created = api.client.post("/api/v1/supply_links", json=SECRET_LINK, headers=api.headers["ana"])
    assert created.status_code == 201, created.text
    participant = _bearer(db_url, "pat", Role.PARTICIPANT, "E3")
    # factories.LINKS holds two public links (E2→E1, E3→E1); the secret one is E3→E2
    assert _sees_secret_link(api, participant) == (2, 404, 1, 0)
    assert _sees_secret_link(api, api.headers["vic"]) == (2, 404, 1, 0)
    assert _sees_secret_link(api, api.headers["mem"]) == (3, 200, 2, 1)  # mem is a member of E3
    assert _sees_secret_link(api, api.headers["ana"]) == (3, 200, 2, 1)


def test_stats_show_confidential_kind_counts_to_signed_in_users_only(api: Api) -> None:
    fair = {"id": "F9", "name_zh": "新展会", "start": "2025-05-15", "end": "2025-05-16", "source": "synthetic"}
    booth = {
        "id": "FP9",
        "fair_id": "F9",
        "role": "exhibitor",
        "enterprise_id": "E3",
        "name_zh": "丙液压",
        "country": "CN",
        "offers": ["U.HYD"],
        "source": "synthetic",
    }
    for kind, body in (("fairs", fair), ("fair_participants", booth)):
        assert api.client.post(f"/api/v1/{kind}", json=body, headers=api.headers["ana"]).status_code == 201
    anonymous = api.client.get("/api/v1/stats").json()["counts"]
    confidential = {
        "fair_participants",
        "fair_preferences",
        "fair_meetings",
        "fair_attendance",
        "resilience_profiles",
        "bom_lines",
    }
    assert confidential.isdisjoint(anonymous)
    assert (anonymous["enterprises"], anonymous["supply_links"], anonymous["fairs"]) == (3, 2, 1)
    for name in ("vic", "mem", "ana"):
        counts = api.client.get("/api/v1/stats", headers=api.headers[name]).json()["counts"]
        assert confidential <= set(counts) and counts["fair_participants"] == 1, name
