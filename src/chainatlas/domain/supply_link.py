"""Supply links (供应关系): who supplies whom with which chain node, how much."""

from __future__ import annotations

from typing import Annotated

from chainatlas.domain.common import Code, Fraction, Money, Problem, Record, Source, Year
from chainatlas.domain.fields import Header


class SupplyLink(Record):
    """A supplier selling a chain node to a customer."""

    supplier_id: Annotated[Code, Header("供应商")]
    customer_id: Annotated[Code, Header("客户")]
    node_code: Annotated[Code, Header("环节编码")]
    annual_value_cny: Annotated[Money | None, Header("年采购额")] = None
    share: Annotated[Fraction | None, Header("占比")] = None
    since: Annotated[Year | None, Header("起始年份")] = None
    until: Annotated[Year | None, Header("终止年份")] = None
    confidence: Annotated[Fraction | None, Header("可信度")] = None
    confidential: Annotated[bool, Header("保密")] = False
    evidence: Annotated[Source | None, Header("依据")] = None
    source: Annotated[Source, Header("来源")]


def supply_link_problems(link: SupplyLink) -> list[Problem]:
    """Return every rule a single supply link breaks."""
    problems: list[Problem] = []
    if link.supplier_id == link.customer_id:
        problems.append(Problem.coded("customer_id", "supply_link.self", value=link.customer_id))
    if link.since is not None and link.until is not None and link.until < link.since:
        problems.append(
            Problem.coded("until", "supply_link.until_before_since", value=str(link.until), since=str(link.since))
        )
    return problems
