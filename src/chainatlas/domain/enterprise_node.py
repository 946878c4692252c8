"""What an enterprise makes (企业环节): enterprise ↔ chain node, with output and capacity."""

from __future__ import annotations

from chainatlas.domain.common import Code, Money, Problem, Quantity, Record, Source, Text


class EnterpriseNode(Record):
    """An enterprise making (or providing) a chain node."""

    enterprise_id: Code
    node_code: Code
    annual_output_cny: Money | None = None
    capacity: Quantity | None = None
    capacity_unit: Text | None = None
    source: Source


def enterprise_node_problems(item: EnterpriseNode) -> list[Problem]:
    """Return every rule a single enterprise-node record breaks."""
    if item.capacity is not None and item.capacity_unit is None:
        return [Problem(field="capacity_unit", message="a capacity needs its unit", value=None)]
    return []
