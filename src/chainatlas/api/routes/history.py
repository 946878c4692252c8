"""The change history (变更记录): list changes by kind, record, user, source and date; open a change or a batch;
revert a change or an import batch (administrators)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from chainatlas.api.deps import CurrentUser, UoW, Writer, write_context
from chainatlas.domain.as_of import ClusterClock
from chainatlas.domain.common import MAX_DB_INT, PRINTABLE
from chainatlas.domain.history_results import BatchView, ChangeDetail, HistoryPage, RevertResult
from chainatlas.services.context import Via
from chainatlas.services.history import MAX_LIMIT, HistoryFilter, batch_detail, change_detail, list_history
from chainatlas.services.history_revert import revert_batch, revert_change

router = APIRouter(prefix="/history", tags=["change history"])
Id = Annotated[int, Path(ge=1, le=MAX_DB_INT)]


@router.get("", response_model=HistoryPage, summary="Recorded changes, newest first, filtered")
def history(
    request: Request,
    uow: UoW,
    user: CurrentUser,
    kind: Annotated[
        str | None, Query(pattern=PRINTABLE, max_length=64, description="a kind, e.g. enterprises or users")
    ] = None,
    record: Annotated[
        str | None, Query(pattern=PRINTABLE, max_length=300, description="a record key, parts joined by /")
    ] = None,
    user_name: Annotated[
        str | None, Query(alias="user", pattern=PRINTABLE, max_length=64, description="who made the change")
    ] = None,
    source: Annotated[str | None, Query(pattern=PRINTABLE, max_length=8, description="api, web, cli or import")] = None,
    date_from: Annotated[dt.date | None, Query(description="first day (YYYY-MM-DD, the cluster's time zone)")] = None,
    date_to: Annotated[dt.date | None, Query(description="last day (YYYY-MM-DD, the cluster's time zone)")] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_DB_INT)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> HistoryPage:
    """Return one page of the change history (analysts and admins)."""
    filters = HistoryFilter(
        kind=kind,
        record=record,
        user=user_name,
        source=source,
        date_from=date_from,
        date_to=date_to,
        offset=offset,
        limit=limit,
    )
    clock: ClusterClock = request.app.state.clock
    return list_history(uow.session, user, filters=filters, zone=clock.zone)


@router.get("/changes/{change_id}", response_model=ChangeDetail, summary="One change, its fields side by side")
def change(change_id: Id, uow: UoW, user: CurrentUser) -> ChangeDetail:
    """Return one change with every field before and after, the changed ones marked."""
    return change_detail(uow.session, user, change_id=change_id)


@router.get("/batches/{batch_id}", response_model=BatchView, summary="One batch: files, checksums, counts, changes")
def batch(
    batch_id: Id,
    uow: UoW,
    user: CurrentUser,
    offset: Annotated[int, Query(ge=0, le=MAX_DB_INT)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> BatchView:
    """Return one batch (an import, an alert evaluation or a revert) with a page of its changes."""
    return batch_detail(uow.session, user, batch_id=batch_id, offset=offset, limit=limit)


@router.post(
    "/changes/{change_id}/revert",
    response_model=RevertResult,
    summary="Revert one change (admins); 409 with the reason when later changes depend on it",
)
def revert_one(change_id: Id, uow: UoW, user: Writer) -> RevertResult:
    """Undo one change through the record services; the revert is itself a recorded change."""
    done = revert_change(uow.session, user, write_context(user, Via.API), change_id=change_id)
    uow.commit()
    return done


@router.post(
    "/batches/{batch_id}/revert",
    response_model=RevertResult,
    summary="Revert a whole import batch (admins); 409 with the reason when later changes depend on it",
)
def revert_whole(batch_id: Id, uow: UoW, user: Writer) -> RevertResult:
    """Undo an import: restore what it updated, delete what it added, as one new batch."""
    done = revert_batch(uow.session, user, write_context(user, Via.API), batch_id=batch_id)
    uow.commit()
    return done
