"""The fair (CICEE): match scores, recommendations, scheduling, the organiser's overview and agendas.

The fair's records themselves (fairs, fair_participants, fair_preferences, fair_meetings,
fair_attendance) have the registry's CRUD routes; imports go through `/imports`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from chainatlas.api.cluster_query import ClusterQuery
from chainatlas.api.deps import CurrentUser, UoW, Writer, write_context
from chainatlas.domain.fair_results import (
    AgendaReport,
    FairMatches,
    FairOverviewReport,
    FairRecommendations,
    FairScheduleReport,
)
from chainatlas.services.context import Via
from chainatlas.services.fair import match_report, recommendation_report
from chainatlas.services.fair_exports import fair_participants_xlsx, fair_schedule_xlsx
from chainatlas.services.fair_reports import agenda_file, agenda_of, overview_of, participant_agenda
from chainatlas.services.fair_schedule import schedule_fair

router = APIRouter(prefix="/fairs", tags=["fair"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/{fair_id}/matches", summary="Every scored exhibitor–buyer pair, best first, with reasons (organisers)")
def matches(
    fair_id: str,
    uow: UoW,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 200,
    cluster: ClusterQuery = None,
) -> FairMatches:
    """Return the pairs with a positive score or a stated preference; vetoed pairs come last with score 0. The
    gap bonus is the cluster's: its chain gaps, an exhibitor outside it and a buyer in it."""
    return match_report(uow.session, user, fair_id=fair_id, limit=limit, cluster=cluster)


@router.get("/{fair_id}/participants/{participant_id}/recommendations", summary="A participant's top-k counterparts")
def recommend(
    fair_id: str,
    participant_id: str,
    uow: UoW,
    user: CurrentUser,
    k: Annotated[int, Query(ge=1, le=500)] = 10,
    cluster: ClusterQuery = None,
) -> FairRecommendations:
    """Return the best k counterparts with their score parts and reasons (organisers, or the participant itself);
    the gap bonus is the cluster's."""
    return recommendation_report(
        uow.session, user, fair_id=fair_id, participant_id=participant_id, k=k, cluster=cluster
    )


API_MAX_TIME_LIMIT = 60.0
"""The longest solve the API runs synchronously inside one request (docs/fair.md)."""


class ScheduleRequest(BaseModel):
    """How long the engine may search, and its random seed."""

    time_limit: float = Field(
        default=30.0,
        gt=0,
        le=API_MAX_TIME_LIMIT,
        description=f"seconds the engine may search inside the request, at most {API_MAX_TIME_LIMIT:.0f}; "
        "longer runs: the fair page's background job (`/fairs/{fair}`) or `chainatlas fair schedule`",
    )
    seed: int = Field(default=0, ge=0, le=2**31 - 1, description="the engine's random seed (32-bit)")


@router.post("/{fair_id}/schedule", summary="Schedule the fair's meetings and store them (organisers)")
def schedule(
    fair_id: str,
    uow: UoW,
    user: Writer,
    body: Annotated[ScheduleRequest | None, Body()] = None,
    cluster: ClusterQuery = None,
) -> FairScheduleReport:
    """Replace the fair's meetings by a new schedule (the meetings' values carry the cluster's gap bonus); return
    its value, upper bound, gap and unmet must-meets."""
    options = body or ScheduleRequest()
    result = schedule_fair(
        uow.session,
        user,
        write_context(user, Via.API),
        fair_id=fair_id,
        time_limit=options.time_limit,
        seed=options.seed,
        cluster=cluster,
    )
    uow.commit()
    return result


@router.get("/{fair_id}/overview", summary="Slot × table grid, per-participant counts, unmet must-meets, no-shows")
def overview(fair_id: str, uow: UoW, user: CurrentUser) -> FairOverviewReport:
    """Return the organiser's view of the fair's schedule and, after the fair, its attendance feedback."""
    return overview_of(uow.session, user, fair_id=fair_id)


@router.get("/{fair_id}/participants/{participant_id}/agenda", summary="A participant's agenda (JSON)")
def agenda(fair_id: str, participant_id: str, uow: UoW, user: CurrentUser) -> AgendaReport:
    """Return the participant's meetings in time order (organisers, or the participant itself)."""
    return agenda_of(uow.session, user, fair_id=fair_id, participant_id=participant_id)


def _file_answer(media_type: str, what: str) -> dict[int | str, dict[str, Any]]:
    """Return the OpenAPI answer of a route that sends a file instead of JSON."""
    return {200: {"description": what, "content": {media_type: {"schema": {"type": "string", "format": "binary"}}}}}


@router.get(
    "/{fair_id}/participants/{participant_id}/agenda.ics",
    summary="A participant's agenda as iCalendar",
    response_class=Response,
    responses=_file_answer("text/calendar", "the agenda, one event per meeting"),
)
def agenda_calendar(fair_id: str, participant_id: str, uow: UoW, user: CurrentUser) -> Response:
    """Return the agenda as an .ics file (one event per meeting, in the fair's time zone)."""
    found = participant_agenda(uow.session, user, fair_id=fair_id, participant_id=participant_id)
    body = agenda_file(found, "ics", stamp=dt.datetime.now(dt.UTC))
    return Response(
        body, media_type="text/calendar; charset=utf-8", headers=_attachment(f"agenda-{participant_id}.ics")
    )


@router.get(
    "/{fair_id}/participants/{participant_id}/agenda.xlsx",
    summary="A participant's agenda as XLSX",
    response_class=Response,
    responses=_file_answer(XLSX, "the agenda as a workbook"),
)
def agenda_workbook(fair_id: str, participant_id: str, uow: UoW, user: CurrentUser) -> Response:
    """Return the agenda as an Excel workbook."""
    found = participant_agenda(uow.session, user, fair_id=fair_id, participant_id=participant_id)
    body = agenda_file(found, "xlsx", stamp=dt.datetime.now(dt.UTC))
    return Response(body, media_type=XLSX, headers=_attachment(f"agenda-{participant_id}.xlsx"))


Language = Annotated[str, Query(pattern="^(zh|en)$", description="language of the headers and words (zh: 是/否)")]


@router.get(
    "/{fair_id}/schedule.xlsx",
    summary="Every meeting of the fair as XLSX (organisers)",
    response_class=Response,
    responses=_file_answer(XLSX, "the schedule: day, slot, times, table, exhibitor, buyer, must-meet, score, outcome"),
)
def schedule_workbook(fair_id: str, uow: UoW, user: CurrentUser, lang: Language = "zh") -> Response:
    """Return the whole fair's schedule as an Excel workbook (numbers as numbers, local date-times)."""
    body = fair_schedule_xlsx(uow.session, user, fair_id=fair_id, lang=lang)
    return Response(body, media_type=XLSX, headers=_attachment(f"{fair_id}-schedule.xlsx"))


@router.get(
    "/{fair_id}/participants.xlsx",
    summary="The fair's participants with their meeting counts as XLSX (organisers)",
    response_class=Response,
    responses=_file_answer(XLSX, "one row per participant: role, names, limits, meetings scheduled and held"),
)
def participants_workbook(fair_id: str, uow: UoW, user: CurrentUser, lang: Language = "zh") -> Response:
    """Return the fair's participant list as an Excel workbook."""
    body = fair_participants_xlsx(uow.session, user, fair_id=fair_id, lang=lang)
    return Response(body, media_type=XLSX, headers=_attachment(f"{fair_id}-participants.xlsx"))


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{re.sub(r"[^A-Za-z0-9_.-]", "_", name)}"'}
