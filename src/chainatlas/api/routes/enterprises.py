"""An enterprise's suppliers and customers."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter

from chainatlas.api.deps import CurrentUser, UoW
from chainatlas.domain.registry_results import PartnerLink
from chainatlas.services.browse import enterprise_partners

router = APIRouter(tags=["enterprises"])


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
    def route(enterprise_id: str, uow: UoW, user: CurrentUser) -> dict[str, Any]:
        items = enterprise_partners(uow.session, user, enterprise_id=enterprise_id, role=role)
        return {"items": [partner_json(i) for i in items], "total": len(items)}

    route.__doc__ = f"Return the enterprise's {role}, with chain node, annual value and share; largest first."
    return route


router.add_api_route(
    "/enterprises/{enterprise_id}/suppliers",
    _partners("suppliers"),
    methods=["GET"],
    summary="Suppliers of an enterprise",
)
router.add_api_route(
    "/enterprises/{enterprise_id}/customers",
    _partners("customers"),
    methods=["GET"],
    summary="Customers of an enterprise",
)
