"""What an enterprise makes (企业环节): enterprise ↔ chain node, with output and capacity."""

from __future__ import annotations

from typing import Annotated

from chainatlas.domain.common import Code, Money, Problem, Quantity, Record, Source, Text
from chainatlas.domain.fields import Header


class EnterpriseNode(Record):
    """An enterprise making (or providing) a chain node."""

    enterprise_id: Annotated[Code, Header("企业编号")]
    node_code: Annotated[Code, Header("环节编码")]
    annual_output_cny: Annotated[Money | None, Header("年产值")] = None
    capacity: Annotated[Quantity | None, Header("产能")] = None
    capacity_unit: Annotated[Text | None, Header("产能单位")] = None
    source: Annotated[Source, Header("来源")]


def enterprise_node_problems(item: EnterpriseNode) -> list[Problem]:
    """Return every rule a single enterprise-node record breaks."""
    if item.capacity is not None and item.capacity_unit is None:
        return [Problem.coded("capacity_unit", "capacity.unit_missing")]
    return []
