"""Resilience profiles (韧性参数) and bill-of-materials lines: what the supply network model needs per site.

They are kinds of their own, not columns of `enterprises`, so that a sourced enterprise record never
carries generated numbers: each profile and each BOM line has its own `source` (often `synthetic`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

from chainatlas.domain.common import Code, Money, Problem, Quantity, Record, Source, Text
from chainatlas.domain.fields import Header

DEFAULT_UNITS_PER_UNIT = Decimal(1)
"""Units of a material per unit of the customer's product when no BOM line says otherwise."""
PositiveQuantity = Annotated[Decimal, Field(gt=0, max_digits=24, decimal_places=6)]


class ResilienceProfile(Record):
    """One enterprise site's figures for the resilience model, in units of its own product."""

    enterprise_id: Annotated[Code, Header("企业编号")]
    demand_per_day: Annotated[Quantity, Header("日需求")] = Decimal(0)
    """External demand per day (0 for a site that only supplies others)."""
    capacity_per_day: Annotated[Quantity | None, Header("日产能")] = None
    """Most units it can make per day (None: unlimited)."""
    inventory: Annotated[Quantity, Header("库存")] = Decimal(0)
    """Units of its own product on hand plus in the pipeline."""
    margin_cny: Annotated[Money, Header("单位损失")] = Decimal(0)
    """Loss in yuan per unit of unmet external demand."""
    ttr_days: Annotated[Quantity, Header("恢复天数")] = Decimal(0)
    """Time to recover, in days, if the site is disrupted."""
    unit: Annotated[Text | None, Header("产品单位")] = None
    """What one unit of the site's product is (e.g. 台, or 万元产值)."""
    source: Annotated[Source, Header("来源")]


class BomRatio(Record):
    """How many units of a material (a chain node) a customer needs per unit of its product."""

    customer_id: Annotated[Code, Header("客户")]
    node_code: Annotated[Code, Header("环节编码")]
    units_per_unit: Annotated[PositiveQuantity, Header("单位用量")] = DEFAULT_UNITS_PER_UNIT
    source: Annotated[Source, Header("来源")]


def resilience_profile_problems(item: ResilienceProfile) -> list[Problem]:
    """Return every rule a single resilience profile breaks."""
    return []


def bom_ratio_problems(item: BomRatio) -> list[Problem]:
    """Return every rule a single BOM line breaks (the field types check the rest)."""
    return []
