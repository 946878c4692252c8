"""Disruption alerts from the news (中断预警): an article that reports a disruption (fire, lockdown, strike, …) at
an enterprise of the supply graph raises an alert carrying the resilience engine's estimate of what that site's
failure puts at risk (its performance impact and exposure, `services.resilience_analysis.node_result`).

Such an alert is raised by the event, not by a rule an evaluation checks: it stays live until someone
acknowledges it or until its event is more than `AlertThresholds.event_days` old (`services.alerts` clears it
then and never for not finding its condition again). An article whose event is already that old raises none.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from chainatlas.domain.alert import AlertCondition, AlertRule, AlertThresholds, Severity
from chainatlas.domain.news_results import Extraction
from chainatlas.domain.resilience_results import SiteDetail
from chainatlas.domain.user import User
from chainatlas.services.alerts import alert_change
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import NotFound
from chainatlas.services.resilience_analysis import node_result
from chainatlas.store.alerts import AlertRepository
from chainatlas.store.history import HistoryRepository


def _estimate(session: Session, user: User | None, enterprise_id: str) -> SiteDetail | None:
    try:
        return node_result(session, user, node_id=enterprise_id)
    except NotFound:  # not a site of the supply graph: nothing to estimate, no alert
        return None


def _condition(
    article_id: int, title: str | None, day: dt.date, extraction: Extraction, site: SiteDetail
) -> AlertCondition:
    disruption = extraction.disruption
    if disruption is None:
        raise ValueError("a disruption alert needs a disruption")
    subject = f"articles/{article_id}/{site.id}"
    severity = Severity.CRITICAL if site.spof or site.exposure_days > 0 else Severity.WARNING
    details: dict[str, Any] = {
        "article_id": article_id,
        "title": title,
        "event_on": day.isoformat(),
        "disruption": disruption.kind,
        "evidence": disruption.evidence[:500],
        "enterprise_id": site.id,
        "enterprise_name_zh": site.name_zh,
        "enterprise_name_en": site.name_en,
        "pi": float(Decimal(site.pi)),
        "exposure_days": round(site.exposure_days, 2),
        "tts_days": round(site.tts_days, 2),
        "ttr_days": round(site.ttr_days, 2),
        "spof": site.spof,
        "customers": len(site.customers),
        "synthetic": site.synthetic,
    }
    rule = AlertRule.NEWS_DISRUPTION
    return AlertCondition(key=f"{rule.value}:{subject}", rule=rule, subject=subject, severity=severity, details=details)


def disruption_alerts(
    session: Session,
    user: User | None,
    ctx: WriteContext,
    *,
    article: tuple[int, str | None, dt.date],
    extraction: Extraction,
    as_of: dt.date,
    limits: AlertThresholds | None = None,
) -> list[int]:
    """Raise an alert for each enterprise of the supply graph an article's disruption names (the article as
    (id, title, day)); return the ids of the alerts raised (each recorded in the change history)."""
    article_id, title, day = article
    event_days = (limits or AlertThresholds()).event_days
    if extraction.disruption is None or (as_of - day).days > event_days:
        return []
    repo, raised, entries = AlertRepository(session), [], []
    for enterprise_id in extraction.enterprises:
        site = _estimate(session, user, enterprise_id)
        if site is None:
            continue
        found = _condition(article_id, title, day, extraction, site)
        if repo.insert_new(found, as_of) and (after := repo.by_key(found.key)) is not None:
            raised.append(after.id)
            entries.append(alert_change(ctx, "create", None, after))
    HistoryRepository(session).add_changes(entries)
    return raised
