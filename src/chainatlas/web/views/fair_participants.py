"""The fair's participant pages: the registration list, a participant's recommendations and printable agenda."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from chainatlas.domain.access import Action
from chainatlas.domain.common import Problem
from chainatlas.services.context import Via
from chainatlas.services.errors import InvalidInput
from chainatlas.services.fair import is_organiser, participants_of_user, recommendation_report, registration
from chainatlas.services.fair_reports import participant_agenda, record_attendance
from chainatlas.web.deps import UoW, Viewer, safe_next, signed_in, user_allowed, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)
OUTCOMES = {
    "held": ("held", None),
    "no_show:exhibitor": ("no_show", "exhibitor"),
    "no_show:buyer": ("no_show", "buyer"),
    "no_show:both": ("no_show", None),
}
"""The feedback form's choices → (outcome, absent side)."""
OUTCOME_CHOICES = f"must be one of {', '.join(OUTCOMES)}"


@router.get("/fairs/{fair_id}/participants")
def participants_page(request: Request, fair_id: str, uow: UoW, user: Viewer) -> Response:
    """List the registrations the user may open (all for organisers, their own otherwise)."""
    viewer = signed_in(user)
    reg = registration(uow.session, fair_id)
    people = participants_of_user(uow.session, viewer, fair_id)
    return render(request, "fair_participants.html", {"fair": reg.fair, "people": people}, user=viewer)


@router.get("/fairs/{fair_id}/participants/{participant_id}")
def participant_page(
    request: Request,
    fair_id: str,
    participant_id: str,
    uow: UoW,
    user: Viewer,
    k: Annotated[int, Query(ge=1, le=100)] = 10,
    cluster: Annotated[str | None, Query()] = None,
) -> Response:
    """Show a participant's agenda (printable) and recommended counterparts with their reasons (the gap bonus:
    the chosen cluster's gaps)."""
    user = signed_in(user)  # sign-in first: an anonymous visitor learns nothing about which ids exist
    agenda = participant_agenda(uow.session, user, fair_id=fair_id, participant_id=participant_id)
    found = recommendation_report(
        uow.session, user, fair_id=fair_id, participant_id=participant_id, k=k, cluster=cluster
    )
    people = registration(uow.session, fair_id).by_id()
    me = agenda.participant
    lines = [(people[p.buyer if p.exhibitor == me.id else p.exhibitor], p) for p in found.recommendations]
    base = f"/api/v1/fairs/{fair_id}/participants/{participant_id}"
    context = {
        "agenda": agenda,
        "fair": agenda.fair,
        "me": me,
        "lines": lines,
        "k": k,
        "cluster": cluster,
        "ics_href": f"{base}/agenda.ics",
        "xlsx_href": f"{base}/agenda.xlsx",
        "feedback": is_organiser(user),
        "outcomes": OUTCOMES,
    }
    return render(request, "fair_participant.html", context, user=user)


@router.post("/fairs/{fair_id}/attendance")
def attendance(
    request: Request,
    fair_id: str,
    uow: UoW,
    user: Viewer,
    exhibitor_id: Annotated[str, Form()],
    buyer_id: Annotated[str, Form()],
    outcome: Annotated[str, Form()],
    next_page: Annotated[str | None, Form(alias="next")] = None,
) -> Response:
    """Record after the fair whether a meeting was held or who did not come (organisers), then go back."""
    organiser = user_allowed(user, Action.WRITE)
    if outcome not in OUTCOMES:  # name the form's own choices, not the stored outcome values
        raise InvalidInput([Problem(field="outcome", message=OUTCOME_CHOICES, value=outcome)])
    result, absent = OUTCOMES[outcome]
    record_attendance(
        uow.session,
        organiser,
        write_context(organiser, Via.WEB),
        fair_id=fair_id,
        exhibitor_id=exhibitor_id,
        buyer_id=buyer_id,
        outcome=result,
        absent=absent,
    )
    uow.commit()
    return RedirectResponse(safe_next(next_page, f"/fairs/{fair_id}"), status_code=303)
