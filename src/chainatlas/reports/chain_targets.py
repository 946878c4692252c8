"""Attraction targets as the pages show them: each factor's weighted share of the score, reasons in the
page language (the caller's `reason` words them), the download rows."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from chainatlas.analytics.targets import REGION_VALUES, WEIGHTS
from chainatlas.domain.chain_results import AttractionTarget
from chainatlas.domain.enterprise import Enterprise
from chainatlas.reports.labels import Labels
from chainatlas.reports.numbers import Cell

FACTOR_COLOURS = {"match": "#1f6feb", "scale": "#2e8b57", "tags": "#d97706", "links": "#7c3aed", "region": "#64748b"}
FACTOR_WEIGHTS = WEIGHTS
"""Each factor's weight in a target's score (the analysis's)."""
Reason = Callable[[str, str], str]
"""A factor's reason in the page language, from the factor and the analysis's English words."""


@dataclass(frozen=True)
class Segment:
    """One factor's part of a target's score bar."""

    factor: str
    label: str
    contribution: float
    colour: str


@dataclass(frozen=True)
class TargetLine:
    """One ranked target as the table shows it."""

    rank: int
    row: AttractionTarget
    name: str
    firm: Enterprise | None
    region: str
    segments: list[Segment]
    reasons: list[tuple[str, str]]


def region_of(row: AttractionTarget) -> str:
    """Return where a target is: province, country or abroad (from its region factor)."""
    value = row.factors.get("region")
    return next((name for name, weight in REGION_VALUES.items() if weight == value), "country")


def segments(row: AttractionTarget, t: Labels) -> list[Segment]:
    """Return each factor's weighted contribution to the score (they add up to the score, at most 1)."""
    return [Segment(k, t(f"factor.{k}"), WEIGHTS[k] * row.factors.get(k, 0.0), FACTOR_COLOURS[k]) for k in WEIGHTS]


def target_lines(
    rows: Sequence[AttractionTarget], firms: Mapping[str, Enterprise], t: Labels, reason: Reason
) -> list[TargetLine]:
    """Return the ranked targets with names in the page language, score bars and reasons worded by `reason`."""
    lines = []
    for rank, row in enumerate(rows, start=1):
        firm = firms.get(row.firm_id)
        name = t.name(firm.name_zh, firm.name_en) if firm else row.name
        reasons = [(t(f"factor.{k}"), reason(k, text)) for k, text in row.reasons.items()]
        lines.append(TargetLine(rank, row, name, firm, region_of(row), segments(row, t), reasons))
    return lines


def target_columns(t: Labels) -> list[str]:
    """Return the headers of the targets download."""
    factors = [t(f"factor.{k}") for k in WEIGHTS]
    return [
        t("col.rank"),
        t("col.partner_id"),
        t("col.enterprise"),
        t("col.score"),
        t("col.region"),
        *factors,
        *(f"{name} ×{WEIGHTS[k]}" for name, k in zip(factors, WEIGHTS, strict=True)),
        t("col.reasons"),
    ]


def target_download_rows(lines: Sequence[TargetLine], t: Labels) -> list[list[Cell]]:
    """Return the targets as download rows: factor values, their weighted contributions, the reasons."""
    return [
        [
            line.rank,
            line.row.firm_id,
            line.name,
            round(line.row.score, 4),
            t(f"region.{line.region}"),
            *(round(line.row.factors.get(k, 0.0), 4) for k in WEIGHTS),
            *(round(s.contribution, 4) for s in line.segments),
            "; ".join(f"{label}: {text}" for label, text in line.reasons),
        ]
        for line in lines
    ]
