"""Alert use cases (预警, part of monitoring): evaluate the rules as of a date and store the result, list, acknowledge.

Lifecycle (see docs/projects-alerts.md): a condition seen for the first time raises an `open` alert;
seen again, the alert keeps its state (an acknowledgement stands) and gets the new details; no longer
seen, a live alert becomes `cleared`; seen again after that, the same alert (same key, same id) opens
again, its acknowledgement dropped and `times_raised` counted up. Raising, clearing, reopening and
acknowledging are recorded in the change history (kind `alerts`); plain refreshes are not. Each
evaluation is a change batch (counts: what it did, as of which date) that the changes belong to.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from chainatlas.analytics.alerts import evaluate_rules
from chainatlas.domain.access import Action
from chainatlas.domain.alert import (
    Alert,
    AlertCondition,
    AlertRule,
    AlertState,
    AlertThresholds,
    ProjectRules,
    ThresholdOrder,
    alert_message,
)
from chainatlas.domain.common import MAX_DB_INT, Problem
from chainatlas.domain.monitoring_results import AlertListing, AlertView, Evaluation
from chainatlas.domain.user import User
from chainatlas.reports.alert_links import alert_link
from chainatlas.services.access import require
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import Conflict, InvalidInput, NotFound
from chainatlas.services.projects import statuses_as_of
from chainatlas.services.scorecard import every_cluster_scorecard
from chainatlas.services.validation import error_problem
from chainatlas.store.alerts import AlertRepository
from chainatlas.store.history import Concern, HistoryRepository

KIND = "alerts"
EVENT_RULES = (AlertRule.NEWS_DISRUPTION.value,)
"""Rules raised by an event (an ingested article), not by an evaluation: an evaluation never clears them for not
finding their condition (see `_clear_old_events`)."""
RECORD_KEY_LENGTH = 300


def current_conditions(
    session: Session, user: User | None, *, as_of: dt.date, limits: AlertThresholds, rules: ProjectRules
) -> list[AlertCondition]:
    """Return every condition the rules find as of a date (targets scored by the scorecard, as the user sees it)."""
    # The registry's counts (规上, 专精特新, brands, platforms…) stand in for the indicators of the as-of period,
    # as on the scorecard, so that a count kept in the registry is neither stale nor mistaken for a drop.
    # Every cluster's targets are watched: a target's scope names its cluster, so their conditions never collide.
    indicators, targets, scores = every_cluster_scorecard(session, user, as_of=as_of)
    return evaluate_rules(
        statuses=statuses_as_of(session, as_of=as_of, rules=rules),
        indicators=indicators,
        targets=targets,
        scores=scores,
        as_of=as_of,
        limits=limits,
    )


def alert_change(ctx: WriteContext, action: str, before: Alert | None, after: Alert) -> dict[str, Any]:
    return {
        "batch_id": None,
        "at": ctx.at,
        "actor": ctx.actor,
        "via": ctx.via.value,
        "kind": KIND,
        "record_key": f"{after.id}:{after.key}"[:RECORD_KEY_LENGTH],
        "action": action,
        "before": None if before is None else before.model_dump(mode="json"),
        "after": after.model_dump(mode="json"),
    }


def _apply(
    repo: AlertRepository, found: AlertCondition, as_of: dt.date, done: Evaluation
) -> tuple[str, Alert | None] | None:
    if repo.insert_new(found, as_of):
        done.raised.append(found.key)
        return "create", None
    before = repo.by_key(found.key)
    if repo.refresh(found, as_of):
        done.refreshed.append(found.key)
        return None
    if repo.reopen(found, as_of):
        done.reopened.append(found.key)
        return "update", before
    return None


def evaluate_alerts(
    session: Session,
    user: User | None,
    ctx: WriteContext,
    *,
    as_of: dt.date,
    limits: AlertThresholds | None = None,
    rules: ProjectRules | None = None,
) -> Evaluation:
    """Run every rule as of a date and bring the stored alerts in line: raise, refresh, reopen, clear."""
    require(user, Action.WRITE)
    conditions = current_conditions(
        session, user, as_of=as_of, limits=limits or AlertThresholds(), rules=rules or ProjectRules()
    )
    repo, done, entries = AlertRepository(session), Evaluation(as_of=as_of), []
    event_days = (limits or AlertThresholds()).event_days
    for found in conditions:
        change = _apply(repo, found, as_of, done)
        after = repo.by_key(found.key) if change else None
        if change and after:
            entries.append(alert_change(ctx, change[0], change[1], after))
    entries += _clear_gone(repo, ctx, {c.key for c in conditions}, as_of, done)
    entries += _clear_old_events(repo, ctx, as_of, event_days, done)
    _record(HistoryRepository(session), ctx, done, entries)
    return done


def _record(history: HistoryRepository, ctx: WriteContext, done: Evaluation, entries: list[dict[str, Any]]) -> None:
    # The evaluation itself is a batch (who ran it, as of which date, what it did); its batch also moves the
    # alerts version on, so cached pages showing alerts are rebuilt even when only `last_seen_on` changed, while
    # analyses (keyed on the registry version) stay cached.
    counts = {
        "alerts": {"as_of": done.as_of.isoformat(), **{k: len(v) for k, v in done.summary().items() if k != "as_of"}}
    }
    batch = history.add_batch(
        at=ctx.at, actor=ctx.actor, via=ctx.via.value, files=[], counts=counts, concern=Concern.ALERTS
    )
    history.add_changes([{**entry, "batch_id": batch} for entry in entries])


def _clear_gone(
    repo: AlertRepository, ctx: WriteContext, seen: set[str], as_of: dt.date, done: Evaluation
) -> list[dict[str, Any]]:
    entries = []
    for key in repo.live_keys(except_rules=EVENT_RULES):
        before = repo.by_key(key) if key not in seen else None
        if before is not None and repo.clear(key, as_of):
            done.cleared.append(key)
            after = repo.by_key(key)
            entries += [alert_change(ctx, "update", before, after)] if after else []
    return entries


def _clear_old_events(
    repo: AlertRepository, ctx: WriteContext, as_of: dt.date, event_days: int, done: Evaluation
) -> list[dict[str, Any]]:
    """Clear the live event alerts (news disruptions) whose event is more than `event_days` old: the rules never
    find their condition, so not finding it again does not clear them; age (or an acknowledgement) does."""
    entries = []
    for before in repo.live_of_rule(AlertRule.NEWS_DISRUPTION.value):
        on = _event_day(before.details)
        if on is not None and (as_of - on).days > event_days and repo.clear(before.key, as_of):
            done.cleared.append(before.key)
            after = repo.by_key(before.key)
            entries += [alert_change(ctx, "update", before, after)] if after else []
    return entries


def _event_day(details: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(details.get("event_on")))
    except ValueError:
        return None


def threshold_problems(error: ValidationError) -> list[Problem]:
    """Return thresholds that broke their rules as problems; two that contradict each other name both fields."""
    problems = []
    for e in error.errors():
        cause = (e.get("ctx") or {}).get("error")
        if isinstance(cause, ThresholdOrder):
            problems.append(Problem.of(", ".join(cause.fields), "alert.threshold_order", cause.params))
        else:
            problems.append(error_problem(e, ".".join(str(p) for p in e["loc"]), e.get("input")))
    return problems


def state_filter(state: str | None) -> list[str] | None:
    """Return the states a `state` parameter selects: one state, `live` (open and acknowledged) or all."""
    if state in (None, "", "all"):
        return None
    if state == "live":
        return [AlertState.OPEN.value, AlertState.ACKNOWLEDGED.value]
    if state not in {s.value for s in AlertState}:
        choices = ", ".join(["all", "live", *(s.value for s in AlertState)])
        raise InvalidInput([Problem.coded("state", "alert.choice", value=state, known=choices)])
    return [state]


def list_alerts(
    session: Session,
    user: User | None,
    *,
    state: str | None = "live",
    rule: str | None = None,
    subject_prefix: str | None = None,
) -> list[Alert]:
    """Return the stored alerts (default: open and acknowledged ones), most urgent first."""
    require(user, Action.READ)
    if rule not in (None, "") and rule not in {r.value for r in AlertRule}:
        choices = ", ".join(r.value for r in AlertRule)
        raise InvalidInput([Problem.coded("rule", "alert.choice", value=rule, known=choices)])
    return AlertRepository(session).listing(
        states=state_filter(state), rule=rule or None, subject_prefix=subject_prefix
    )


def alert_counts(session: Session, user: User | None) -> dict[str, int]:
    """Return how many alerts are in each state."""
    require(user, Action.READ)
    return AlertRepository(session).state_counts()


def latest_evaluation(session: Session, user: User | None) -> dict[str, Any] | None:
    """Return the newest evaluation as recorded in the history (who, when, as of which date, what it did), if any."""
    require(user, Action.READ)
    batch = AlertRepository(session).latest_evaluation()
    if batch is None:
        return None
    counts = batch.counts["alerts"]
    return {
        "at": batch.at,
        "actor": batch.actor,
        "via": batch.via,
        "as_of": dt.date.fromisoformat(counts["as_of"]),
        **{k: int(counts.get(k, 0)) for k in ("raised", "refreshed", "reopened", "cleared")},
    }


def get_alert(session: Session, user: User | None, alert_id: int) -> Alert | None:
    """Return one stored alert, or None."""
    require(user, Action.READ)
    return AlertRepository(session).get(alert_id)


def acknowledge_alert(session: Session, user: User | None, ctx: WriteContext, *, alert_id: int) -> Alert:
    """Mark an open alert as seen by the acting user; the change history records who and when."""
    require(user, Action.WRITE)
    repo = AlertRepository(session)
    before = repo.get(alert_id) if 1 <= alert_id <= MAX_DB_INT else None  # a larger id is no row, not a crash
    if before is None:
        raise NotFound(code="alert.not_found", params={"alert": alert_id})
    if before.state is not AlertState.OPEN or not repo.acknowledge(alert_id, by=ctx.actor, at=ctx.at):
        current = repo.get(alert_id) or before
        params: dict[str, str | int | float | None] = {"alert": alert_id, "by": current.acknowledged_by or "?"}
        raise Conflict(code=f"alert.not_open.{current.state.value}", params=params)
    after = repo.get(alert_id)
    if after is None:
        raise NotFound(code="alert.not_found", params={"alert": alert_id})
    HistoryRepository(session).add_changes([alert_change(ctx, "update", before, after)])
    return after


def alert_view(alert: Alert, lang: str = "en") -> AlertView:
    """Return an alert with its message in a language."""
    return AlertView(**dict(alert), message=alert_message(alert.rule, alert.details, lang), link=alert_link(alert))


def alert_row(alert: Alert, lang: str = "en") -> dict[str, Any]:
    """Return an alert as the command line's JSON, with its message in a language: the keys it has always had,
    without the API's `link` (a page path, which means nothing without the server's address)."""
    return alert_view(alert, lang).model_dump(mode="json", exclude={"link"})


def alert_listing(
    session: Session, user: User | None, *, state: str | None = "live", rule: str | None = None, lang: str = "en"
) -> AlertListing:
    """Return the stored alerts (most urgent first) with their messages in a language, and the count in each state."""
    found = list_alerts(session, user, state=state, rule=rule)
    return AlertListing(counts=alert_counts(session, user), alerts=[alert_view(a, lang) for a in found])
