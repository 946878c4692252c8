"""Clusters in SQL: which enterprises are members of a cluster (its explicit rows, then its region and chain
subtree), the default cluster, and the enterprise column `in_cluster` as the default cluster's membership."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Engine,
    Select,
    and_,
    delete,
    exists,
    false,
    insert,
    not_,
    or_,
    select,
    union,
    update,
)
from sqlalchemy.orm import Session, aliased

from chainatlas.domain.cluster import REGION_LEVELS, Cluster, Location, in_region
from chainatlas.domain.enterprise import Enterprise
from chainatlas.store.history import VERSION_KEY, WROTE_KEY, Concern, concern_versions
from chainatlas.store.rows import ChainNodeRow, ClusterMemberRow, ClusterRow, EnterpriseNodeRow, EnterpriseRow

CHUNK = 400
RULES_KEY = "chainatlas.cluster_rules"
"""Where a unit of work keeps the clusters' rules it read (emptied by any write to clusters)."""


@dataclass(frozen=True)
class ClusterRule:
    """A cluster with its chain subtree spelled out: what membership by rule needs."""

    cluster: Cluster
    codes: frozenset[str] | None
    """The chain node codes of the cluster's subtree (None: the whole taxonomy, no condition on products)."""

    @property
    def id(self) -> str:
        return self.cluster.id


def _cluster_of(row: ClusterRow) -> Cluster:
    return Cluster.model_construct(
        id=row.id,
        name_zh=row.name_zh,
        name_en=row.name_en,
        region=tuple(row.region),
        root_code=row.root_code,
        is_default=bool(row.is_default),
        source=row.source,
    )


def subtree_codes(session: Session, root_code: str) -> frozenset[str]:
    """Return the codes of a chain node and every node below it."""
    return _subtree(_children(session), root_code)


def _children(session: Session) -> dict[str | None, list[str]]:
    """Return the chain taxonomy as each node's children (the roots under None)."""
    children: dict[str | None, list[str]] = {}
    for code, parent in session.execute(select(ChainNodeRow.code, ChainNodeRow.parent_code)):
        children.setdefault(parent, []).append(code)
    return children


def _subtree(children: dict[str | None, list[str]], root_code: str) -> frozenset[str]:
    found, todo = {root_code}, [root_code]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return frozenset(found)


def cluster_rules(session: Session) -> list[ClusterRule]:
    """Return every cluster with its subtree, the default first, then by id (read once per unit of work, and
    shared by the units of work of this process that read the same committed registry version)."""
    if RULES_KEY not in session.info:
        version = _committed_version(session)
        rules = _RULES_AT.get(version) if version is not None else None
        if rules is None:
            rules = _read_rules(session)
            if version is not None:
                _RULES_AT.clear()  # only the newest version is asked for again
                _RULES_AT[version] = rules
        session.info[RULES_KEY] = list(rules)
    found: list[ClusterRule] = session.info[RULES_KEY]
    return found


_RULES_AT: dict[tuple[str, int], list[ClusterRule]] = {}
"""The clusters' rules at the newest committed registry version this process read (per database)."""
RULES_WRITTEN = "chainatlas.cluster_rules_written"


def _committed_version(session: Session) -> tuple[str, int] | None:
    """Return the database and the registry version a unit of work reads, or None when what it reads may not be
    committed (it wrote) or it is bound to a connection (a test's rolled-back transaction)."""
    if session.info.get(WROTE_KEY) or session.info.get(RULES_WRITTEN) or not isinstance(session.bind, Engine):
        return None
    if VERSION_KEY not in session.info:
        session.info[VERSION_KEY] = concern_versions(session)
    return session.bind.url.render_as_string(hide_password=True), session.info[VERSION_KEY][Concern.REGISTRY]


def _read_rules(session: Session) -> list[ClusterRule]:
    rows = session.scalars(select(ClusterRow).order_by(ClusterRow.is_default.desc(), ClusterRow.id)).all()
    clusters = [_cluster_of(row) for row in rows]
    # the subtrees in one query however many clusters: thirty clusters' subtrees read one by one cost more than
    # the rest of an API list page
    children = _children(session) if any(c.root_code is not None for c in clusters) else {}
    return [ClusterRule(c, None if c.root_code is None else _subtree(children, c.root_code)) for c in clusters]


def forget_rules(session: Session) -> None:
    """Drop the clusters' rules a unit of work read (after it wrote clusters); it reads its own from then on."""
    session.info.pop(RULES_KEY, None)
    session.info[RULES_WRITTEN] = True


def default_rule(session: Session) -> ClusterRule | None:
    """Return the default cluster's rule (the one marked default, else the first), or None without clusters."""
    rules = cluster_rules(session)
    return rules[0] if rules else None


def region_clause(region: Sequence[str]) -> ColumnElement[bool]:
    by_level: dict[str, list[str]] = {}
    for part in region:
        level, _, value = part.partition(":")
        by_level.setdefault(level, []).append(value)
    columns = EnterpriseRow.__table__.c
    # `IS NOT NULL` keeps the clause two-valued: an enterprise without a city is not in a city (false, not NULL)
    terms = [
        and_(columns[level].is_not(None), columns[level].in_(by_level[level]))
        for level in REGION_LEVELS
        if level in by_level
    ]
    return or_(*terms) if terms else false()


def _explicit(cluster_id: str, included: bool) -> ColumnElement[bool]:
    return exists().where(
        ClusterMemberRow.enterprise_id == EnterpriseRow.id,
        ClusterMemberRow.cluster_id == cluster_id,
        ClusterMemberRow.included == included,
    )


def member_clause(rule: ClusterRule) -> ColumnElement[bool]:
    """Return a clause over `enterprises` that holds for the members of a cluster."""
    by_rule = region_clause(rule.cluster.region)
    if rule.codes is not None:
        made = aliased(EnterpriseNodeRow)  # an alias: a query over enterprise_nodes itself must not correlate it
        makes = exists().where(made.enterprise_id == EnterpriseRow.id, made.node_code.in_(sorted(rule.codes)))
        by_rule = and_(by_rule, makes)
    if not rule.cluster.region:
        return _explicit(rule.id, True)
    return or_(_explicit(rule.id, True), and_(by_rule, not_(_explicit(rule.id, False))))


def member_select(rule: ClusterRule) -> Select[Any] | CompoundSelect[Any]:
    """Return a SELECT of the ids of a cluster's members, the same set as `member_clause`, in a form an index
    serves on a large registry: its explicit inclusions UNION the enterprises of its region (by the place
    indexes) that make something on its subtree and are not explicitly excluded."""
    included = select(ClusterMemberRow.enterprise_id).where(
        ClusterMemberRow.cluster_id == rule.id, ClusterMemberRow.included.is_(True)
    )
    if not rule.cluster.region:
        return included
    local = [region_clause(rule.cluster.region), not_(_explicit(rule.id, False))]
    if rule.codes is not None:
        local.append(
            exists().where(
                EnterpriseNodeRow.enterprise_id == EnterpriseRow.id,
                EnterpriseNodeRow.node_code.in_(sorted(rule.codes)),
            )
        )
    return union(included, select(EnterpriseRow.id).where(*local))


def member_ids(session: Session, rule: ClusterRule) -> set[str]:
    """Return the ids of a cluster's members."""
    return set(session.scalars(select(EnterpriseRow.id).where(member_clause(rule))))


def rule_of(session: Session, cluster_id: str | None) -> ClusterRule | None:
    """Return a cluster's rule (None: the default cluster's), or None when there is no such cluster."""
    if cluster_id is None:
        return default_rule(session)
    return next((rule for rule in cluster_rules(session) if rule.id == cluster_id), None)


def in_cluster_column(session: Session, cluster_id: str | None = None) -> ColumnElement[bool]:
    """Return the enterprise column `in_cluster`: membership of a cluster (None: the default), false without it."""
    rule = rule_of(session, cluster_id)
    return false() if rule is None else member_clause(rule)


def write_default_membership(session: Session, records: Iterable[Enterprise], *, new: bool = False) -> None:
    """Store the `in_cluster` the records say as explicit rows of the default cluster, as few as it needs.

    A row is kept only where the cluster's rules (region, chain subtree) would say otherwise: true includes,
    false excludes; where the rules agree, an explicit row is dropped. Empty (None) leaves the membership as it
    is. The subtree is read from the enterprise nodes already stored (an import writes them after enterprises).
    """
    rule = default_rule(session)
    said = [r for r in records if r.in_cluster is not None]
    if rule is None or not said:
        return
    by_rule = _rule_says(session, rule, said)
    # new enterprises have no membership rows yet: no look-up (a million-row import makes thousands of them)
    stored = {} if new else _explicit_rows(session, rule.id, [r.id for r in said])
    wanted = {r.id: (bool(r.in_cluster), r.source) for r in said if bool(r.in_cluster) != by_rule[r.id]}
    _insert_members(session, rule.id, {i: w for i, w in wanted.items() if i not in stored})
    for enterprise_id, (included, source) in wanted.items():
        if enterprise_id in stored and stored[enterprise_id] != included:
            session.execute(
                update(ClusterMemberRow)
                .where(ClusterMemberRow.cluster_id == rule.id, ClusterMemberRow.enterprise_id == enterprise_id)
                .values(included=included, source=source)
            )
    gone = [r.id for r in said if r.id in stored and r.id not in wanted]
    for start in range(0, len(gone), CHUNK):
        session.execute(
            delete(ClusterMemberRow).where(
                ClusterMemberRow.cluster_id == rule.id, ClusterMemberRow.enterprise_id.in_(gone[start : start + CHUNK])
            )
        )


def _rule_says(session: Session, rule: ClusterRule, records: Sequence[Enterprise]) -> dict[str, bool]:
    """Return, per enterprise, the membership its location and stored products give without explicit rows."""
    local = {
        r.id
        for r in records
        if in_region(rule.cluster.region, Location(r.country, r.province, r.city, r.district, r.park))
    }
    if rule.codes is not None and local:
        ids = sorted(local)
        makes: set[str] = set()
        for start in range(0, len(ids), CHUNK):
            statement = select(EnterpriseNodeRow.enterprise_id).where(
                EnterpriseNodeRow.enterprise_id.in_(ids[start : start + CHUNK]),
                EnterpriseNodeRow.node_code.in_(sorted(rule.codes)),
            )
            makes.update(session.scalars(statement))
        local &= makes
    return {r.id: r.id in local for r in records}


def _explicit_rows(session: Session, cluster_id: str, ids: Sequence[str]) -> dict[str, bool]:
    """Return the explicit rows of a cluster among enterprises, by enterprise id.

    Looked up by enterprise id alone (the primary key's first column) and the cluster picked here: with
    `cluster_id = …` in SQL, PostgreSQL without fresh statistics (a bulk import) scans the cluster's index,
    every row of the cluster for every chunk, which is quadratic over a million-row import."""
    found: dict[str, bool] = {}
    columns = (ClusterMemberRow.enterprise_id, ClusterMemberRow.cluster_id, ClusterMemberRow.included)
    for start in range(0, len(ids), CHUNK):
        statement = select(*columns).where(ClusterMemberRow.enterprise_id.in_(ids[start : start + CHUNK]))
        rows = session.execute(statement)
        found.update({row.enterprise_id: bool(row.included) for row in rows if row.cluster_id == cluster_id})
    return found


def _insert_members(session: Session, cluster_id: str, rows: dict[str, tuple[bool, str]]) -> None:
    if rows:
        values = [
            {"cluster_id": cluster_id, "enterprise_id": i, "included": included, "source": source}
            for i, (included, source) in rows.items()
        ]
        session.execute(insert(ClusterMemberRow), values)


def mark_single_default(session: Session, default_id: str) -> None:
    """Make one cluster the default and every other one not (a registry has one default)."""
    session.execute(update(ClusterRow).where(ClusterRow.id != default_id).values(is_default=False))
    session.execute(update(ClusterRow).where(ClusterRow.id == default_id).values(is_default=True))
    forget_rules(session)


def default_memberships(session: Session, ids: Sequence[str]) -> dict[str, bool]:
    """Return the default cluster's membership of each of these enterprises (unknown ids are left out)."""
    inside = in_cluster_column(session, None).label("in_cluster")
    found: dict[str, bool] = {}
    for start in range(0, len(ids), CHUNK):
        statement = select(EnterpriseRow.id, inside).where(EnterpriseRow.id.in_(ids[start : start + CHUNK]))
        found.update({row.id: bool(row.in_cluster) for row in session.execute(statement)})
    return found
