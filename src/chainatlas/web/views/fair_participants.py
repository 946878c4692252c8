"""The fair's participant pages: the registration list, a participant's recommendations and printable agenda."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from chainatlas.services.fair import participant_recommendations, participants_of_user, registration
from chainatlas.services.fair_reports import participant_agenda
from chainatlas.web.deps import UoW, Viewer, signed_in
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)


@router.get("/fairs/{fair_id}/participants")
def participants_page(request: Request, fair_id: str, uow: UoW, user: Viewer) -> Response:
    """List the registrations the user may open (all for organisers, their own otherwise)."""
    viewer = signed_in(user)
    reg = registration(uow.session, fair_id)
    people = participants_of_user(uow.session, viewer, fair_id)
    return render(request, "fair_participants.html", {"fair": reg.fair, "people": people}, user=viewer)


@router.get("/fairs/{fair_id}/participants/{participant_id}")
def participant_page(
    request: Request, fair_id: str, participant_id: str, uow: UoW, user: Viewer,
    k: Annotated[int, Query(ge=1, le=100)] = 10,
) -> Response:  # fmt: skip
    """Show a participant's agenda (printable) and recommended counterparts with their reasons."""
    agenda = participant_agenda(uow.session, user, fair_id=fair_id, participant_id=participant_id)
    pairs = participant_recommendations(uow.session, user, fair_id=fair_id, participant_id=participant_id, k=k)
    people = registration(uow.session, fair_id).by_id()
    me = agenda.participant
    lines = [(people[p.buyer if p.exhibitor == me.id else p.exhibitor], p) for p in pairs]
    base = f"/api/v1/fairs/{fair_id}/participants/{participant_id}"
    context = {"agenda": agenda, "fair": agenda.fair, "me": me, "lines": lines, "k": k,
               "ics_href": f"{base}/agenda.ics", "xlsx_href": f"{base}/agenda.xlsx"}  # fmt: skip
    return render(request, "fair_participant.html", context, user=user)
