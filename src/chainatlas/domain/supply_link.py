"""Supply links (供应关系): who supplies whom with which chain node, how much."""

from __future__ import annotations

from chainatlas.domain.common import Code, Fraction, Money, Problem, Record, Source, Year


class SupplyLink(Record):
    """A supplier selling a chain node to a customer."""

    supplier_id: Code
    customer_id: Code
    node_code: Code
    annual_value_cny: Money | None = None
    share: Fraction | None = None
    since: Year | None = None
    until: Year | None = None
    confidence: Fraction | None = None
    confidential: bool = False
    evidence: Source | None = None
    source: Source


def supply_link_problems(link: SupplyLink) -> list[Problem]:
    """Return every rule a single supply link breaks."""
    problems: list[Problem] = []
    if link.supplier_id == link.customer_id:
        problems.append(
            Problem(field="customer_id", message="an enterprise cannot supply itself", value=link.customer_id)
        )
    if link.since is not None and link.until is not None and link.until < link.since:
        problems.append(Problem(field="until", message=f"ends before it starts ({link.since})", value=str(link.until)))
    return problems
