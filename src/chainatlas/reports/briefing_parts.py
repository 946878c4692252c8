"""The parts of the briefing, one builder per section: its title and introduction from the template, its tables
(each row ending with its source) and its charts (the pages' chart data: the scorecard's and the Gantt)."""

from __future__ import annotations

from chainatlas.analytics.projects import ProjectStatus
from chainatlas.domain.briefing import AttractionLine, BriefingData
from chainatlas.domain.monitoring_results import TargetScore
from chainatlas.reports.briefing_labels import BriefingLabels, figure_text, month_text, plain_number
from chainatlas.reports.briefing_model import Chart, Part, Table, source_cell
from chainatlas.reports.briefing_template import BriefingTemplate, fill
from chainatlas.reports.charts import chart_scale
from chainatlas.reports.money import format_cny
from chainatlas.reports.news_topics import TOPIC_LABELS
from chainatlas.reports.numbers import Cell, share
from chainatlas.reports.project_charts import portfolio_gantt
from chainatlas.reports.scorecard_charts import anchor, chart_data, period_label, scope_label, status_key
from chainatlas.reports.target_reasons import reason_text

CHART_TARGETS = 8
"""The briefing draws the charts of this many cluster-wide targets (the tables list them all)."""


def _part(key: str, template: BriefingTemplate, values: dict[str, object], text: str = "intro") -> Part:
    section = template.sections[key]
    return Part(key=key, title=fill(section["title"], values), intro=fill(section.get(text, section["intro"]), values))


def _ytd_text(period: str | None, lang: str) -> str:
    if period is None:
        return "—"
    months = int(period[5:7]) if len(period) == 7 and period[4] == "-" and period[5] != "Q" else None
    if months is None:
        return period
    if lang == "en":
        return f"Jan–{month_text(period, 'en')}"
    return f"{period[:4]}年1–{months}月" if months > 1 else f"{period[:4]}年1月"


def headline_part(
    data: BriefingData,
    template: BriefingTemplate,
    t: BriefingLabels,
    values: dict[str, object],
    figures: dict[str, str],
) -> Part:
    """Return the headline figures: the latest value with 同比, and the 1–N月累计 figure with its 同比."""
    part = _part("headline", template, values)
    rows: list[list[Cell]] = []
    for h in data.headline or []:
        latest = figure_text(h.latest_value, h.unit, t.lang)
        ytd = figure_text(h.ytd_value, h.unit, t.lang) if h.ytd_value is not None else "—"
        figures[f"headline.{h.metric}"] = latest
        figures[f"headline.{h.metric}.yoy"] = share(h.latest_yoy)
        if h.ytd_value is not None:
            figures[f"headline.{h.metric}.ytd"] = ytd
        rows.append(
            [
                t.metric(h.metric),
                h.latest_period or "—",
                latest,
                share(h.latest_yoy),
                _ytd_text(h.ytd_period, t.lang),
                ytd,
                share(h.ytd_yoy),
                source_cell(h.source),
            ]
        )
    columns = ["metric", "period", "value", "yoy", "ytd", "value", "ytd_yoy", "source"]
    part.tables.append(Table("headline", t("table_headline"), _heads(t, template, columns), rows))
    return part


def reasons_text(target: AttractionLine, t: BriefingLabels) -> str:
    """Return an attraction target's reasons in the briefing's language, one after another."""
    separator = "；" if t.lang == "zh" else "; "
    return separator.join(reason_text(factor, english, t) for factor, english in target.reasons.items())


def _heads(t: BriefingLabels, template: BriefingTemplate, keys: list[str]) -> list[str]:
    return [template.text["source"] if key == "source" else t(key) for key in keys]


def target_row(score: TargetScore, t: BriefingLabels) -> list[Cell]:
    """Return a target's row: the metric, scope, target, latest value, progress and status."""
    unit = score.series_unit or score.unit
    return [
        t.metric(score.metric),
        scope_label(score.scope, t),
        score.target_period,
        figure_text(score.target_value, score.unit or unit, t.lang),
        figure_text(score.latest_value, unit, t.lang),
        share(score.progress),
        t(f"status.{status_key(score)}"),
        source_cell(score.latest_source or score.target_source),
    ]


def targets_part(
    data: BriefingData,
    template: BriefingTemplate,
    t: BriefingLabels,
    values: dict[str, object],
    figures: dict[str, str],
) -> Part:
    """Return the targets and their status, with the scorecard's chart of the first cluster-wide ones."""
    part = _part("targets", template, values)
    scores: list[TargetScore] = list(data.targets or [])
    for score in scores:
        figures[f"target.{score.metric}.{score.scope}.{score.target_period}.status"] = status_key(score)
        figures[f"target.{score.metric}.{score.scope}.{score.target_period}.progress"] = share(score.progress)
    columns = ["metric", "scope", "target_period", "target", "latest", "progress", "status", "source"]
    rows = [target_row(score, t) for score in scores]
    part.tables.append(Table("targets", t("table_targets"), _heads(t, template, columns), rows))
    drawn = [s for s in scores if s.series and s.scope.startswith("cluster")][:CHART_TARGETS]
    for score in drawn:
        factor, unit_label = chart_scale(score.series_unit or score.unit, t)
        chart = chart_data(score, float(factor), unit_label, t)
        title = f"{t.metric(score.metric)} · {score.target_period} · {period_label(score.target_period, t)}"
        part.charts.append(Chart(anchor(score), "scorecard", title, chart))
    return part


def project_row(status: ProjectStatus, t: BriefingLabels) -> list[Cell]:
    """Return a key project's row: name, status, slip, investment completion, capacity reached."""
    p = status.project
    return [
        f"{p.id} {t.name(p.name_zh, p.name_en)}",
        t(f"project.{status.status.value}"),
        "—" if status.slip_days is None else status.slip_days,
        share(status.investment_completion),
        share(status.capacity_reached_share),
        source_cell(p.source),
    ]


def projects_part(
    data: BriefingData,
    template: BriefingTemplate,
    t: BriefingLabels,
    values: dict[str, object],
    figures: dict[str, str],
) -> Part:
    """Return the key projects: status and slip, the milestones due in 90 days, and the portfolio's Gantt chart."""
    part = _part("projects", template, values)
    statuses: list[ProjectStatus] = list(data.projects or [])
    for s in statuses:
        figures[f"project.{s.project.id}.status"] = s.status.value
        figures[f"project.{s.project.id}.investment_completion"] = share(s.investment_completion)
    columns = ["project", "status", "slip", "investment", "capacity", "source"]
    rows = [project_row(s, t) for s in statuses]
    part.tables.append(Table("projects", t("table_projects"), _heads(t, template, columns), rows))
    due: list[list[Cell]] = [
        [
            f"{d.project_id} {t.name(d.project_zh, d.project_en)}",
            d.name,
            d.planned_date.isoformat(),
            source_cell(d.source),
        ]
        for d in data.milestones_due or []
    ]
    heads = _heads(t, template, ["project", "milestone", "planned", "source"])
    part.tables.append(Table("milestones", t("table_milestones"), heads, due))
    if statuses:
        gantt = portfolio_gantt(statuses, t)
        gantt["links"] = []
        part.charts.append(Chart("gantt", "gantt", t("table_projects"), gantt, 90 + 46 * len(gantt["rows"])))
    return part


def gaps_part(
    data: BriefingData,
    template: BriefingTemplate,
    t: BriefingLabels,
    values: dict[str, object],
    figures: dict[str, str],
) -> Part:
    """Return the top chain gaps with their reasons and the attraction targets of each with theirs."""
    part = _part("gaps", template, values)
    gaps: list[list[Cell]] = []
    targets: list[list[Cell]] = []
    for g in data.gaps or []:
        reason = g.reason_en if t.lang == "en" else g.reason_zh
        gap = format_cny(g.gap_cny, t.lang)
        figures[f"gap.{g.code}"] = gap
        gaps.append([f"{g.code} {t.name(g.name_zh, g.name_en)}", gap, share(g.local_rate), reason, g.source])
        targets += [
            [g.code, f"{a.firm_id} {a.name}", f"{a.score:.2f}", reasons_text(a, t), g.source] for a in g.targets
        ]
    heads = _heads(t, template, ["node", "gap", "local_rate", "reason", "source"])
    part.tables.append(Table("gaps", t("table_gaps"), heads, gaps))
    heads = _heads(t, template, ["node", "firm", "score", "reason", "source"])
    part.tables.append(Table("attraction", t("table_attraction"), heads, targets))
    return part


def resilience_part(
    data: BriefingData,
    template: BriefingTemplate,
    t: BriefingLabels,
    values: dict[str, object],
    figures: dict[str, str],
) -> Part:
    """Return resilience in aggregate, and for analysts the most exposed sites."""
    res = data.resilience
    if res is None:
        return _part("resilience", template, values)
    part = _part("resilience", template, values, "suppressed" if res.suppressed else "intro")
    aggregate = {
        "sites": plain_number(res.sites),
        "spofs": "—" if res.single_points_of_failure is None else plain_number(res.single_points_of_failure),
        "exposed": "—" if res.exposed_sites is None else plain_number(res.exposed_sites),
        "median_tts": "—" if res.median_tts_days is None else f"{res.median_tts_days:.1f}",
        "total_pi": "—" if res.total_pi_cny is None else format_cny(res.total_pi_cny, t.lang),
    }
    figures.update({f"resilience.{k}": v for k, v in aggregate.items()})
    rows: list[list[Cell]] = [[t(k), v, res.source] for k, v in aggregate.items()]
    part.tables.append(
        Table("resilience", t("table_resilience"), _heads(t, template, ["figure", "value", "source"]), rows)
    )
    if res.per_site:
        sites: list[list[Cell]] = [
            [
                f"{s.id} {s.name}",
                f"{s.exposure_days:.1f}",
                f"{s.tts_days:.1f}",
                f"{s.ttr_days:.1f}",
                t("yes" if s.spof else "no"),
                res.source,
            ]
            for s in res.per_site
        ]
        heads = _heads(t, template, ["site", "exposure", "tts", "ttr", "spof", "source"])
        part.tables.append(Table("sites", t("table_sites"), heads, sites))
    return part


def alerts_part(
    data: BriefingData,
    template: BriefingTemplate,
    t: BriefingLabels,
    values: dict[str, object],
    figures: dict[str, str],
) -> Part:
    """Return the alerts raised and cleared in the period."""
    lines = data.alerts or []
    part = _part("alerts", template, values, "intro" if lines else "empty")
    rows: list[list[Cell]] = [
        [
            line.id,
            t(line.event),
            (line.cleared_on if line.event == "cleared" and line.cleared_on else line.raised_on).isoformat(),
            line.severity,
            line.message,
            "alert evaluation",
        ]
        for line in lines
    ]
    heads = _heads(t, template, ["alert", "event", "date", "severity", "reason", "source"])
    part.tables.append(Table("alerts", t("table_alerts"), heads, rows))
    return part


def news_part(
    data: BriefingData,
    template: BriefingTemplate,
    t: BriefingLabels,
    values: dict[str, object],
    figures: dict[str, str],
) -> Part:
    """Return the period's news by topic, each story once with its number of copies (empty: no article in it)."""
    topics = data.news or []
    part = _part("news", template, values, "intro" if topics else "empty")
    rows: list[list[Cell]] = [
        [t.pick(TOPIC_LABELS, topic.topic), item.title, item.published.isoformat(), item.copies, item.source]
        for topic in topics
        for item in topic.items
    ]
    heads = _heads(t, template, ["topic", "title", "date", "copies", "source"])
    part.tables.append(Table("news", t("table_news"), heads, rows))
    return part


def fair_part(
    data: BriefingData,
    template: BriefingTemplate,
    t: BriefingLabels,
    values: dict[str, object],
    figures: dict[str, str],
) -> Part:
    """Return the fairs that ended in the period with their meeting results."""
    fairs = data.fairs or []
    part = _part("fair", template, values, "intro" if fairs else "empty")
    rows: list[list[Cell]] = [
        [
            t.name(f.name_zh, f.name_en),
            f"{f.start.isoformat()} – {f.end.isoformat()}",
            f.participants,
            f.meetings,
            "—" if f.held is None else f.held,
            "—" if f.no_shows is None else f.no_shows,
            source_cell(f.source),
        ]
        for f in fairs
    ]
    heads = _heads(t, template, ["fair", "dates", "participants", "meetings", "held", "no_shows", "source"])
    part.tables.append(Table("fairs", t("table_fairs"), heads, rows))
    return part
