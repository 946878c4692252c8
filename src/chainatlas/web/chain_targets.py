"""Attraction targets as the pages show them: each factor's weighted share of the score, reasons in the
page language, the download rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from chainatlas.analytics.targets import REGION_VALUES, WEIGHTS, TargetRow
from chainatlas.domain.enterprise import Enterprise
from chainatlas.web.downloads import Cell
from chainatlas.web.i18n import TAGS, Translator
from chainatlas.web.i18n_chain import TARGET_REASONS

FACTOR_COLOURS = {"match": "#1f6feb", "scale": "#2e8b57", "tags": "#d97706", "links": "#7c3aed", "region": "#64748b"}
UNKNOWN_PROVINCE = "province unknown"


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
    row: TargetRow
    name: str
    firm: Enterprise | None
    region: str
    segments: list[Segment]
    reasons: list[tuple[str, str]]


def reason_text(factor: str, english: str, t: Translator) -> str:
    """Return a factor's reason in the page language (the analysis's own words when no pattern fits)."""
    for pattern, key in TARGET_REASONS.get(factor, ()):
        match = pattern.match(english)
        if match:
            values = match.groupdict()
            if "tag" in values:
                values["tag"] = t.pick(TAGS, values["tag"])
            if values.get("province") == UNKNOWN_PROVINCE:
                values["province"] = t("none")
            return t(key, **values)
    return english


def region_of(row: TargetRow) -> str:
    """Return where a target is: province, country or abroad (from its region factor)."""
    value = row.factors.get("region")
    return next((name for name, weight in REGION_VALUES.items() if weight == value), "country")


def segments(row: TargetRow, t: Translator) -> list[Segment]:
    """Return each factor's weighted contribution to the score (they add up to the score, at most 1)."""
    return [Segment(k, t(f"factor.{k}"), WEIGHTS[k] * row.factors.get(k, 0.0), FACTOR_COLOURS[k]) for k in WEIGHTS]


def target_lines(rows: Sequence[TargetRow], firms: Mapping[str, Enterprise], t: Translator) -> list[TargetLine]:
    """Return the ranked targets with names in the page language, score bars and translated reasons."""
    lines = []
    for rank, row in enumerate(rows, start=1):
        firm = firms.get(row.firm_id)
        name = t.name(firm.name_zh, firm.name_en) if firm else row.name
        reasons = [(t(f"factor.{k}"), reason_text(k, text, t)) for k, text in row.reasons.items()]
        lines.append(TargetLine(rank, row, name, firm, region_of(row), segments(row, t), reasons))
    return lines


def target_columns(t: Translator) -> list[str]:
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


def target_download_rows(lines: Sequence[TargetLine], t: Translator) -> list[list[Cell]]:
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
