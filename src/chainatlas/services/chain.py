"""Chain analytics use cases (补链强链招商): metrics, gaps, targets and what-if, with access rules.

Users without the right to see supply links (everyone but analysts and admins) get aggregates
only where at least DISCLOSURE_THRESHOLD enterprises contribute; smaller ones are suppressed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from chainatlas.analytics.chain import NodeMetrics, cluster_hhi, covered, location_quotients, node_metrics
from chainatlas.analytics.gaps import GapRow, gap_ranking
from chainatlas.analytics.snapshot import NO_YEAR, ChainSnapshot, latest_year
from chainatlas.analytics.targets import TargetRow, attraction_targets
from chainatlas.analytics.whatif import Change, evaluate
from chainatlas.domain.access import AGGREGATES, CONFIDENTIAL_LINKS, Action, allowed
from chainatlas.domain.common import Problem
from chainatlas.domain.indicator import Indicator
from chainatlas.domain.user import User
from chainatlas.services.access import require
from chainatlas.services.audit import extra_entries
from chainatlas.services.context import WriteContext
from chainatlas.services.errors import InvalidInput, NotFound
from chainatlas.store.chain import ChainExtrasRepository, ChainRows, load_chain_rows
from chainatlas.store.history import HistoryRepository
from chainatlas.store.queries import all_records

DISCLOSURE_THRESHOLD = 3
NATIONAL_METRIC = "national_output"
"""Indicators of this metric scoped `node:<code>` give the national totals for location quotients."""
SUPPRESSED_KEYS = (
    "purchases",
    "local_value",
    "local_rate_value",
    "hhi",
    "customer_hhi",
    "foreign_share",
    "local_rate_count",
    "suppliers",
    "local_suppliers",
    "single_source_links",
    "customer_node_pairs",
)


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


def chain_snapshot(session: Session) -> ChainSnapshot:
    """Return the registry's current chain snapshot."""
    return snapshot_from_rows(load_chain_rows(session))


def _full_access(user: User | None) -> bool:
    return allowed(user, Action.READ, CONFIDENTIAL_LINKS)


def _resolve_year(snapshot: ChainSnapshot, year: int | None) -> int | None:
    return latest_year(snapshot) if year is None else year


def metrics_rows(metrics: NodeMetrics, *, full_access: bool) -> list[dict[str, Any]]:
    """Return one row per node, with link-based aggregates suppressed below the disclosure threshold
    for users who may not see the links themselves."""
    rows = []
    for i in range(len(metrics.codes)):
        row = metrics.row(i)
        if not full_access and metrics.suppliers[i] < DISCLOSURE_THRESHOLD:
            row.update(dict.fromkeys(SUPPRESSED_KEYS))
            row["suppressed"] = True
        else:
            row["suppressed"] = False
        rows.append(row)
    return rows


def chain_metrics(
    session: Session, user: User | None, *, year: int | None = None, min_makers: int = 1
) -> dict[str, Any]:
    """Return every node's metrics for a year (default: the latest year the links mention); a node is
    `covered` when at least `min_makers` in-cluster enterprises make it or something below it."""
    require(user, Action.READ, AGGREGATES)
    snapshot = chain_snapshot(session)
    year = _resolve_year(snapshot, year)
    metrics = node_metrics(snapshot, year=year)
    hhi = cluster_hhi(snapshot, year=year) if _full_access(user) else None
    rows = metrics_rows(metrics, full_access=_full_access(user))
    quotients = location_quotients(snapshot, metrics, national_output(session, year))
    for row, quotient, is_covered in zip(rows, quotients, covered(metrics, at_least=min_makers), strict=True):
        row["location_quotient"] = None if np.isnan(quotient) else float(quotient)
        row["covered"] = bool(is_covered)
    return {"year": year, "cluster_hhi": hhi, "min_makers": min_makers, "nodes": rows}


def national_output(session: Session, year: int | None) -> dict[str, float]:
    """Return national output per node code for a year, from `national_output` indicators scoped `node:<code>`."""
    found: dict[str, float] = {}
    for item in all_records(session, "indicators"):
        indicator: Indicator = item  # type: ignore[assignment]
        if (
            indicator.metric == NATIONAL_METRIC
            and indicator.scope.startswith("node:")
            and (year is None or indicator.period == str(year))
        ):
            found[indicator.scope[5:]] = float(indicator.value)
    return found


def chain_gaps(session: Session, user: User | None, *, year: int | None = None) -> tuple[int | None, list[GapRow]]:
    """Return the gap ranking for a year (analysts and admins: it is built from the links)."""
    require(user, Action.ANALYSE)
    snapshot = chain_snapshot(session)
    year = _resolve_year(snapshot, year)
    return year, gap_ranking(snapshot, node_metrics(snapshot, year=year))


def chain_targets(session: Session, user: User | None, *, code: str, limit: int = 20) -> list[TargetRow]:
    """Return the enterprises outside the cluster most worth attracting for a node."""
    require(user, Action.ANALYSE)
    snapshot = chain_snapshot(session)
    if code not in snapshot.node_codes:
        raise NotFound(f"no chain node {code}")
    return attraction_targets(snapshot, code, limit=limit)


CHANGE_FIELDS = {"attract": ({"firm"}, {"district"}), "add_supplier": ({"firm", "node", "customer"}, {"value"})}
"""action → (required keys, optional keys) of a what-if change, besides `action`."""


def _change_problems(snapshot: ChainSnapshot, item: dict[str, Any]) -> list[str]:
    action = item.get("action")
    if action not in CHANGE_FIELDS:
        return [f"action must be one of {', '.join(CHANGE_FIELDS)}, got {action!r}"]
    required, optional = CHANGE_FIELDS[action]
    problems = [f"{key} is required for {action}" for key in sorted(required - set(item))]
    problems += [f"{key} is not a field of {action}" for key in sorted(set(item) - required - optional - {"action"})]
    for key in ("firm", "customer"):
        if key in required and key in item and item[key] not in snapshot.firm_ids:
            problems.append(f"{key}: unknown enterprise {item[key]}")
    if "node" in required and "node" in item and item["node"] not in snapshot.node_codes:
        problems.append(f"node: unknown chain node {item['node']}")
    value = item.get("value", 0)
    if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
        problems.append(f"value must be a number of yuan ≥ 0, got {value!r}")
    return problems


def _changes(snapshot: ChainSnapshot, raw: list[dict[str, Any]]) -> list[Change]:
    problems = [
        Problem(field=f"changes[{n}]", message=m, value=str(item))
        for n, item in enumerate(raw)
        for m in _change_problems(snapshot, item)
    ]
    if not raw:
        problems.append(Problem(field="changes", message="give at least one change", value=None))
    if problems:
        raise InvalidInput(problems)
    return [Change(**item) for item in raw]


def what_if(
    session: Session,
    user: User | None,
    ctx: WriteContext | None,
    *,
    changes: list[dict[str, Any]],
    year: int | None = None,
    save_as: str | None = None,
) -> dict[str, Any]:
    """Recompute every metric with the changes on a copy of the registry; store the scenario only if asked."""
    require(user, Action.ANALYSE)
    snapshot = chain_snapshot(session)
    year = _resolve_year(snapshot, year)
    _, _, diff = evaluate(snapshot, _changes(snapshot, changes), year=year)
    scenario_id = None
    if save_as:
        require(user, Action.WRITE)
        if ctx is None:
            raise ValueError("saving a scenario needs a write context")
        scenario_id = ChainExtrasRepository(session).save_scenario(
            name=save_as, changes=changes, year=year, by=ctx.actor, at=ctx.at
        )
        row = {"id": scenario_id, "name": save_as, "changes": changes, "year": year}
        HistoryRepository(session).add_changes(extra_entries(ctx, "scenarios", [row], ("id",)))
    return {"year": year, "changes": changes, "differences": diff, "saved_id": scenario_id}


def saved_scenarios(session: Session, user: User | None) -> list[dict[str, Any]]:
    """Return the saved scenarios."""
    require(user, Action.ANALYSE)
    return ChainExtrasRepository(session).scenarios()
