"""News (情报): articles with filters and keyset paging, one article with its texts and extraction, the review
queue of proposed organisation names and its decisions, and the feeds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Body, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from chainatlas.api.deps import CurrentUser, UoW, Writer, write_context
from chainatlas.domain.article import (
    AcceptAs,
    Article,
    ArticleFilter,
    ArticlePage,
    Feed,
    FeedCreate,
    Proposal,
)
from chainatlas.domain.common import MAX_DB_INT, Code
from chainatlas.domain.organisation import OrganisationType
from chainatlas.services.context import Via
from chainatlas.services.news import get_article, list_articles
from chainatlas.services.news_feeds import add_feed, list_feeds
from chainatlas.services.news_review import accept_proposal, list_proposals, merge_proposal, reject_proposal

router = APIRouter(tags=["news"])
Id = Annotated[int, Path(ge=1, le=MAX_DB_INT)]
RefId = Annotated[str | None, Query(max_length=64)]


@router.get("/articles", response_model=ArticlePage, summary="Articles, newest first, with filters and keyset paging")
def articles(
    uow: UoW,
    user: CurrentUser,
    topic: Annotated[str | None, Query(max_length=40, description="one of the topics (e.g. exports)")] = None,
    enterprise: Annotated[
        str | None, Query(max_length=64, description="only articles naming this enterprise id")
    ] = None,
    project: Annotated[str | None, Query(max_length=64, description="only articles naming this project id")] = None,
    organisation: RefId = None,
    date_from: Annotated[dt.date | None, Query(description="article day (published, else retrieved) from")] = None,
    date_to: Annotated[dt.date | None, Query(description="… to (inclusive)")] = None,
    disruption: Annotated[bool | None, Query(description="true: only disruptions; false: none")] = None,
    story: Annotated[int | None, Query(ge=1, le=MAX_DB_INT, description="only the copies of one story")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the title or normalised text")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    after: Annotated[str | None, Query(max_length=400, description="the `next` cursor of the previous page")] = None,
) -> ArticlePage:
    """Return one page of articles (signed-in users); `next` is the cursor of the following page."""
    filters = ArticleFilter(
        topic=topic,
        enterprise=enterprise,
        project=project,
        organisation=organisation,
        date_from=date_from,
        date_to=date_to,
        disruption=disruption,
        story=story,
        text=q,
    )
    return list_articles(uow.session, user, filters=filters, after=after, limit=limit)


@router.get("/articles/proposals", response_model=list[Proposal], summary="The review queue of proposed names")
def proposals(
    uow: UoW,
    user: CurrentUser,
    state: Annotated[str, Query(max_length=20, description="pending, accepted, merged, rejected or all")] = "pending",
) -> list[Proposal]:
    """Return the organisation names the extraction proposed, most seen first."""
    return list_proposals(uow.session, user, state=state)


class AcceptRequest(BaseModel):
    """Accept a proposed name as a new enterprise or organisation with this id."""

    model_config = ConfigDict(extra="forbid")

    as_kind: AcceptAs = Field(alias="as")
    id: Code
    country: str = Field(default="CN", pattern=r"^[A-Z]{2}$", description="an enterprise's country (ISO 3166)")
    type: OrganisationType = OrganisationType.OTHER


class MergeRequest(BaseModel):
    """Merge a proposed name as an alias of `enterprises/<id>` or `organisations/<id>`."""

    model_config = ConfigDict(extra="forbid")

    target: str = Field(max_length=200)


@router.post("/articles/proposals/{proposal_id}/accept", response_model=Proposal, summary="Accept a proposed name")
def accept(proposal_id: Id, uow: UoW, user: Writer, body: Annotated[AcceptRequest, Body()]) -> Proposal:
    """Add the name to the registry as a new record and record the decision (analysts and admins)."""
    done = accept_proposal(
        uow.session,
        user,
        write_context(user, Via.API),
        proposal_id=proposal_id,
        as_kind=body.as_kind,
        record_id=body.id,
        country=body.country,
        organisation_type=body.type,
    )
    uow.commit()
    return done


@router.post("/articles/proposals/{proposal_id}/merge", response_model=Proposal, summary="Merge as an alias")
def merge(proposal_id: Id, uow: UoW, user: Writer, body: Annotated[MergeRequest, Body()]) -> Proposal:
    """Add the name as an alias of an existing enterprise or organisation and record the decision."""
    done = merge_proposal(uow.session, user, write_context(user, Via.API), proposal_id=proposal_id, target=body.target)
    uow.commit()
    return done


@router.post("/articles/proposals/{proposal_id}/reject", response_model=Proposal, summary="Reject a proposed name")
def reject(proposal_id: Id, uow: UoW, user: Writer) -> Proposal:
    """Mark the name as not to add and record the decision."""
    done = reject_proposal(uow.session, user, write_context(user, Via.API), proposal_id=proposal_id)
    uow.commit()
    return done


@router.get("/articles/feeds", response_model=list[Feed], summary="Feeds and their schedules")
def feeds(uow: UoW, user: CurrentUser) -> list[Feed]:
    """Return every feed with its schedule and last fetch."""
    return list_feeds(uow.session, user)


@router.post("/articles/feeds", response_model=Feed, status_code=201, summary="Add a feed")
def new_feed(uow: UoW, user: Writer, body: Annotated[FeedCreate, Body()]) -> Feed:
    """Add an RSS/Atom feed fetched every `every_minutes` (analysts and admins)."""
    added = add_feed(uow.session, user, write_context(user, Via.API), body)
    uow.commit()
    return added


@router.get("/articles/{article_id}", response_model=Article, summary="One article")
def article(article_id: Id, uow: UoW, user: CurrentUser) -> Article:
    """Return an article: original and normalised text, extraction (mentions with offsets), story copies."""
    return get_article(uow.session, user, article_id)
