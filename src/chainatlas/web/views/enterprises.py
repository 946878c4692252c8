"""The enterprise registry: a filtered list (with downloads), one enterprise's profile, its partner lists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from chainatlas.domain.access import Action
from chainatlas.domain.chain_results import ChainTreeNode
from chainatlas.domain.common import MAX_DB_INT, Record, SizeClass
from chainatlas.domain.enterprise import KNOWN_TAGS, Enterprise
from chainatlas.domain.kinds import ENTERPRISES
from chainatlas.domain.user import User
from chainatlas.reports.chain_charts import by_segment
from chainatlas.reports.charts import network_chart
from chainatlas.services.access import require
from chainatlas.services.browse import (
    MAX_LIMIT,
    chain_tree,
    enterprise_makes,
    enterprise_partner_count,
    enterprise_partners,
    list_records,
)
from chainatlas.services.cluster_membership import enterprise_clusters
from chainatlas.services.errors import NotFound
from chainatlas.services.exports import as_interchange
from chainatlas.services.records import get_record
from chainatlas.web.deps import UoW, Viewer
from chainatlas.web.downloads import partner_download, records_download
from chainatlas.web.errors import PageRoute
from chainatlas.web.i18n import Translator
from chainatlas.web.render import render, translator
from chainatlas.web.views.news_sections import news_context
from chainatlas.web.views.record_history import can_write, history_context

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PAGE_SIZE = 25
PROFILE_PARTNERS = 10
GRAPH_PARTNERS = 25
ROLES = ("suppliers", "customers")
Format = Annotated[Literal["csv", "xlsx"] | None, Query(alias="format")]
Text = Annotated[str, Query(max_length=200)]


@dataclass(frozen=True)
class Pager:
    """Where a listing page is, with the links to its neighbours."""

    page: int
    pages: int
    start: int
    end: int
    prev: str | None
    next: str | None


def pager(path: str, query: dict[str, str], page: int, total: int) -> Pager:
    """Return the pager of a listing page."""
    pages = max(1, -(-total // PAGE_SIZE))

    def link(number: int) -> str | None:
        return f"{path}?{urlencode({**query, 'page': number})}" if 1 <= number <= pages and number != page else None

    start = min(total, (page - 1) * PAGE_SIZE + 1)
    return Pager(page, pages, start, min(total, page * PAGE_SIZE), link(page - 1), link(page + 1))


def node_options(forest: Sequence[ChainTreeNode], t: Translator, depth: int = 0) -> list[tuple[str, str]]:
    """Return (code, indented label) for every chain node, depth first, for a select box."""
    options: list[tuple[str, str]] = []
    for tree in forest:
        options.append((tree.code, "\u3000" * depth + t.name(tree.name_zh, tree.name_en)))
        options.extend(node_options(tree.children, t, depth + 1))
    return options


def all_matching(session: Session, user: User | None, filters: dict[str, str]) -> list[Record]:
    """Return every enterprise a filter matches (for a download), page by page."""
    found: list[Record] = []
    while True:
        page = list_records(session, user, kind="enterprises", filters=filters, offset=len(found), limit=MAX_LIMIT)
        found.extend(page.items)
        if not page.items or len(found) >= page.total:
            return found


@router.get("/enterprises")
def enterprise_list(
    request: Request,
    uow: UoW,
    user: Viewer,
    fmt: Format = None,
    page: Annotated[int, Query(ge=1, le=MAX_DB_INT // PAGE_SIZE)] = 1,
    q: Text = "",
    node: Text = "",
    in_cluster: Text = "",
    district: Text = "",
    size_class: Text = "",
    tag: Text = "",
    cluster: Text = "",
) -> Response:
    """List enterprises matching a search and filters, a page at a time, or download all of them (`in_cluster`:
    membership of the chosen cluster, in the filter, the table and the download)."""
    query = {
        "q": q.strip(),
        "node": node,
        "in_cluster": in_cluster,
        "district": district.strip(),
        "size_class": size_class,
        "tag": tag,
        "cluster": cluster.strip(),
    }
    filters = {name: value for name, value in query.items() if value}
    if fmt is not None:
        found = as_interchange(uow.session, all_matching(uow.session, user, filters))
        return records_download("enterprises", found, fmt, translator(request))
    return render(request, "enterprises.html", _list_context(request, uow, user, query, filters, page), user=user)


def _list_context(
    request: Request, uow: UoW, user: User | None, query: dict[str, str], filters: dict[str, str], page: int
) -> dict[str, object]:
    """Return what the enterprise list shows: one page of matches, the pager, the filters and their choices."""
    found = list_records(
        uow.session, user, kind="enterprises", filters=filters, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE
    )
    return {
        "items": found.items,
        "total": found.total,
        "query": query,
        "filters": filters,
        "pager": pager("/enterprises", filters, page, found.total),
        "download_href": f"/enterprises?{urlencode(filters)}",
        "nodes": node_options(by_segment(chain_tree(uow.session, user)), translator(request)),
        "sizes": list(SizeClass),
        "known_tags": KNOWN_TAGS,
        "can_write": can_write(user),
    }


@router.get("/enterprises/{enterprise_id}")
def enterprise_profile(
    request: Request, enterprise_id: str, uow: UoW, user: Viewer, cluster: Annotated[str | None, Query()] = None
) -> Response:
    """Show one enterprise: every field, the clusters it is in (and how), what it makes, its suppliers and
    customers (inside or outside the chosen cluster), its indicators, sources."""
    require(user, Action.READ)
    session = uow.session
    firm: Enterprise = get_record(session, kind=ENTERPRISES, key=(enterprise_id,))
    parent = get_record(session, kind="enterprises", key=(firm.parent_id,)) if firm.parent_id else None
    suppliers, customers = (
        enterprise_partners(session, user, enterprise_id=firm.id, role=role, limit=GRAPH_PARTNERS, cluster=cluster)
        for role in ROLES
    )
    counts = {
        role: enterprise_partner_count(session, user, enterprise_id=firm.id, role=role)
        for role in ("suppliers", "customers")
    }
    indicators = list_records(
        session, user, kind="indicators", filters={"scope": firm.id}, sort="metric,period", limit=MAX_LIMIT
    )
    graph = network_chart(firm, suppliers, customers, translator(request), limit=GRAPH_PARTNERS)
    context = {
        "firm": firm,
        "parent": parent,
        **_memberships(session, user, firm, cluster),
        "makes": enterprise_makes(session, user, enterprise_id=firm.id),
        "suppliers": suppliers,
        "counts": counts,
        "customers": customers,
        "indicators": indicators.items,
        "graph": graph,
        "shown": PROFILE_PARTNERS,
        "graph_limit": GRAPH_PARTNERS,
        "fields": list(Enterprise.model_fields),
        **history_context(request, session, user, kind="enterprises", key=(firm.id,)),
        **news_context(session, user, "enterprise", firm.id),
    }
    return render(request, "enterprise.html", context, user=user)


def _memberships(session: Session, user: User | None, firm: Enterprise, cluster: str | None) -> dict[str, object]:
    """Return the clusters an enterprise is in (and why) and whether it is in the chosen one (None: the default)."""
    memberships = enterprise_clusters(session, user, enterprise_id=firm.id)
    chosen = cluster or (memberships[0].cluster.id if memberships else None)
    inside = next((m.member for m in memberships if m.cluster.id == chosen), firm.in_cluster)
    return {"cluster": cluster, "memberships": memberships, "inside": inside}


@router.get("/enterprises/{enterprise_id}/{role}")
def enterprise_partner_list(
    request: Request,
    enterprise_id: str,
    role: str,
    uow: UoW,
    user: Viewer,
    fmt: Format = None,
    cluster: Annotated[str | None, Query()] = None,
) -> Response:
    """List all of an enterprise's suppliers or customers (inside or outside the chosen cluster), or download them."""
    if role not in ROLES:
        raise NotFound(code="page.not_found", params={"page": role})
    require(user, Action.READ)
    firm: Enterprise = get_record(uow.session, kind=ENTERPRISES, key=(enterprise_id,))
    partners = enterprise_partners(uow.session, user, enterprise_id=firm.id, role=role, cluster=cluster)
    t = translator(request)
    if fmt is not None:
        return partner_download(f"{firm.id}-{role}", partners, fmt, t)
    context = {
        "firm": firm,
        "cluster": cluster,
        "role": role,
        "partners": partners,
        "shown": None,
        "title": t(f"enterprise.of_{role}", name=t.name(firm.name_zh, firm.name_en)),
    }
    return render(request, "partners.html", context, user=user)
