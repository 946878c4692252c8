"""An enterprise's suppliers and customers."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel

from chainatlas.api.cluster_query import ClusterQuery
from chainatlas.api.deps import CurrentUser, UoW
from chainatlas.domain.registry_results import PartnerLink
from chainatlas.domain.supply_link import SupplyLink
from chainatlas.services.browse import enterprise_partners

router = APIRouter(tags=["enterprises"])


class Partner(BaseModel):
    """The other party of a supply link."""

    id: str
    name_zh: str
    name_en: str | None
    in_cluster: bool
    country: str | None
    source: str


class LinkNode(BaseModel):
    """The chain node a supply link is for."""

    code: str
    name_zh: str
    name_en: str | None


class PartnerLinkItem(SupplyLink):
    """A supply link seen from one enterprise: the link's fields, the other party and the chain node."""

    partner: Partner
    node: LinkNode


class PartnerLinks(BaseModel):
    """An enterprise's suppliers or customers, largest annual value first."""

    items: list[PartnerLinkItem]
    total: int


def partner_json(item: PartnerLink) -> dict[str, Any]:
    """Return a partner link as API JSON."""
    partner = item.partner
    return {
        **item.link.model_dump(mode="json"),
        "partner": {
            "id": partner.id,
            "name_zh": partner.name_zh,
            "name_en": partner.name_en,
            "in_cluster": partner.in_cluster,
            "country": partner.country,
            "source": partner.source,
        },
        "node": {"code": item.link.node_code, "name_zh": item.node_name_zh, "name_en": item.node_name_en},
    }


def _partners(role: Literal["suppliers", "customers"]) -> Any:
    def route(enterprise_id: str, uow: UoW, user: CurrentUser, cluster: ClusterQuery = None) -> dict[str, Any]:
        items = enterprise_partners(uow.session, user, enterprise_id=enterprise_id, role=role, cluster=cluster)
        return {"items": [partner_json(i) for i in items], "total": len(items)}

    route.__doc__ = (
        f"Return the enterprise's {role}, with chain node, annual value and share; largest first (a partner's "
        "`in_cluster`: its membership of the cluster)."
    )
    return route


ROLES: tuple[Literal["suppliers", "customers"], ...] = ("suppliers", "customers")
for _role in ROLES:
    router.add_api_route(
        f"/enterprises/{{enterprise_id}}/{_role}",
        _partners(_role),
        methods=["GET"],
        response_model=PartnerLinks,
        summary=f"{_role.capitalize()} of an enterprise",
    )
