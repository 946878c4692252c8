"""What the resilience pages (and the briefing) show, built from service results: table lines, the TTR-vs-TTS
scatter and the supply graph as ECharts data (the browser only draws them, `static/resilience.js`). Labels come
in with the caller's translator."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from chainatlas.domain.resilience_results import FailureGraph, GraphSite, MitigationRow, Site, SupplyGraph
from chainatlas.reports.labels import Labels

Sites = Mapping[str, Site]

FAILED, DISRUPTED, WORKING, CENTER = "#c0392b", "#7a1f14", "#2e8b57", "#1f3a5f"
SCATTER_LABELS = 12
"""The most exposed sites are labelled on the scatter; the rest show their name on hover."""


@dataclass(frozen=True)
class ExposureLine:
    """One row of the ranked exposure table."""

    rank: int
    id: str
    name: str
    synthetic: bool
    pi: float
    rei: float
    tts_days: float
    ttr_days: float
    exposure_days: float
    spof: bool


class SiteFigures(Protocol):
    """One site's figures from the engine (PI in yuan, days, whether it is a single point of failure)."""

    @property
    def id(self) -> str: ...
    @property
    def pi(self) -> float: ...
    @property
    def rei(self) -> float: ...
    @property
    def tts_days(self) -> float: ...
    @property
    def ttr_days(self) -> float: ...
    @property
    def exposure_days(self) -> float: ...
    @property
    def spof(self) -> bool: ...


def exposure_lines(sites: Sites, ranked: Sequence[SiteFigures], t: Labels) -> list[ExposureLine]:
    """Return the table rows, most exposed first, each with the site's name in the page language."""
    lines = []
    for rank, r in enumerate(ranked, start=1):
        site = sites.get(r.id)
        name = t.name(site.name_zh, site.name_en) if site else r.id
        lines.append(
            ExposureLine(
                rank,
                r.id,
                name,
                site.synthetic if site else True,
                r.pi,
                r.rei,
                r.tts_days,
                r.ttr_days,
                r.exposure_days,
                bool(r.spof),
            )
        )
    return lines


def ttr_tts_scatter(lines: list[ExposureLine], horizon: float, t: Labels, *, query: str = "") -> dict[str, Any]:
    """Return the TTR-vs-TTS scatter: above the diagonal a site recovers after demand is already lost (each point
    links to its site's page, with `query` such as `?cluster=hyd`)."""

    def point(line: ExposureLine) -> dict[str, Any]:
        return {
            "value": [round(line.tts_days, 2), round(line.ttr_days, 2)],
            "name": line.name,
            "id": line.id,
            "exposure": round(line.exposure_days, 1),
            "label": line.rank <= SCATTER_LABELS,
            "url": f"/resilience/nodes/{line.id}{query}",
        }

    top = max([horizon, *(line.ttr_days for line in lines)], default=horizon)
    return {
        "x_name": t("resilience.tts_axis"),
        "y_name": t("resilience.ttr_axis"),
        "max": round(top, 1),
        "exposure_label": t("resilience.col_exposure"),
        "series": [
            {"name": t("resilience.spof"), "color": FAILED, "points": [point(x) for x in lines if x.spof]},
            {"name": t("resilience.not_spof"), "color": CENTER, "points": [point(x) for x in lines if not x.spof]},
        ],
    }


def graph_chart(graph: SupplyGraph | FailureGraph, t: Labels, *, query: str = "") -> dict[str, Any]:
    """Return the supply graph around a site: disrupted, failed and working sites in three colours (each linking
    to its site's page, with `query` such as `?cluster=hyd`)."""
    categories = [t("resilience.graph_disrupted"), t("resilience.graph_failed"), t("resilience.graph_working")]

    def category(node: GraphSite) -> int:
        return 0 if node.disrupted else 1 if node.failed else 2

    nodes = [
        {
            "name": f"{t.name(n.name_zh, n.name_en)} ({n.id})",
            "id": n.id,
            "category": category(n),
            "center": n.center,
            "url": f"/resilience/nodes/{n.id}{query}",
            "demand": n.demand > 0,
        }
        for n in graph.nodes
    ]
    return {
        "nodes": nodes,
        "links": [{"source": link.source, "target": link.target} for link in graph.links],
        "categories": [{"name": c} for c in categories],
        "colors": [DISRUPTED, FAILED, WORKING],
    }


def site_label(site: Site | None, node_id: str, t: Labels) -> str:
    """Return a site's name in the page language (its id when the registry does not know it)."""
    return t.name(site.name_zh, site.name_en) if site else node_id


@dataclass(frozen=True)
class MitigationLine:
    """One row of the ranked mitigations table: the fix said in the page language."""

    rank: int
    node: str
    name: str
    synthetic: bool
    exposure_days: float
    kind: str
    what: str
    pi_before: Decimal
    delta_pi: Decimal
    pi_after: Decimal


def mitigation_lines(
    sites: Sites, found: Sequence[MitigationRow], exposure: Mapping[str, float], t: Labels
) -> list[MitigationLine]:
    """Return the mitigations (best ΔPI first), each fix described from its fields in the page language."""
    lines = []
    for rank, m in enumerate(found, start=1):
        site = sites.get(m.node)
        lines.append(
            MitigationLine(
                rank,
                m.node,
                site_label(site, m.node, t),
                site.synthetic if site else True,
                exposure.get(m.node, 0.0),
                t(f"resilience.fix_{m.kind}"),
                _fix_text(sites, m, t),
                m.pi_before,
                m.delta_pi,
                m.pi_after,
            )
        )
    return lines


def _fix_text(sites: Sites, m: MitigationRow, t: Labels) -> str:
    def name(node_id: str | None) -> str:
        return f"{site_label(sites.get(node_id or ''), node_id or '', t)} ({node_id})"

    if m.kind == "alternative_supplier":
        return t(
            "resilience.fix_alternative_text",
            supplier=name(m.supplier),
            material=m.material,
            customer=name(m.customer),
            node=name(m.node),
        )
    if m.kind == "inventory":
        return t("resilience.fix_inventory_text", node=name(m.node), amount=f"{m.amount or 0:,.1f}")
    return t("resilience.fix_recovery_text", node=name(m.node), days=f"{m.amount or 0:g}")
