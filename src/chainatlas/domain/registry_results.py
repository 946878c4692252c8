"""Results of the registry's reads that services return and adapters and reports render: an enterprise's
partners and the chain tree with its enterprise counts."""

from __future__ import annotations

from dataclasses import dataclass

from chainatlas.domain.chain_node import ChainNode
from chainatlas.domain.enterprise import Enterprise
from chainatlas.domain.supply_link import SupplyLink


@dataclass(frozen=True)
class PartnerLink:
    """A supply link seen from one enterprise: the link, the other party, and the node's names."""

    link: SupplyLink
    partner: Enterprise
    node_name_zh: str
    node_name_en: str | None


@dataclass(frozen=True)
class TreeNode:
    """A chain node with how many enterprises make it (or a descendant), inside and outside the cluster."""

    node: ChainNode
    inside: int
    outside: int
    local_share: float | None
    children: list[TreeNode]
