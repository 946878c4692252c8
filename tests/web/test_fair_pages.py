"""The fair pages over the demo data: list, import, schedule generation with its status, grid, agendas."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

from sqlalchemy.orm import Session
from tests.web.conftest import CTX, PASSWORD, Pages, demo_rows

from chainatlas.domain.user import Role
from chainatlas.services.users import add_user

FAIR = "CICEE2023"


def _wait_for_job(pages: Pages, limit: float = 90.0) -> dict[str, object]:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        job = pages.client.get(f"/fairs/{FAIR}/schedule/status").json()
        if job["state"] != "running":
            return job  # type: ignore[no-any-return]
        time.sleep(0.3)
    raise AssertionError("the schedule job did not finish")


def test_the_fair_list_needs_a_sign_in_and_shows_the_demo_fair(pages: Pages) -> None:
    assert pages.client.get("/fairs", follow_redirects=False).status_code == 303
    pages.login("vic")
    body = pages.client.get("/fairs").text
    assert "第三届长沙国际工程机械展览会" in body and "未登记" in body  # a viewer has no registration
    assert pages.client.get(f"/fairs/{FAIR}").status_code == 403  # the grid is for organisers


def test_generate_then_see_the_grid_counts_and_an_agenda(pages: Pages) -> None:
    pages.login("ana")
    page = pages.client.get(f"/fairs/{FAIR}")
    assert page.status_code == 200 and 'id="schedule-progress"' in page.text and "合成" in page.text
    assert pages.client.get(f"/fairs/{FAIR}/schedule/status").json()["state"] == "none"
    posted = pages.client.post(
        f"/fairs/{FAIR}/schedule",
        data={"csrf_token": pages.csrf(f"/fairs/{FAIR}"), "time_limit": "15"},
        follow_redirects=False,
    )
    assert posted.status_code == 303
    job = _wait_for_job(pages)
    assert job["state"] == "done", job
    result = job["result"]
    assert isinstance(result, dict) and result["meetings"] > 0
    days = [pages.client.get(f"/fairs/{FAIR}?day={d}").text for d in (1, 2, 3, 4)]
    assert sum(text.count('class="meeting') for text in days) == result["meetings"]
    assert 'id="grid-day-4"' in days[3] and 'id="grid-day-1"' not in days[3] and 'id="count-table"' in days[0]
    stored = pages.client.get(f"/api/v1/fair_meetings?fair_id={FAIR}&limit=500").json()["items"]
    someone = stored[0]["buyer_id"]
    agenda = pages.client.get(f"/fairs/{FAIR}/participants/{someone}")
    assert (
        agenda.status_code == 200 and 'id="agenda-table"' in agenda.text and 'id="recommendation-table"' in agenda.text
    )
    mine = sum(1 for m in stored if m["buyer_id"] == someone)
    assert agenda.text.count("<tr>") - 2 >= mine  # agenda rows plus recommendation rows, headers excluded
    ics = pages.client.get(f"/api/v1/fairs/{FAIR}/participants/{someone}/agenda.ics")
    assert ics.status_code == 200 and ics.text.count("BEGIN:VEVENT") == mine
    # after the fair: the first meeting's buyer did not come
    first = stored[0]
    form = {
        "csrf_token": pages.csrf(f"/fairs/{FAIR}/participants/{someone}"),
        "exhibitor_id": first["exhibitor_id"],
        "buyer_id": first["buyer_id"],
        "outcome": "no_show:buyer",
        "next": f"/fairs/{FAIR}",
    }
    assert pages.client.post(f"/fairs/{FAIR}/attendance", data=form, follow_redirects=False).status_code == 303
    feedback = pages.client.get(f"/api/v1/fairs/{FAIR}/overview").json()["feedback"]
    assert feedback["reported"] == 1 and feedback["no_show_rate"] == 1.0 and feedback["absent"]["buyer"] == 1
    form["outcome"] = "held"  # corrected: it was held after all
    pages.client.post(f"/fairs/{FAIR}/attendance", data=form, follow_redirects=False)
    assert pages.client.get(f"/api/v1/fairs/{FAIR}/overview").json()["feedback"]["no_show_rate"] == 0.0
    form.update(buyer_id="NOBODY")
    assert pages.client.post(f"/fairs/{FAIR}/attendance", data=form).status_code == 404


def test_the_registration_import_page_reports_every_problem(pages: Pages, tmp_path: Path) -> None:
    pages.login("ana")
    assert "fair_participants.csv" in pages.client.get("/fairs/import").text
    rows = demo_rows("fair_participants")[:2]
    rows[0]["fair_id"], rows[1]["role"] = "NOFAIR", "spectator"
    path = tmp_path / "fair_participants.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with path.open("rb") as handle:
        response = pages.client.post(
            "/fairs/import",
            data={"csrf_token": pages.csrf("/fairs/import")},
            files={"files": ("fair_participants.csv", handle, "text/csv")},
        )
    assert response.status_code == 422
    assert "NOFAIR" in response.text and "spectator" in response.text


def test_a_participant_sees_its_own_agenda_and_nothing_else(pages: Pages) -> None:
    mine = next(row for row in demo_rows("fair_participants") if row["enterprise_id"])
    other = next(row for row in demo_rows("fair_participants") if row["enterprise_id"] != mine["enterprise_id"])
    with Session(pages.engine) as session:
        add_user(
            session, CTX, username="par", role=Role.PARTICIPANT, password=PASSWORD, enterprise_id=mine["enterprise_id"]
        )
        session.commit()
    pages.users.add("par")
    pages.login("par")
    listing = pages.client.get("/fairs").text
    assert f"/fairs/{FAIR}/participants/{mine['id']}" in listing and f'/fairs/{FAIR}"' not in listing
    assert pages.client.get(f"/fairs/{FAIR}/participants/{mine['id']}").status_code == 200
    assert pages.client.get(f"/fairs/{FAIR}/participants/{other['id']}").status_code == 403
    assert pages.client.get(f"/fairs/{FAIR}").status_code == 403
    listed = re.findall(r"/participants/([\w-]+)\"", pages.client.get(f"/fairs/{FAIR}/participants").text)
    assert listed == [mine["id"]]
