"""Results of the registry's reads that services return and adapters and reports render: an enterprise's
partners (the chain tree is `chain_results.ChainTreeNode`)."""

from __future__ import annotations

from dataclasses import dataclass

from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.supply_link import SupplyLink


@dataclass(frozen=True)
class PartnerLink:
    """A supply link seen from one enterprise: the link, the other party, and the node's names."""

    link: SupplyLink
    partner: Enterprise
    node_name_zh: str
    node_name_en: str | None
