"""Chain analytics use cases (补链强链招商): metrics, gaps, targets and what-if, with access rules.

Users without the right to see supply links (everyone but analysts and admins) get aggregates
only where at least DISCLOSURE_THRESHOLD enterprises contribute; smaller ones are suppressed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from chainatlas.analytics.chain import NodeMetrics, cluster_hhi, covered, location_quotients, node_metrics
from chainatlas.analytics.gaps import gap_ranking
from chainatlas.analytics.snapshot import NO_YEAR, ChainSnapshot, Floats, latest_year
from chainatlas.analytics.targets import attraction_targets
from chainatlas.analytics.whatif import evaluate
from chainatlas.domain.access import AGGREGATES, CONFIDENTIAL_LINKS, Action, allowed
from chainatlas.domain.chain_results import (
    ARRAY_METRICS,
    SUPPRESSED_METRICS,
    AttractionTargets,
    ChainGapReport,
    ChainMetricsReport,
    ChainNodeMetrics,
    SavedScenario,
    ScenarioChange,
    ScenarioResult,
)
from chainatlas.domain.common import Problem
from chainatlas.domain.indicator import Indicator
from chainatlas.domain.kinds import INDICATORS
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.audit import extra_entries
from chainatlas.services.cache import PUBLIC_CACHE
from chainatlas.services.clusters import resolve_cluster
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import InvalidInput, NotFound
from chainatlas.services.validation import error_message
from chainatlas.store.chain import ChainExtrasRepository, ChainRows, load_chain_rows, load_metric_rows
from chainatlas.store.clusters import rule_of
from chainatlas.store.history import HistoryRepository
from chainatlas.store.queries import all_records

DISCLOSURE_THRESHOLD = 3
NATIONAL_METRIC = "national_output"
"""Indicators of this metric scoped `node:<code>` give the national totals for location quotients."""
CHANGE = TypeAdapter[ScenarioChange](ScenarioChange)


def _year(value: Any) -> int:
    return NO_YEAR if value is None else int(value)


def _home_country(firms: Sequence[Any]) -> str:
    countries = Counter(row.country for row in firms if row.in_cluster)
    return countries.most_common(1)[0][0] if countries else "CN"


def snapshot_from_rows(rows: ChainRows) -> ChainSnapshot:
    """Return the analytics snapshot of the registry's rows (foreign = outside the cluster's country)."""
    node_at = {r.code: i for i, r in enumerate(rows.nodes)}
    firm_at = {r.id: i for i, r in enumerate(rows.firms)}
    home = _home_country(rows.firms)
    links, makes = rows.links, rows.makes
    return ChainSnapshot(
        node_codes=tuple(r.code for r in rows.nodes),
        node_parent=np.array(
            [node_at.get(r.parent_code, -1) if r.parent_code else -1 for r in rows.nodes], dtype=np.int64
        ),
        node_key_technology=np.array([bool(r.key_technology) for r in rows.nodes], dtype=bool),
        firm_ids=tuple(r.id for r in rows.firms),
        firm_in_cluster=np.array([bool(r.in_cluster) for r in rows.firms], dtype=bool),
        firm_foreign=np.array([r.country != home for r in rows.firms], dtype=bool),
        makes_firm=np.array([firm_at[m[0]] for m in makes], dtype=np.int64),
        makes_node=np.array([node_at[m[1]] for m in makes], dtype=np.int64),
        makes_output=np.array([np.nan if m[2] is None else float(m[2]) for m in makes], dtype=np.float64),
        link_supplier=np.array([firm_at[r[0]] for r in links], dtype=np.int64),
        link_customer=np.array([firm_at[r[1]] for r in links], dtype=np.int64),
        link_node=np.array([node_at[r[2]] for r in links], dtype=np.int64),
        link_value=np.array([np.nan if r[3] is None else float(r[3]) for r in links], dtype=np.float64),
        link_since=np.array([_year(r[4]) for r in links], dtype=np.int64),
        link_until=np.array([_year(r[5]) for r in links], dtype=np.int64),
        related_pairs=tuple((node_at[a], node_at[b]) for a, b in rows.relations),
        firm_tags=tuple(tuple(r.tags) for r in rows.firms),
        firm_province=tuple(r.province for r in rows.firms),
        firm_district=tuple(r.district for r in rows.firms),
        firm_names=tuple(r.name_zh for r in rows.firms),
        node_names=tuple(r.name_zh for r in rows.nodes),
    )


def chain_snapshot(session: Session, cluster: str | None = None) -> ChainSnapshot:
    """Return a cluster's chain snapshot (None: the default cluster), built once per registry version (never
    change it). The caller has checked the cluster id (`services.clusters.resolve_cluster`)."""
    rule = rule_of(session, cluster)
    key = ("chain_snapshot", None if rule is None else rule.id)
    compute = lambda: snapshot_from_rows(load_chain_rows(session, key[1]))  # noqa: E731
    return PUBLIC_CACHE.get(session, key, compute, shared=False)  # an input, rebuilt per process from its rows


def metrics_snapshot(session: Session, cluster: str | None = None) -> ChainSnapshot:
    """Return the snapshot a cluster's chain metrics read: the full chain snapshot when it is already built, else
    the smaller one of its members and the suppliers they buy from (`load_metric_rows`; the same metrics), built
    once per registry version."""
    rule = rule_of(session, cluster)
    cluster_id = None if rule is None else rule.id
    full = PUBLIC_CACHE.peek(session, ("chain_snapshot", cluster_id))
    if isinstance(full, ChainSnapshot):
        return full
    key = ("metrics_snapshot", cluster_id)
    return PUBLIC_CACHE.get(session, key, lambda: snapshot_from_rows(load_metric_rows(session, cluster_id)))


def _full_access(user: User | None) -> bool:
    return allowed(user, Action.READ, CONFIDENTIAL_LINKS)


def _resolve_year(snapshot: ChainSnapshot, year: int | None) -> int | None:
    return latest_year(snapshot) if year is None else year


def metrics_rows(
    metrics: NodeMetrics, quotients: Floats, min_makers: int, *, full_access: bool
) -> tuple[ChainNodeMetrics, ...]:
    """Return one row per node, with link-based aggregates suppressed below the disclosure threshold
    for users who may not see the links themselves."""
    columns = {metric.value: metrics.plain(metric) for metric in ARRAY_METRICS}
    hidden = dict.fromkeys((m.value for m in SUPPRESSED_METRICS), None)
    suppress = ((metrics.suppliers < DISCLOSURE_THRESHOLD) & (not full_access)).tolist()
    flags = zip(metrics.key_technology.tolist(), covered(metrics, at_least=min_makers).tolist(), strict=True)
    rows = []
    for i, (key_technology, is_covered) in enumerate(flags):
        values: dict[str, Any] = {name: column[i] for name, column in columns.items()}
        if suppress[i]:
            values |= hidden
        quotient = None if np.isnan(quotients[i]) else float(quotients[i])
        rows.append(
            ChainNodeMetrics(
                code=metrics.codes[i],
                **values,
                key_technology=key_technology,
                suppressed=suppress[i],
                location_quotient=quotient,
                covered=is_covered,
            )
        )
    return tuple(rows)


def chain_metrics(
    session: Session, user: User | None, *, year: int | None = None, min_makers: int = 1, cluster: str | None = None
) -> ChainMetricsReport:
    """Return every node's metrics for a year (default: the latest year the links mention); a node is
    `covered` when at least `min_makers` in-cluster enterprises make it or something below it. Computed once
    per registry version, parameters and access class (with or without the right to see supply links)."""
    require(user, Action.READ, AGGREGATES)
    full = _full_access(user)
    rule = resolve_cluster(session, user, cluster)
    return cluster_metrics(session, rule.id, year=year, min_makers=min_makers, full=full)


def cluster_metrics(
    session: Session, cluster: str, *, year: int | None = None, min_makers: int = 1, full: bool
) -> ChainMetricsReport:
    """Return a checked cluster's metrics for an access class (`full`: with the right to see supply links), once per
    registry version; while a newer version is computed elsewhere, the previous one (see `services.cache`)."""
    key = ("chain_metrics", cluster, year, min_makers, full)
    compute = lambda: _chain_metrics(session, cluster, year, min_makers, full=full)  # noqa: E731
    return PUBLIC_CACHE.get(session, key, compute, stale_ok=True)


def _chain_metrics(
    session: Session, cluster: str, year: int | None, min_makers: int, *, full: bool
) -> ChainMetricsReport:
    snapshot = metrics_snapshot(session, cluster)
    year = _resolve_year(snapshot, year)
    metrics = node_metrics(snapshot, year=year)
    quotients = location_quotients(snapshot, metrics, national_output(session, year))
    return ChainMetricsReport(
        year=year,
        cluster=cluster,
        cluster_hhi=cluster_hhi(snapshot, year=year) if full else None,
        min_makers=min_makers,
        nodes=metrics_rows(metrics, quotients, min_makers, full_access=full),
    )


def national_output(session: Session, year: int | None) -> dict[str, float]:
    """Return national output per node code for a year, from `national_output` indicators scoped `node:<code>`."""
    found: dict[str, float] = {}
    for item in all_records(session, INDICATORS):
        indicator: Indicator = item
        if (
            indicator.metric == NATIONAL_METRIC
            and indicator.scope.startswith("node:")
            and (year is None or indicator.period == str(year))
        ):
            found[indicator.scope[5:]] = float(indicator.value)
    return found


def chain_gaps(
    session: Session, user: User | None, *, year: int | None = None, cluster: str | None = None
) -> ChainGapReport:
    """Return a cluster's gap ranking for a year (analysts and admins: it is built from the links), computed
    once per registry version."""
    require(user, Action.ANALYSE)
    rule = resolve_cluster(session, user, cluster)
    return cluster_gaps(session, rule.id, year)


def cluster_gaps(session: Session, cluster: str, year: int | None = None) -> ChainGapReport:
    """Return a checked cluster's gap ranking, once per registry version (or the previous one meanwhile)."""
    compute = lambda: _chain_gaps(session, cluster, year)  # noqa: E731
    return PUBLIC_CACHE.get(session, ("chain_gaps", cluster, year), compute, stale_ok=True)


def _chain_gaps(session: Session, cluster: str, year: int | None) -> ChainGapReport:
    snapshot = chain_snapshot(session, cluster)
    year = _resolve_year(snapshot, year)
    gaps = gap_ranking(snapshot, node_metrics(snapshot, year=year))
    return ChainGapReport(year=year, cluster=cluster, total=len(gaps), gaps=tuple(gaps))


def chain_targets(
    session: Session, user: User | None, *, code: str, limit: int = 20, cluster: str | None = None
) -> AttractionTargets:
    """Return the enterprises outside a cluster most worth attracting for a node of its subtree."""
    require(user, Action.ANALYSE)
    rule = resolve_cluster(session, user, cluster)
    snapshot = chain_snapshot(session, rule.id)
    if code not in snapshot.node_codes:
        raise NotFound(code="chain.node_not_found", params={"code": code})
    targets = tuple(attraction_targets(snapshot, code, limit=limit))
    return AttractionTargets(node=code, cluster=rule.id, targets=targets)


CHANGE_FIELDS = {"attract": ({"firm"}, {"district"}), "add_supplier": ({"firm", "node", "customer"}, {"value"})}
"""action → (required keys, optional keys) of a what-if change, besides `action`."""


Issue = tuple[str, dict[str, str | int | float | None]]


def _change_problems(snapshot: ChainSnapshot, item: dict[str, Any]) -> list[Issue]:
    action = item.get("action")
    if action not in CHANGE_FIELDS:
        return [("chain.action", {"known": ", ".join(CHANGE_FIELDS), "given": repr(action)})]
    required, optional = CHANGE_FIELDS[action]
    problems: list[Issue] = [
        ("chain.change_required", {"key": k, "action": action}) for k in sorted(required - set(item))
    ]
    extra = sorted(set(item) - required - optional - {"action"})
    problems += [("chain.change_extra", {"key": key, "action": action}) for key in extra]
    for key in ("firm", "customer"):
        if key in required and key in item and item[key] not in snapshot.firm_ids:
            problems.append(("chain.unknown_enterprise", {"key": key, "given": str(item[key])}))
    if "node" in required and "node" in item and item["node"] not in snapshot.node_codes:
        problems.append(("chain.unknown_node", {"given": str(item["node"])}))
    value = item.get("value", 0)
    if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
        problems.append(("chain.change_value", {"given": repr(value)}))
    return problems


def _typed(n: int, item: dict[str, Any]) -> ScenarioChange | list[Problem]:
    """Return a checked change as its result type, or what is wrong with its values' types."""
    try:
        return CHANGE.validate_python(item)
    except ValidationError as error:
        return [
            Problem.of(".".join([f"changes[{n}]", *map(str, e["loc"][1:])]), *error_message(e), value=str(item))
            for e in error.errors()
        ]


def _changes(snapshot: ChainSnapshot, raw: list[dict[str, Any]]) -> list[ScenarioChange]:
    problems = [
        Problem.of(f"changes[{n}]", code, params, value=str(item))
        for n, item in enumerate(raw)
        for code, params in _change_problems(snapshot, item)
    ]
    if not raw:
        problems.append(Problem.coded("changes", "chain.changes_empty"))
    if problems:
        raise InvalidInput(problems)
    typed = [_typed(n, item) for n, item in enumerate(raw)]
    problems = [p for found in typed if isinstance(found, list) for p in found]
    if problems:
        raise InvalidInput(problems)
    return [found for found in typed if not isinstance(found, list)]


def what_if(
    session: Session,
    user: User | None,
    ctx: WriteContext | None,
    *,
    changes: list[dict[str, Any]],
    year: int | None = None,
    save_as: str | None = None,
    cluster: str | None = None,
) -> ScenarioResult:
    """Recompute every metric of a cluster with the changes on a copy of the registry; store the scenario only
    if asked."""
    require(user, Action.ANALYSE)
    cluster_id = resolve_cluster(session, user, cluster).id
    snapshot = chain_snapshot(session, cluster_id)
    year = _resolve_year(snapshot, year)
    typed = _changes(snapshot, changes)
    _, _, diff = evaluate(snapshot, typed, year=year)
    scenario_id = None
    if save_as:
        scenario_id = _save(session, user, ctx, name=save_as, changes=typed, year=year, cluster=cluster_id)
    return ScenarioResult(
        year=year, cluster=cluster_id, changes=tuple(typed), differences=tuple(diff), saved_id=scenario_id
    )


def _save(
    session: Session,
    user: User | None,
    ctx: WriteContext | None,
    *,
    name: str,
    changes: list[ScenarioChange],
    year: int | None,
    cluster: str,
) -> int:
    """Store a scenario with its change record (which names the cluster: the scenarios table has no column for
    it) and return its id."""
    require(user, Action.WRITE)
    if ctx is None:
        raise ValueError("saving a scenario needs a write context")
    given = [change.model_dump(mode="json", exclude_unset=True) for change in changes]
    scenario_id = ChainExtrasRepository(session).save_scenario(
        name=name, changes=given, year=year, by=ctx.actor, at=ctx.at
    )
    row = {"id": scenario_id, "name": name, "changes": given, "year": year, "cluster": cluster}
    HistoryRepository(session).add_changes(extra_entries(ctx, "scenarios", [row], ("id",)))
    return scenario_id


def saved_scenarios(session: Session, user: User | None) -> list[SavedScenario]:
    """Return the saved scenarios, newest first."""
    require(user, Action.ANALYSE)
    return ChainExtrasRepository(session).scenarios()
