"""Monitoring — alerts (预警): list, evaluate the rules as of a date, acknowledge."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from chainatlas.api.deps import CurrentUser, Today, UoW, Writer, write_context
from chainatlas.domain.alert import AlertThresholds, ProjectRules
from chainatlas.domain.as_of import AsOfDate
from chainatlas.domain.common import MAX_DB_INT
from chainatlas.domain.monitoring_results import AlertListing, AlertView, Evaluation
from chainatlas.services.alerts import acknowledge_alert, alert_listing, alert_view, evaluate_alerts
from chainatlas.services.context import Via

router = APIRouter(prefix="/alerts", tags=["monitoring: alerts"])


@router.get("", response_model=AlertListing, summary="Stored alerts, most urgent first")
def alerts(
    uow: UoW,
    user: CurrentUser,
    state: Annotated[
        str, Query(description="open, acknowledged, cleared, live (open and acknowledged) or all")
    ] = "live",
    rule: Annotated[str | None, Query(description="only alerts of this rule")] = None,
    lang: Annotated[str, Query(pattern="^(zh|en)$", description="language of `message`")] = "en",
) -> AlertListing:
    """Return the alerts and the count in each state."""
    return alert_listing(uow.session, user, state=state, rule=rule, lang=lang)


class EvaluateRequest(BaseModel):
    """An evaluation: the as-of date and, optionally, thresholds other than the defaults (any other key: 422)."""

    model_config = ConfigDict(extra="forbid")

    as_of: AsOfDate | None = Field(
        default=None, description="YYYY-MM-DD, 1800-01-01 to 2100-12-31; default today in the cluster's time zone"
    )
    thresholds: AlertThresholds = Field(default_factory=AlertThresholds)
    project_rules: ProjectRules = Field(default_factory=ProjectRules)


@router.post(
    "/evaluate",
    response_model=Evaluation,
    summary="Run the alert rules as of a date; raise, refresh, reopen and clear alerts",
)
def evaluate(
    uow: UoW, user: Writer, today: Today, body: Annotated[EvaluateRequest | None, Body()] = None
) -> Evaluation:
    """Return the condition keys raised, refreshed, reopened and cleared (analysts and admins)."""
    request = body or EvaluateRequest()
    done = evaluate_alerts(
        uow.session,
        user,
        write_context(user, Via.API),
        as_of=request.as_of or today,
        limits=request.thresholds,
        rules=request.project_rules,
    )
    uow.commit()
    return done


@router.post(
    "/{alert_id}/acknowledge",
    response_model=AlertView,
    summary="Acknowledge an open alert (recorded in the change history)",
)
def acknowledge(alert_id: Annotated[int, Path(ge=1, le=MAX_DB_INT)], uow: UoW, user: Writer) -> AlertView:
    """Return the acknowledged alert."""
    alert = acknowledge_alert(uow.session, user, write_context(user, Via.API), alert_id=alert_id)
    uow.commit()
    return alert_view(alert)
