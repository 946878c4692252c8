"""The chain chief's briefing use case (产业链月报): assemble, as of a date and for a period, what each section asked
for shows — the scorecard's targets and headline figures, the key projects, chain gaps with attraction targets,
resilience in aggregate, the period's alerts, news (see `news_by_topic`) and the results of a fair that ended in
the period. Analytics compute, `reports` renders; nothing here reads the clock.

The audience decides what resilience shows: a `viewer` briefing has the cluster-wide aggregates only (suppressed
below the disclosure threshold), an `analyst` briefing adds the most exposed sites. Making a briefing needs the
right to analyse (the gaps and resilience are built from confidential supply links).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy.orm import Session

from chainatlas.analytics.briefing import headline_figures, milestones_due, news_topics, period_alerts
from chainatlas.domain.access import Action
from chainatlas.domain.alert import alert_message
from chainatlas.domain.article import ArticleFilter, ArticleSummary
from chainatlas.domain.briefing import (
    MILESTONE_WINDOW_DAYS,
    TOP_GAPS,
    TOP_SITES,
    TOP_TARGETS,
    AlertLine,
    AttractionLine,
    BriefingData,
    BriefingParams,
    FairLine,
    GapLine,
    NewsTopic,
    ResilienceLines,
    SiteLine,
)
from chainatlas.domain.chain_node import ChainNode
from chainatlas.domain.kinds import CHAIN_NODES
from chainatlas.domain.monitoring_results import TargetScore
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.alerts import list_alerts
from chainatlas.services.chain import chain_gaps, chain_metrics, chain_targets
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.fair import list_fairs
from chainatlas.services.fair_reports import fair_overview
from chainatlas.services.news import MAX_PAGE as NEWS_PAGE
from chainatlas.services.news import list_articles
from chainatlas.services.projects import project_portfolio
from chainatlas.services.resilience_analysis import ranked_nodes, resilience_analysis, summary_of
from chainatlas.services.scorecard import public_scope, scorecard
from chainatlas.store.queries import all_records

GAPS_SOURCE = "computed from the registry's supply links ({year})"
RESILIENCE_SOURCE = "computed from the registry's supply network (TTR/TTS model)"


def briefing_data(session: Session, user: User | None, *, params: BriefingParams) -> BriefingData:
    """Return what a briefing shows for its parameters, each section asked for filled in."""
    require(user, Action.ANALYSE)
    rule = resolve_cluster(session, user, params.cluster)
    cluster = rule.id
    wanted = set(params.sections)
    scores = public_scores(session, user, params.as_of, cluster) if wanted & {"headline", "targets"} else []
    statuses = project_portfolio(session, user, as_of=params.as_of, cluster=cluster) if "projects" in wanted else []
    start, end = params.bounds()
    return BriefingData(
        params=params,
        cluster=cluster,
        cluster_zh=rule.cluster.name_zh,
        cluster_en=rule.cluster.name_en,
        headline=headline_figures(scores) if "headline" in wanted else None,
        targets=scores if "targets" in wanted else None,
        projects=statuses if "projects" in wanted else None,
        milestones_due=milestones_due(statuses, params.as_of, MILESTONE_WINDOW_DAYS) if "projects" in wanted else None,
        gaps=gap_lines(session, user, cluster, params.audience) if "gaps" in wanted else None,
        resilience=resilience_lines(session, user, cluster, params.audience) if "resilience" in wanted else None,
        alerts=alert_lines(session, user, start, end, params.lang) if "alerts" in wanted else None,
        news=news_by_topic(session, user, start=start, end=end, cluster=cluster) if "news" in wanted else None,
        fairs=fair_lines(session, user, start, end) if "fair" in wanted else None,
    )


def public_scores(session: Session, user: User | None, as_of: dt.date, cluster: str) -> list[TargetScore]:
    """Return the scorecard's scores of the cluster and its chain nodes (a briefing names no single enterprise)."""
    return [s for s in scorecard(session, user, as_of=as_of, cluster=cluster) if public_scope(s.scope)]


def gap_lines(session: Session, user: User | None, cluster: str, audience: str) -> list[GapLine]:
    """Return the cluster's top chain gaps with the best attraction targets of each and their reasons (a viewer's
    briefing leaves out gaps the disclosure rule withholds and the reason counting a firm's confidential links)."""
    report = chain_gaps(session, user, year=None, cluster=cluster)
    hidden = withheld_nodes(session, cluster, report.year) if audience == "viewer" else frozenset()
    nodes: list[ChainNode] = all_records(session, CHAIN_NODES)
    names = {node.code: node for node in nodes}
    lines = []
    for gap in [g for g in report.gaps if g.code not in hidden][:TOP_GAPS]:
        found = chain_targets(session, user, code=gap.code, limit=TOP_TARGETS, cluster=cluster).targets
        lines.append(
            GapLine(
                code=gap.code,
                name_zh=names[gap.code].name_zh if gap.code in names else gap.code,
                name_en=names[gap.code].name_en if gap.code in names else None,
                gap_cny=Decimal(str(gap.gap)),
                local_rate=gap.local_rate_value,
                quadrant=gap.quadrant,
                reason_zh=gap.reason_zh,
                reason_en=gap.reason_en,
                targets=[
                    AttractionLine(
                        firm_id=t.firm_id,
                        name=t.name,
                        score=t.score,
                        reasons={k: v for k, v in t.reasons.items() if audience == "analyst" or k != "links"},
                    )
                    for t in found
                ],
                source=GAPS_SOURCE.format(year=report.year),
            )
        )
    return lines


def withheld_nodes(session: Session, cluster: str, year: int | None) -> frozenset[str]:
    """Return the chain nodes whose link-based figures the public does not see (fewer suppliers than the
    disclosure threshold): a viewer's briefing lists no gap of theirs."""
    public = chain_metrics(session, None, year=year, cluster=cluster)
    return frozenset(row.code for row in public.nodes if row.suppressed)


def resilience_lines(session: Session, user: User | None, cluster: str, audience: str) -> ResilienceLines:
    """Return resilience in aggregate; an analyst briefing adds the most exposed sites (a viewer's never does)."""
    built, analysis = resilience_analysis(session, user, cluster=cluster)
    summary = summary_of(built, analysis)
    per_site: list[SiteLine] = []
    if audience == "analyst":
        for row in ranked_nodes(analysis)[:TOP_SITES]:
            site = built.sites.get(row.id)
            per_site.append(
                SiteLine(
                    id=row.id,
                    name=site.name_zh if site else row.id,
                    exposure_days=row.exposure_days,
                    tts_days=row.tts_days,
                    ttr_days=row.ttr_days,
                    spof=bool(row.spof),
                )
            )
    return ResilienceLines(
        sites=summary.sites,
        suppressed=summary.suppressed,
        single_points_of_failure=summary.single_points_of_failure,
        exposed_sites=summary.exposed_sites,
        median_tts_days=summary.median_tts_days,
        total_pi_cny=summary.total_pi,
        per_site=per_site,
        source=RESILIENCE_SOURCE,
    )


def alert_lines(session: Session, user: User | None, start: dt.date, end: dt.date, lang: str) -> list[AlertLine]:
    """Return the alerts raised or cleared within the period, with their messages in the briefing's language."""
    alerts = list_alerts(session, user, state="all")
    messages = {a.id: alert_message(a.rule, a.details, lang) for a in alerts}
    return period_alerts(alerts, start, end, messages)


def news_by_topic(
    session: Session, user: User | None, *, start: dt.date, end: dt.date, cluster: str
) -> list[NewsTopic]:
    """Return the news of a period, grouped by topic (新闻动态): each story once, with its number of copies.

    Articles are read as the user may read them (`list_articles`, the right to read); the news store is one corpus
    for the deployment (an article carries no cluster), so `cluster` selects nothing yet. With no article in the
    period the section says there is no news; it never shows made-up articles."""
    filters = ArticleFilter(date_from=start, date_to=end)
    found: list[ArticleSummary] = []
    after: str | None = None
    while True:
        page = list_articles(session, user, filters=filters, after=after, limit=NEWS_PAGE)
        found.extend(page.items)
        if page.next is None:
            return news_topics(found)
        after = page.next


def fair_lines(session: Session, user: User | None, start: dt.date, end: dt.date) -> list[FairLine]:
    """Return the fairs that ended within the period with their meeting results."""
    lines = []
    for fair in list_fairs(session, user):
        if not start <= fair.end <= end:
            continue
        overview = fair_overview(session, user, fair_id=fair.id)
        lines.append(
            FairLine(
                id=fair.id,
                name_zh=fair.name_zh,
                name_en=fair.name_en,
                start=fair.start,
                end=fair.end,
                participants=len(overview.counts),
                meetings=overview.meetings,
                held=overview.held if overview.reported else None,
                no_shows=overview.no_show if overview.reported else None,
                source=fair.source,
            )
        )
    return sorted(lines, key=lambda line: (line.end, line.id))
