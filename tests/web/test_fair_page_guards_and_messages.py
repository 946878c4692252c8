"""Fair pages: sign-in before existence, the synthetic badge of an empty fair, a second "generate" while a
job runs, the attendance form's error in Chinese, unmet must-meets with their reason."""

from __future__ import annotations

from sqlalchemy.orm import Session
from tests.web.conftest import CTX, Pages

from chainatlas.services.fair_jobs import ScheduleJobs
from chainatlas.services.jobs import Job
from chainatlas.services.records import create_record

FAIR = "CICEE2023"


def test_an_anonymous_visitor_is_sent_to_sign_in_whether_the_participant_exists_or_not(pages: Pages) -> None:
    for pid in ("NOPE", "C23-B001"):
        response = pages.client.get(f"/fairs/{FAIR}/participants/{pid}", follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"].startswith("/login"), pid


def test_a_fair_without_participants_has_no_synthetic_badge(pages: Pages) -> None:
    with Session(pages.engine) as session:
        create_record(
            session,
            CTX,
            kind="fairs",
            data={
                "id": "EMPTY",
                "name_zh": "空展会",
                "start": "2026-05-15",
                "end": "2026-05-16",
                "source": "https://example.org/fair",
            },
        )
        session.commit()
    pages.login("ana")
    empty = pages.client.get("/fairs/EMPTY")
    assert empty.status_code == 200 and 'class="badge synthetic' not in empty.text.split("</h1>")[0]
    demo = pages.client.get(f"/fairs/{FAIR}")
    assert "合成" in demo.text.split("</h1>")[0]  # the demo fair's participants are all synthetic


def test_generate_again_while_a_job_runs_says_so(pages: Pages) -> None:
    pages.login("ana")
    jobs = ScheduleJobs(pages.engine)
    jobs._latest[FAIR] = Job(("fair_schedule", FAIR), "ana", 660.0, 5, expected=600.0)  # a job still running
    pages.client.app.state.fair_jobs = jobs  # type: ignore[attr-defined]
    token = pages.csrf(f"/fairs/{FAIR}")
    posted = pages.client.post(
        f"/fairs/{FAIR}/schedule", data={"csrf_token": token, "time_limit": "5"}, follow_redirects=False
    )
    assert posted.status_code == 303 and "running=1" in posted.headers["location"]
    page = pages.client.get(posted.headers["location"])
    assert 'id="already-running"' in page.text and "排程正在生成中" in page.text
    assert jobs.get(FAIR) is jobs._latest[FAIR]  # the running job was kept, no second one started


def test_a_bad_attendance_choice_names_the_form_choices_in_chinese(pages: Pages) -> None:
    pages.login("ana")
    token = pages.csrf(f"/fairs/{FAIR}")
    response = pages.client.post(
        f"/fairs/{FAIR}/attendance",
        data={"csrf_token": token, "exhibitor_id": "C23-E001", "buyer_id": "C23-B001", "outcome": "absent"},
        follow_redirects=False,
    )
    assert response.status_code == 400
    assert "须为表单选项之一" in response.text and "input should be" not in response.text


def test_the_job_reports_elapsed_over_limit_while_the_engine_is_quiet() -> None:
    job = Job("F", "ana", 160.0, 5, started=0.0, done=50, total=1000, expected=100.0)
    assert job.progress(40.0) == 0.4  # 40 s of 100 s
    assert job.progress(3.0) == 0.05  # the engine's own fraction when larger
    assert job.progress(500.0) == 0.99  # not done until it says so
    job.finished.set()
    assert job.state == "done" and job.progress(500.0) == 1.0
