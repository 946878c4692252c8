"""The briefing document of the data a service assembled, in the language of a template: the cover, and the
parts of the sections asked for in the template's order (`briefing_parts`), with the issue's editorial texts."""

from __future__ import annotations

from collections import Counter

from chainatlas.domain.briefing import BriefingData
from chainatlas.reports.briefing_labels import BriefingLabels, day_text, month_text
from chainatlas.reports.briefing_model import Document, Issue
from chainatlas.reports.briefing_parts import (
    alerts_part,
    fair_part,
    gaps_part,
    headline_part,
    news_part,
    projects_part,
    resilience_part,
    targets_part,
)
from chainatlas.reports.briefing_template import BriefingTemplate, fill
from chainatlas.reports.scorecard_charts import status_key

__all__ = ["Document", "Issue", "briefing_document"]


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
