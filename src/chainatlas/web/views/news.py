"""News pages: the article list with filters, one article with its linked names highlighted in the original
text, and the review queue of proposed organisation names (accept, merge as alias, reject)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Path, Query, Request
from starlette.responses import RedirectResponse, Response

from chainatlas.domain.access import REGISTRY, Action, allowed
from chainatlas.domain.article import AcceptAs, ArticleFilter, ProposalState
from chainatlas.domain.common import MAX_DB_INT, Code, Problem
from chainatlas.domain.news_results import DISRUPTION_KINDS, TOPICS
from chainatlas.domain.organisation import OrganisationType
from chainatlas.reports.news_marks import marked_pieces
from chainatlas.services.context import Via
from chainatlas.services.errors import Conflict, InvalidInput
from chainatlas.services.news import get_article, list_articles
from chainatlas.services.news_review import accept_proposal, list_proposals, merge_proposal, reject_proposal
from chainatlas.web.deps import UoW, Viewer, user_allowed, write_context
from chainatlas.web.errors import PageRoute
from chainatlas.web.render import render, translator

router = APIRouter(route_class=PageRoute, include_in_schema=False)
Text = Annotated[str, Query(max_length=200)]
Id = Annotated[int, Path(ge=1, le=MAX_DB_INT)]
CHOICES = {"": None, "yes": True, "no": False}


def _day(text: str, field: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise InvalidInput([Problem.coded(field, "field.date", value=text)]) from error


@router.get("/news")
def news_page(
    request: Request,
    uow: UoW,
    user: Viewer,
    topic: Text = "",
    enterprise: Text = "",
    project: Text = "",
    date_from: Text = "",
    date_to: Text = "",
    disruption: Text = "",
    q: Text = "",
    after: Annotated[str, Query(max_length=400)] = "",
) -> Response:
    """Show the articles, newest first, filtered by topic, enterprise, project, dates and disruption."""
    reader = user_allowed(user, Action.READ)
    filters = ArticleFilter(
        topic=topic or None,
        enterprise=enterprise or None,
        project=project or None,
        date_from=_day(date_from, "date_from"),
        date_to=_day(date_to, "date_to"),
        disruption=CHOICES.get(disruption),
        text=q or None,
    )
    page = list_articles(uow.session, reader, filters=filters, after=after or None, limit=50)
    kept = {k: v for k, v in request.query_params.items() if k != "after" and v}
    context = {
        "page": page,
        "filters": {
            "topic": topic,
            "enterprise": enterprise,
            "project": project,
            "date_from": date_from,
            "date_to": date_to,
            "disruption": disruption,
            "q": q,
        },
        "topics": TOPICS,
        "next_href": f"/news?{urlencode({**kept, 'after': page.next})}" if page.next else None,
        "can_review": allowed(reader, Action.WRITE, REGISTRY),
    }
    return render(request, "news.html", context, user=user)


@router.get("/news/review")
def review_page(request: Request, uow: UoW, user: Viewer, state: Text = "pending") -> Response:
    """Show the organisation names proposed for review and, for analysts, the forms that decide on each."""
    reader = user_allowed(user, Action.READ)
    context = {
        "proposals": list_proposals(uow.session, reader, state=state),
        "state": state,
        "states": ["all", *(s.value for s in ProposalState)],
        "can_write": allowed(reader, Action.WRITE, REGISTRY),
        "org_types": [t.value for t in OrganisationType],
        "refused": request.query_params.get("refused"),
    }
    return render(request, "news_review.html", context, user=user)


def _decided(action: str, proposal_id: int, *, uow: UoW, user: Viewer, **fields: str) -> Response:
    writer = user_allowed(user, Action.WRITE)
    ctx = write_context(writer, Via.WEB)
    try:
        if action == "accept":
            accept_proposal(
                uow.session,
                writer,
                ctx,
                proposal_id=proposal_id,
                as_kind=AcceptAs(fields["as_kind"]),
                record_id=fields["record_id"],
                organisation_type=OrganisationType(fields["org_type"]),
            )
        elif action == "merge":
            merge_proposal(uow.session, writer, ctx, proposal_id=proposal_id, target=fields["target"])
        else:
            reject_proposal(uow.session, writer, ctx, proposal_id=proposal_id)
        uow.commit()
    except Conflict as error:
        uow.rollback()
        if error.code != "news.proposal_decided":
            raise  # e.g. the id chosen for the new record exists: the error page names it
        # decided meanwhile (a second click, another tab): the queue says so
        return RedirectResponse(f"/news/review?refused={proposal_id}", status_code=303)
    return RedirectResponse("/news/review", status_code=303)


@router.post("/news/review/{proposal_id}/accept")
def review_accept(
    proposal_id: Id,
    uow: UoW,
    user: Viewer,
    as_kind: Annotated[AcceptAs, Form()],
    record_id: Annotated[Code, Form()],
    org_type: Annotated[OrganisationType, Form()] = OrganisationType.OTHER,
) -> Response:
    """Accept a proposed name as a new enterprise or organisation."""
    return _decided(
        "accept", proposal_id, uow=uow, user=user, as_kind=as_kind.value, record_id=record_id, org_type=org_type.value
    )


@router.post("/news/review/{proposal_id}/merge")
def review_merge(
    proposal_id: Id,
    uow: UoW,
    user: Viewer,
    target_kind: Annotated[str, Form(pattern="^(enterprises|organisations)$")],
    target_id: Annotated[Code, Form()],
) -> Response:
    """Merge a proposed name as an alias of an existing enterprise or organisation."""
    return _decided("merge", proposal_id, uow=uow, user=user, target=f"{target_kind}/{target_id}")


@router.post("/news/review/{proposal_id}/reject")
def review_reject(proposal_id: Id, uow: UoW, user: Viewer) -> Response:
    """Reject a proposed name."""
    return _decided("reject", proposal_id, uow=uow, user=user)


@router.get("/news/{article_id}")
def article_page(request: Request, article_id: Id, uow: UoW, user: Viewer) -> Response:
    """Show one article: its original text with the linked names highlighted, what was found, its other copies."""
    reader = user_allowed(user, Action.READ)
    article = get_article(uow.session, reader, article_id)
    t = translator(request)
    context = {
        "article": article,
        "pieces": marked_pieces(article.text_original, article.extraction),
        "disruption_label": t(f"news.disruption.{article.disruption}") if article.disruption else None,
        "kinds": DISRUPTION_KINDS,
    }
    return render(request, "article.html", context, user=user)
