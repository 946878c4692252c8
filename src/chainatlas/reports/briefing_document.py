"""The briefing as a document: a cover, parts in the template's order, each with its texts, 按语, tables and charts.

Built from the data a service assembled and the template of one language; the HTML, Word and Excel renderers
all read this one document, so the Word tables and the Excel annex hold the same cells. Every table row ends
with the source of its figures (`synthetic` for generated demo data).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from chainatlas.analytics.projects import ProjectStatus
from chainatlas.domain.briefing import BriefingData
from chainatlas.domain.monitoring_results import TargetScore, is_synthetic_source
from chainatlas.reports.briefing_labels import BriefingLabels, day_text, figure_text, month_text, plain_number
from chainatlas.reports.briefing_template import BriefingTemplate, fill
from chainatlas.reports.charts import chart_scale
from chainatlas.reports.money import format_cny
from chainatlas.reports.numbers import Cell, share
from chainatlas.reports.project_charts import portfolio_gantt
from chainatlas.reports.scorecard_charts import anchor, chart_data, period_label, scope_label, status_key

CHART_TARGETS = 8
"""The briefing draws the charts of this many cluster-wide targets (the tables list them all)."""


@dataclass
class Table:
    """A table of the briefing: its title, column headings and rows of cells (the last column: the source)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]


@dataclass
class Chart:
    """A chart drawn by the page's own ECharts script: `scorecard` (a target) or `gantt` (the projects)."""

    id: str
    kind: str
    title: str
    data: dict[str, Any]
    height: int = 300


@dataclass
class Part:
    """One section of the briefing."""

    key: str
    title: str
    intro: str
    editorial: str = ""
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Issue:
    """Which issue of a series the briefing is (第N期) and the editorial text per section (按语)."""

    series: str = "monthly"
    number: int = 1
    editorials: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Document:
    """The whole briefing in one language."""

    lang: str
    title: str
    issuer: str
    number: str
    date: str
    edition: str
    period_line: str
    toc: str
    editorial_title: str
    synthetic_note: str
    any_synthetic: bool
    parts: list[Part]
    figures: dict[str, str]

    def tables(self) -> list[Table]:
        """Return every table of every part, in order (the Excel annex's sheets)."""
        return [table for part in self.parts for table in part.tables]


def source_cell(source: str) -> str:
    """Return a source as its cell reads: `synthetic` for generated demo data, else the citation."""
    return "synthetic" if is_synthetic_source(source) else source


def briefing_document(data: BriefingData, template: BriefingTemplate, issue: Issue) -> Document:
    """Return the briefing document of the data in the template's language."""
    t, lang = BriefingLabels(template), template.lang
    values = variables(data, issue, lang, t)
    builders = {
        "headline": headline_part,
        "targets": targets_part,
        "projects": projects_part,
        "gaps": gaps_part,
        "resilience": resilience_part,
        "alerts": alerts_part,
        "news": news_part,
        "fair": fair_part,
    }
    order = [key for key in template.order if key in data.params.sections]
    parts = []
    figures: dict[str, str] = {}
    for key in order:
        part = builders[key](data, template, t, values, figures)
        part.editorial = issue.editorials.get(key, "")
        parts.append(part)
    cover = template.cover
    return Document(
        lang=lang,
        title=fill(cover["title"], values),
        issuer=fill(cover["issuer"], values),
        number=fill(cover["number"], values),
        date=fill(cover["date"], values),
        edition=fill(cover[f"audience_{data.params.audience}"], values),
        period_line=fill(template.text["period_line"], values),
        toc=fill(template.text["toc"], values),
        editorial_title=fill(template.text["editorial"], values),
        synthetic_note=fill(template.text["synthetic_note"], values),
        any_synthetic=any(row and row[-1] == "synthetic" for p in parts for tb in p.tables for row in tb.rows),
        parts=parts,
        figures=figures,
    )


def variables(data: BriefingData, issue: Issue, lang: str, t: BriefingLabels) -> dict[str, object]:
    """Return the values of the template's variables for a briefing."""
    p = data.params
    statuses = Counter(status_key(s) for s in data.targets or [])
    projects = Counter(s.status.value for s in data.projects or [])
    res = data.resilience
    alerts = Counter(line.event for line in data.alerts or [])
    return {
        "cluster": t.name(data.cluster_zh, data.cluster_en),
        "year": int(p.period[:4]),
        "number": issue.number,
        "series": issue.series,
        "period": p.period,
        "period_text": month_text(p.period, lang),
        "as_of": p.as_of.isoformat(),
        "as_of_text": day_text(p.as_of, lang),
        "audience": p.audience,
        "headline": len(data.headline or []),
        "targets": len(data.targets or []),
        **{key: statuses[key] for key in ("achieved", "on_track", "at_risk", "off_track")},
        "projects": len(data.projects or []),
        "late": projects["late"],
        "slipping": projects["slipping"],
        "due": len(data.milestones_due or []),
        "gaps": len(data.gaps or []),
        "sites": res.sites if res else 0,
        "spofs": "—" if res is None or res.single_points_of_failure is None else res.single_points_of_failure,
        "raised": alerts["raised"],
        "cleared": alerts["cleared"],
        "news": sum(len(topic.items) for topic in data.news or []),
        "fairs": len(data.fairs or []),
    }


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
        targets += [[g.code, f"{a.firm_id} {a.name}", f"{a.score:.2f}", a.reasons, g.source] for a in g.targets]
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
    """Return the period's news by topic (empty until news intelligence exists)."""
    topics = data.news or []
    part = _part("news", template, values, "intro" if topics else "empty")
    rows: list[list[Cell]] = [
        [topic.topic, item.title, item.published.isoformat(), item.source] for topic in topics for item in topic.items
    ]
    part.tables.append(Table("news", t("table_news"), _heads(t, template, ["topic", "title", "date", "source"]), rows))
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
