"""Briefings made in the background (`services.jobs`), for the API and the page: each job makes one briefing
in its own unit of work, stores its files with the issue and is polled by its id until done or failed."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import threading
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine

from chainatlas.domain.briefing import (
    BriefingError,
    BriefingJobStatus,
    BriefingParams,
    BriefingRequest,
    month_of,
    parse_formats,
    parse_period,
    parse_sections,
)
from chainatlas.domain.common import Problem
from chainatlas.domain.user import User
from chainatlas.services.briefing_issues import BriefingFiles, make_briefing
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import InvalidInput
from chainatlas.services.jobs import HEAVY_JOBS, Job, JobRunner, Progress
from chainatlas.services.validation import field_problems
from chainatlas.store.engine import UnitOfWork

CHART_SCRIPTS = ("vendor/echarts.min.js", "escape.js", "scorecard.js", "gantt.js")
"""The pages' chart scripts (shipped with the web pages), in load order: the briefing draws its charts with them."""
STEPS = ("data", "html", "pdf", "docx", "xlsx")
FILE_URL = "/api/v1/reports/briefing/{series}/{period}/{lang}/{audience}/briefing.{format}"
LIMIT_SECONDS = 300.0


def chart_scripts() -> list[str]:
    """Return the texts of the pages' chart scripts, read from the package's web assets."""
    static = files("chainatlas").joinpath("web", "static")
    return [static.joinpath(*name.split("/")).read_text(encoding="utf-8") for name in CHART_SCRIPTS]


def file_urls(made: BriefingFiles, params: BriefingParams) -> dict[str, str]:
    """Return where the API serves each stored file of a briefing."""
    issue = made.issue
    return {
        fmt: FILE_URL.format(
            series=issue.series, period=issue.period, lang=params.lang, audience=params.audience, format=fmt
        )
        for fmt in made.files
    }


class BriefingJobs:
    """The briefing jobs of one application's database, by id (jobs of the one heavy-job runner)."""

    def __init__(self, engine: Engine, runner: JobRunner = HEAVY_JOBS) -> None:
        self.engine, self.runner = engine, runner
        self._lock = threading.Lock()
        self._jobs: dict[str, tuple[Job, BriefingParams]] = {}
        self._ids = itertools.count(1)
        self._token = object()

    def start(self, user: User, ctx: WriteContext, params: BriefingParams, formats: list[str], series: str) -> str:
        """Start making a briefing; return the job's id (TooManyJobs when the user has too many running)."""

        def compute(tick: Progress | None) -> dict[str, Any]:
            steps = iter(range(1, len(STEPS) + 1))

            def step(name: str) -> None:
                if tick is not None:
                    tick(next(steps, len(STEPS)), len(STEPS), name)

            with UnitOfWork(self.engine) as uow:
                made = make_briefing(
                    uow.session,
                    user,
                    ctx,
                    params=params,
                    formats=formats,
                    scripts=chart_scripts(),
                    series=series,
                    step=step,
                )
                uow.commit()
            return {
                "issue": made.issue,
                "files": file_urls(made, params),
                "checksums": made.checksums,
                "figures": made.figures,
            }

        with self._lock:
            job_id = f"b{os.getpid()}-{next(self._ids)}"  # never another server process's id
            job = self.runner.start(("briefing", self._token, job_id), user, compute, limit=LIMIT_SECONDS)
            self._jobs[job_id] = (job, params)
        return job_id

    def status(self, job_id: str) -> BriefingJobStatus | None:
        """Return a job's state and, once done, its result; None for an unknown id."""
        with self._lock:
            found = self._jobs.get(job_id)
        if found is None:
            return None
        job = found[0]
        result = job.result if job.state == "done" and isinstance(job.result, dict) else {}
        error = str(self.runner.timed_out(job)) if job.timed_out else job.error
        return BriefingJobStatus(
            id=job_id, state=job.state, elapsed=round(job.elapsed(), 1), note=job.note, error=error, **result
        )

    def owner(self, job_id: str) -> str | None:
        """Return who started a job."""
        with self._lock:
            found = self._jobs.get(job_id)
        return None if found is None else found[0].owner


def briefing_request(data: Mapping[str, Any]) -> BriefingRequest:
    """Return a briefing request read from a page's form, every bad field named (InvalidInput, never a 500)."""
    try:
        return BriefingRequest.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(field_problems(error, data)) from error


def briefing_params(request: BriefingRequest, today: dt.date) -> tuple[BriefingParams, list[str]]:
    """Return a request's parameters and formats, every problem listed (`period`, `sections`, `formats`)."""
    as_of = request.as_of or today
    period = request.period or month_of(as_of)
    problems: list[Problem] = []
    for field, check in (
        ("period", lambda: parse_period(period)),
        ("sections", lambda: parse_sections(",".join(request.sections))),
        ("formats", lambda: parse_formats(",".join(request.formats))),
    ):
        try:
            check()
        except BriefingError as error:
            problems.append(Problem.of(field, error.code, error.params))
    if problems:
        raise InvalidInput(problems)
    params = BriefingParams(
        as_of=as_of,
        period=period,
        lang=request.lang,
        audience=request.audience,
        sections=parse_sections(",".join(request.sections)),
        cluster=request.cluster,
    )
    return params, list(parse_formats(",".join(request.formats)))
