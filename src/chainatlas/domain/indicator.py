"""Indicators (指标观测) and targets (目标): measured values and what the cluster aims for."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import StringConstraints

from chainatlas.domain.common import Measure, Period, Problem, Record, Source, Text, period_start_year
from chainatlas.domain.fields import Header

Metric = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]{0,63}$")]
Scope = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80, pattern=r"^[^\s;/]+$")]
_NODE_SCOPE = re.compile(r"^node:[^\s;]+$")


def scope_reference(scope: str) -> tuple[str, str] | None:
    """Return the (kind, key) a scope refers to, or None for the default cluster (`cluster:<id>` names one)."""
    if scope == "cluster":
        return None
    if scope.startswith("cluster:"):
        return ("clusters", scope[8:])
    if scope.startswith("node:"):
        return ("chain_nodes", scope[5:])
    return ("enterprises", scope)


class Indicator(Record):
    """One observation of a metric for a scope and period."""

    metric: Annotated[Metric, Header("指标")]
    scope: Annotated[Scope, Header("范围")]
    period: Annotated[Period, Header("期间")]
    value: Annotated[Measure, Header("值")]
    unit: Annotated[Text | None, Header("单位")] = None
    source: Annotated[Source, Header("来源")]


class Target(Record):
    """A target value of a metric for a scope, by a target period, from a baseline."""

    metric: Annotated[Metric, Header("指标")]
    scope: Annotated[Scope, Header("范围")]
    target_period: Annotated[Period, Header("目标期间")]
    target_value: Annotated[Measure, Header("目标值")]
    unit: Annotated[Text | None, Header("单位")] = None
    baseline_period: Annotated[Period | None, Header("基期")] = None
    baseline_value: Annotated[Measure | None, Header("基期值")] = None
    source: Annotated[Source, Header("来源")]


def scope_problems(scope: str) -> list[Problem]:
    """Return the problems of a scope string (cluster, an enterprise id, or node:<code>)."""
    if scope.startswith("node") and not _NODE_SCOPE.match(scope):
        return [Problem.coded("scope", "indicator.node_scope", value=scope)]
    return []


def indicator_problems(indicator: Indicator) -> list[Problem]:
    """Return every rule a single indicator breaks."""
    return scope_problems(indicator.scope)


def target_problems(target: Target) -> list[Problem]:
    """Return every rule a single target breaks."""
    problems = scope_problems(target.scope)
    if (target.baseline_period is None) != (target.baseline_value is None):
        problems.append(Problem.coded("baseline_value", "target.baseline_pair"))
    if target.baseline_period is not None and period_start_year(target.baseline_period) > period_start_year(
        target.target_period
    ):
        problems.append(Problem.coded("baseline_period", "target.baseline_after", value=target.baseline_period))
    return problems
